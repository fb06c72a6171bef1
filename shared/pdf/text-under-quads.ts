// The text a PDF markup annotation (Highlight, Underline, StrikeOut, Squiggly) lies on: the characters
// of the page's text items whose middle is inside one of its QuadPoints boxes, as a range of the page's
// laid-out text (page-text.ts). Without a font to measure, characters are placed with proportional
// widths (metrics.ts), and an end that falls one character into or short of a word is moved to the
// word's edge: highlighters select whole words far more often than parts of them.
import type { PdfRect } from '../model';
import { spanRect, type ItemBox, type TextMetrics } from './geometry';
import { PROPORTIONAL_METRICS } from './metrics';
import type { PageText } from './page-text';

/** How far (in points) a character's middle may lie outside a box vertically and still count. */
const VERTICAL_SLACK = 1;

export function textUnderQuads(
  page: PageText,
  items: readonly ItemBox[],
  quads: readonly PdfRect[],
  metrics: TextMetrics = PROPORTIONAL_METRICS,
): { start: number; end: number } | null {
  if (quads.length === 0) return null;
  let start = Infinity;
  let end = -1;
  items.forEach((item, i) => {
    if (!item.str) return;
    const ascent = metrics.ascent(i);
    const measure = (text: string) => metrics.measure(i, text);
    if (!quads.some((q) => overlaps(q, spanRect(item, 0, item.str.length, ascent, measure)))) return;
    const first = page.itemStart[i]!;
    for (let c = 0; c < item.str.length; c++) {
      const offset = page.charOffset[first + c]!;
      if (offset < 0) continue;
      const [x1, y1, x2, y2] = spanRect(item, c, c + 1, ascent, measure);
      const cx = (x1 + x2) / 2;
      const cy = (y1 + y2) / 2;
      const inside = quads.some((q) => cx >= q[0] && cx <= q[2] && cy >= q[1] - VERTICAL_SLACK && cy <= q[3] + VERTICAL_SLACK);
      if (!inside) continue;
      start = Math.min(start, offset);
      end = Math.max(end, offset + 1);
    }
  });
  if (end < 0) return null;
  return snapToWords(page.text, start, end);
}

function overlaps(a: PdfRect, b: PdfRect): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] - VERTICAL_SLACK <= b[3] && b[1] <= a[3] + VERTICAL_SLACK;
}

const WORD = /[\p{L}\p{N}]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

/**
 * [start, end) without surrounding spaces, its ends moved to word edges when they are one character
 * off: one letter of the next word is dropped, a word missing its last letter gets it back.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  if (end - start > 2) {
    // A lone first letter of the next word, or a last letter of the word before.
    if (isWord(text[end - 1]) && /\s/.test(text[end - 2] ?? '') && isWord(text[end])) end -= 2;
    if (isWord(text[start]) && /\s/.test(text[start + 1] ?? '') && isWord(text[start - 1])) start += 2;
  }
  if (isWord(text[end - 1]) && isWord(text[end]) && !isWord(text[end + 1])) end++;
  if (isWord(text[start]) && isWord(text[start - 1]) && !isWord(text[start - 2])) start--;
  return end > start ? { start, end } : null;
}
