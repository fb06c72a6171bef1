// Character widths where no font can be measured (main reads PDFs without a canvas): Helvetica's
// advance widths (Adobe's AFM, in thousandths of the font size) for printable ASCII, letters with
// accents as their base letter, wide scripts as a full em. Within one text item only the ratios
// matter, and these are far closer to any proportional font's than equal widths are: a highlight that
// ends in the middle of a line is found within a fraction of a character instead of several.
import { DEFAULT_ASCENT, type TextMetrics } from './geometry';

// Code points 32…126.
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
  278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
  611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

const AVERAGE = 556;

export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 32;
  if (code >= 32 && code < 127) return ASCII_WIDTHS[code - 32]!;
  if (code < 32) return 0;
  // CJK, Hangul, full-width forms: one em.
  if ((code >= 0x1100 && code <= 0x11ff) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60)) {
    return 1000;
  }
  const base = ch.normalize('NFD')[0];
  if (base && base !== ch) return charWidth(base);
  return AVERAGE;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

export const PROPORTIONAL_METRICS: TextMetrics = {
  measure: (_item, text) => textWidth(text),
  ascent: () => DEFAULT_ASCENT,
};
