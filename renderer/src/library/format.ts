import type { LibraryDocument } from '../../../shared/model';

/** "Smith, Jones · 2019 · Lawfare": the short line under a title. */
export function byline(document: LibraryDocument): string {
  const { authors, date, publication } = document.metadata;
  const names = authors.length > 2 ? `${authors[0]} et al.` : authors.join(', ');
  return [names, date?.slice(0, 4), publication].filter(Boolean).join(' · ');
}
