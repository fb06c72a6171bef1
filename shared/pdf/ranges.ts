// Which pages a passage of DocumentText lies on, and where within each page's text.
import type { PageRange } from '../model';

export interface PageSlice {
  /** Page index, from 0. */
  page: number;
  /** Offsets within the page's text (its slice of the document text). */
  start: number;
  end: number;
}

/** The part of [start, end) on each page it touches; separators between pages belong to none. */
export function pageSlices(pages: readonly PageRange[], start: number, end: number): PageSlice[] {
  const slices: PageSlice[] = [];
  pages.forEach((range, page) => {
    const from = Math.max(start, range.start);
    const to = Math.min(end, range.end);
    if (to > from) slices.push({ page, start: from - range.start, end: to - range.start });
  });
  return slices;
}

/** The page showing document offset `offset` (for a separator between pages, the next page). */
export function pageAt(pages: readonly PageRange[], offset: number): number {
  for (let i = 0; i < pages.length; i++) if (offset < pages[i]!.end && pages[i]!.end > pages[i]!.start) return i;
  return Math.max(0, pages.length - 1);
}
