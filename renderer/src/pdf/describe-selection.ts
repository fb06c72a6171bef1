// A selection in the page view as the selectors of a highlight: exact offsets in the stored text
// (through the shared page layout), the quote and position over that text, and the rectangles on
// each page it covers. A page whose text differs from what was imported (a file imported by an older
// version) falls back to finding the selected words in that page's stored text.
import { describeRange } from '../../../shared/anchoring';
import type { DocumentText, Selector } from '../../../shared/model';
import { areaForRange, offsetsBetween, pagesOfRange, type LaidOutPage } from '../../../shared/pdf';
import { findAll } from '../reader/find';
import type { SelectionDescription, TextRange } from '../reader/view-types';
import type { PdfPages, PageTextInfo } from './pdf-pages';
import { rangeToPoints } from './selection';

export type DescribedSelection = SelectionDescription | { problem: string } | null;

/** `pointer`: where a drag ended, if it was a drag (see rangeToPoints). */
export async function describePdfSelection(
  pages: PdfPages,
  text: DocumentText,
  range: Range,
  root: HTMLElement,
  pointer?: { x: number; y: number },
): Promise<DescribedSelection> {
  const points = rangeToPoints(range, root, pointer);
  if (!points) return null;
  const rect = textRect(range);
  const ends = await loadPages(pages, [points.from.page, points.to.page]);
  const exact = (page: number) => (ends.get(page)?.exact ? ends.get(page)!.text : null);
  const offsets = offsetsBetween(text, exact, points.from, points.to) ?? searchSelection(text, range.toString(), points.from.page, points.to.page);
  if (!offsets) {
    if (!range.toString().trim()) return null;
    return { problem: 'This passage could not be matched with the document’s imported text, so it cannot be highlighted here. Try the text view.' };
  }
  return { selectors: await selectorsFor(pages, text, offsets), label: text.text.slice(offsets.start, offsets.end), rect };
}

/** Quote, position and (when its pages map exactly) the rectangles of a passage of the stored text. */
export async function selectorsFor(pages: PdfPages, text: DocumentText, { start, end }: TextRange): Promise<Selector[]> {
  const laidOut = await loadPages(pages, pagesOfRange(text, start, end));
  const area = areaForRange(text, start, end, (page): LaidOutPage | null => {
    const info = laidOut.get(page);
    return info?.exact ? info : null;
  });
  const described = describeRange(text.text, start, end);
  return area ? [...described, area] : described;
}

/**
 * Where the selected text is on screen. A range over text layers also takes in their "end of content"
 * blocks (each as tall as a page), so only line-sized rectangles count.
 */
function textRect(range: Range): DOMRect {
  const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0 && r.height < 120);
  if (lines.length === 0) return range.getBoundingClientRect();
  const left = Math.min(...lines.map((r) => r.left));
  const top = Math.min(...lines.map((r) => r.top));
  return new DOMRect(left, top, Math.max(...lines.map((r) => r.right)) - left, Math.max(...lines.map((r) => r.bottom)) - top);
}

async function loadPages(pages: PdfPages, indexes: number[]): Promise<Map<number, PageTextInfo>> {
  const unique = [...new Set(indexes)];
  const infos = await pages.loadTexts(unique);
  return new Map(unique.map((page, i) => [page, infos[i]!]));
}

function searchSelection(text: DocumentText, selected: string, fromPage: number, toPage: number): TextRange | null {
  const first = text.pages?.[fromPage];
  const last = text.pages?.[toPage];
  if (!first || !last || !selected.trim()) return null;
  return findAll(text.text, selected, first.start, last.end)[0] ?? null;
}
