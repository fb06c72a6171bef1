// From a selection on PDF pages to the selectors of a highlight, and from a passage of the document
// text back to rectangles on its pages. A page's laid-out text is used only when it is exactly the
// page's slice of the stored text (it always is for files imported with this layout); otherwise the
// page cannot be mapped character for character and the caller falls back.
import type { DocumentText, PdfAreaSelector } from '../model';
import { EVEN_METRICS, rectsForSpans, type ItemBox, type TextMetrics } from './geometry';
import { itemSpans, offsetAtEnd, offsetAtStart, type PageText } from './page-text';
import { pageSlices } from './ranges';

/** A point between two characters of a page's text items. */
export interface TextPoint {
  page: number;
  item: number;
  char: number;
}

export interface LaidOutPage {
  text: PageText;
  items: readonly ItemBox[];
  metrics?: TextMetrics;
}

/** Whether a laid-out page shows exactly the stored text of that page. */
export function matchesStoredText(text: DocumentText, page: number, laidOut: PageText): boolean {
  const range = text.pages?.[page];
  return !!range && text.text.slice(range.start, range.end) === laidOut.text;
}

/**
 * The document offsets [start, end) between two points, with whitespace at either end left out;
 * null when a point's page is not mapped or nothing but whitespace lies between.
 */
export function offsetsBetween(
  text: DocumentText,
  pageText: (page: number) => PageText | null,
  from: TextPoint,
  to: TextPoint,
): { start: number; end: number } | null {
  const a = pageText(from.page);
  const b = pageText(to.page);
  const first = text.pages?.[from.page];
  const last = text.pages?.[to.page];
  if (!a || !b || !first || !last) return null;
  let start = first.start + offsetAtStart(a, from.item, from.char);
  let end = last.start + offsetAtEnd(b, to.item, to.char);
  while (start < end && /\s/.test(text.text[start]!)) start++;
  while (end > start && /\s/.test(text.text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** The rectangles of document passage [start, end) on each page, or null if a page is not laid out. */
export function areaForRange(
  text: DocumentText,
  start: number,
  end: number,
  laidOut: (page: number) => LaidOutPage | null,
): PdfAreaSelector | null {
  const areas: PdfAreaSelector['areas'] = [];
  for (const slice of pageSlices(text.pages ?? [], start, end)) {
    const page = laidOut(slice.page);
    if (!page) return null;
    const rects = rectsForSpans(page.items, itemSpans(page.text, slice.start, slice.end), page.metrics ?? EVEN_METRICS);
    if (rects.length > 0) areas.push({ page: slice.page, rects });
  }
  return areas.length > 0 ? { type: 'PdfAreaSelector', areas } : null;
}

/** The pages a passage lies on (to lay them out before asking for its area). */
export function pagesOfRange(text: DocumentText, start: number, end: number): number[] {
  return pageSlices(text.pages ?? [], start, end).map((s) => s.page);
}
