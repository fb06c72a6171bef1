import type { LibraryDocument } from '../../../shared/model';

/** "Smith, Jones · 2019 · Lawfare": the short line under a title. */
export function byline(document: Pick<LibraryDocument, 'metadata' | 'fieldOrigins'>): string {
  const { authors, date, publication } = document.metadata;
  const names = authors.length > 2 ? `${authors[0]} et al.` : authors.join(', ');
  return [names, date ? `${date.slice(0, 4)}${dateIsFromFile(document) ? ' (from the file, check it)' : ''}` : null, publication].filter(Boolean).join(' · ');
}

/** Whether the date is only the file's creation date (a PDF whose text gave none): to be checked. */
export function dateIsFromFile(document: Pick<LibraryDocument, 'fieldOrigins'>): boolean {
  return document.fieldOrigins?.date === 'file-created';
}
