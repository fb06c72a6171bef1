// Where characters of pdf.js text items lie on the page, in PDF user space (origin bottom-left,
// unrotated page): the rectangles a highlight stores. The box of an item is the one pdf.js's text
// layer gives its span: from the baseline origin along the text direction for the item's width, and
// from `ascent` of the font height above the baseline to the rest below it. Within an item, the
// position of a character comes from a measure of the text before it (the renderer measures with the
// same canvas font the text layer uses; without one, characters are taken as equally wide).
import type { PdfRect } from '../model';
import type { ItemSpan } from './page-text';

export interface ItemBox {
  str: string;
  transform: readonly number[];
  width: number;
}

export interface TextMetrics {
  /** The advance of `text` (a prefix of item `item`'s string), in any unit consistent for that item. */
  measure(item: number, text: string): number;
  /** The part of the font height above the baseline, 0..1, for item `item`. */
  ascent(item: number): number;
}

/** pdf.js's own default ascent when a font says nothing better. */
export const DEFAULT_ASCENT = 0.8;

export const EVEN_METRICS: TextMetrics = {
  measure: (_item, text) => text.length,
  ascent: () => DEFAULT_ASCENT,
};

/** The rectangle covering characters [from, to) of one item. */
export function spanRect(box: ItemBox, from: number, to: number, ascent: number, measure: (text: string) => number): PdfRect {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = box.transform;
  const total = measure(box.str);
  const at = (chars: number) => (total > 0 ? measure(box.str.slice(0, chars)) / total : chars / Math.max(1, box.str.length));
  const along = Math.hypot(a, b) || 1;
  const height = Math.hypot(c, d) || 1;
  const ux = a / along;
  const uy = b / along;
  const vx = c / height;
  const vy = d / height;
  const s0 = box.width * at(from);
  const s1 = box.width * at(to);
  const up = height * ascent;
  const down = height * (1 - ascent);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of [s0, s1]) {
    for (const v of [up, -down]) {
      xs.push(e + ux * s + vx * v);
      ys.push(f + uy * s + vy * v);
    }
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Rectangles of the given item spans, merged into one per run of text on a line. */
export function rectsForSpans(items: readonly ItemBox[], spans: readonly ItemSpan[], metrics: TextMetrics = EVEN_METRICS): PdfRect[] {
  const rects: PdfRect[] = [];
  for (const span of spans) {
    const box = items[span.item];
    if (!box || span.to <= span.from) continue;
    if (box.str.slice(span.from, span.to).trim() === '' && !spans.some((s) => s !== span && sameLine(box, items[s.item]))) continue;
    rects.push(spanRect(box, span.from, span.to, metrics.ascent(span.item), (text) => metrics.measure(span.item, text)));
  }
  return mergeRects(rects).map(roundRect);
}

function sameLine(a: ItemBox, b: ItemBox | undefined): boolean {
  return !!b && Math.abs((a.transform[5] ?? 0) - (b.transform[5] ?? 0)) < 1;
}

/**
 * Merges rectangles of one line that touch or nearly touch (the gap between two words drawn as two
 * items), so a highlight is drawn as one band per line and never darkens where its pieces overlap.
 */
export function mergeRects(rects: readonly PdfRect[]): PdfRect[] {
  const out: PdfRect[] = [];
  for (const rect of rects) {
    const last = out[out.length - 1];
    if (last && onOneLine(last, rect) && rect[0] <= last[2] + lineHeight(last) * 0.6 && rect[2] >= last[0] - lineHeight(last) * 0.6) {
      out[out.length - 1] = [Math.min(last[0], rect[0]), Math.min(last[1], rect[1]), Math.max(last[2], rect[2]), Math.max(last[3], rect[3])];
    } else out.push(rect);
  }
  return out;
}

const lineHeight = (r: PdfRect) => r[3] - r[1];

function onOneLine(a: PdfRect, b: PdfRect): boolean {
  const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return overlap > 0.6 * Math.min(lineHeight(a), lineHeight(b));
}

const round = (n: number) => Math.round(n * 100) / 100;

export function roundRect(r: PdfRect): PdfRect {
  return [round(r[0]), round(r[1]), round(r[2]), round(r[3])];
}
