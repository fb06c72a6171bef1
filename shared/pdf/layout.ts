// From pdf.js text items to paragraphs. Items come in content-stream order, which for nearly all
// real PDFs (word processors, LaTeX, two-column layouts) is reading order, column by column. Items
// become lines (an explicit end of line or a baseline change), and lines become paragraphs where the
// vertical gap is larger than the page's usual line spacing, the text moves up (a new column), the
// font size changes, or the line is indented. Text is traced (see traced.ts) so that every character
// of the result can be followed back to the item it came from; the order of items is never changed.
import { added, concat, fromSource, slice, trimEnd, trimStart, type Traced } from './traced';

/** The parts of a pdf.js TextItem we use. */
export interface PdfTextItem {
  str: string;
  transform: readonly number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PdfLine {
  text: string;
  /** Where each character of `text` came from (see traced.ts). */
  src: readonly number[];
  x: number;
  /** Baseline, in PDF units (grows upwards). */
  y: number;
  /** Font size (the larger of the line's items). */
  size: number;
  /** Right end of the line. */
  right: number;
}

const fontSize = (item: PdfTextItem): number =>
  Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || item.height || 10;

interface LinePart {
  text: Traced;
  x: number;
  right: number;
  size: number;
}

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE]/gu;
const LTR_LETTER = /[\p{L}\p{N}]/gu;
const rtlCount = (text: string) => text.match(RTL_LETTER)?.length ?? 0;
const ltrCount = (text: string) => (text.match(LTR_LETTER)?.length ?? 0) - rtlCount(text);

/**
 * The parts of a right-to-left line in reading order. pdf.js gives each item's characters in logical
 * order, but the items of a line in the order the file draws them, usually left to right: an Arabic or
 * Hebrew line then reads last word first, and a reader's typed words are not found. Read right to
 * left, except runs of left-to-right items (numbers, Latin words), which keep their order.
 */
function rightToLeft(parts: readonly LinePart[]): LinePart[] {
  const visual = [...parts].sort((a, b) => a.x - b.x);
  const dir = visual.map((p) => (rtlCount(p.text.text) > 0 ? 'r' : ltrCount(p.text.text) > 0 ? 'l' : 'n'));
  // A neutral part (a space, punctuation) between two left-to-right parts belongs to their run.
  const ltr = dir.map((d, i) => d === 'l' || (d === 'n' && dir.slice(0, i).reverse().find((x) => x !== 'n') === 'l' && dir.slice(i + 1).find((x) => x !== 'n') === 'l'));
  const ordered: LinePart[] = [];
  let i = visual.length - 1;
  while (i >= 0) {
    if (!ltr[i]) {
      ordered.push(visual[i--]!);
      continue;
    }
    let start = i;
    while (start > 0 && ltr[start - 1]) start--;
    ordered.push(...visual.slice(start, i + 1));
    i = start - 1;
  }
  return ordered;
}

/** A line's text from its parts in reading order, with a space where the gap shows a word break pdf.js did not write. */
function joinParts(parts: readonly LinePart[], rtl: boolean): Traced {
  const out: Traced[] = [];
  let prev: LinePart | null = null;
  for (const part of parts) {
    if (prev) {
      const gap = rtl ? prev.x - part.right : part.x - prev.right;
      const joined = /\s$/.test(prev.text.text) || /^\s/.test(part.text.text);
      if (!joined && gap > part.size * 0.15) out.push(added(' '));
      out.push(part.text);
      prev = rtl ? { ...part } : { ...part, right: Math.max(prev.right, part.right) };
    } else {
      out.push(part.text);
      prev = { ...part };
    }
  }
  return concat(...out);
}

/** Lines of a page's items; characters are numbered across items in order, from 0. */
export function itemsToLines(items: readonly PdfTextItem[]): PdfLine[] {
  const lines: { parts: LinePart[]; x: number; y: number; size: number; right: number }[] = [];
  let line: (typeof lines)[number] | null = null;
  let endOfLine = false;
  let first = 0;
  for (const item of items) {
    const source = fromSource(item.str, first);
    first += item.str.length;
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = fontSize(item);
    const sameLine =
      line !== null && !endOfLine && Math.abs(y - line.y) <= Math.max(size, line.size) * 0.5 && x >= line.right - size * 2;
    if (item.str === '') {
      // Empty items carry only an end-of-line mark.
      if (item.hasEOL) endOfLine = true;
      continue;
    }
    const part = { text: source, x, right: x + item.width, size };
    if (!sameLine || !line) {
      line = { parts: [part], x, y, size, right: x + item.width };
      lines.push(line);
    } else {
      line.parts.push(part);
      line.right = Math.max(line.right, x + item.width);
      line.size = Math.max(line.size, size);
    }
    endOfLine = item.hasEOL;
  }
  return lines
    .map(({ parts, x, y, size, right }) => {
      const all = parts.map((p) => p.text.text).join('');
      const rtl = rtlCount(all) > ltrCount(all);
      const traced = joinParts(rtl ? rightToLeft(parts) : parts, rtl);
      return { text: traced.text, src: traced.src, x, y, size, right };
    })
    .filter((l) => l.text.trim() !== '');
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? null;
}

/** The page's normal distance between two lines of one paragraph. */
function usualLineGap(lines: readonly PdfLine[]): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const gap = prev.y - lines[i]!.y;
    if (gap > prev.size * 0.5 && gap < prev.size * 4) gaps.push(gap);
  }
  // A low percentile: paragraph gaps are the exception, so most gaps are line gaps, but on a page of
  // short paragraphs the median could be a paragraph gap.
  return percentile(gaps, 0.2);
}

function startsParagraph(prev: PdfLine, line: PdfLine, usualGap: number | null): boolean {
  const gap = prev.y - line.y;
  const sizeRatio = line.size / prev.size;
  if (sizeRatio > 1.15 || sizeRatio < 1 / 1.15) return true;
  if (gap <= prev.size * 0.5) {
    // Moved up: a new column. A sentence cut mid-way by the column break goes on in lower case.
    const unfinished = !/[.!?:;"”’')\]]$/.test(prev.text.trimEnd()) && /^\p{Ll}/u.test(line.text.trimStart());
    return !(gap < -prev.size && unfinished);
  }
  const normal = Math.min(Math.max(usualGap ?? prev.size * 1.2, prev.size * 0.9), prev.size * 2.5);
  if (gap > normal * 1.3 + 0.5) return true;
  return line.x - prev.x > line.size * 0.8; // a first-line indent
}

/**
 * Joins a line to the paragraph so far (its parts, changed in place: only the end of the paragraph
 * is touched, so long paragraphs are not copied line after line). "inter-" + "national" becomes
 * "international" only when the next line goes on in lower case; otherwise the hyphen stays
 * ("Franco-" + "German").
 */
function joinInto(parts: Traced[], next: Traced): void {
  // Trim the paragraph's end, across parts that are nothing but whitespace.
  while (parts.length > 0) {
    const last = trimEnd(parts[parts.length - 1]!);
    if (last.text === '') parts.pop();
    else {
      parts[parts.length - 1] = last;
      break;
    }
  }
  const following = trimStart(next);
  const last = parts[parts.length - 1];
  const text = last?.text ?? '';
  const dropLast = () => (parts[parts.length - 1] = slice(last!, 0, text.length - 1));
  if (text.endsWith('\u00ad')) dropLast(); // soft hyphen: always a split word
  else if (/\p{L}-$/u.test(text)) {
    if (/^\p{Ll}/u.test(following.text)) dropLast();
  } else parts.push(added(' '));
  parts.push(following);
}

/** The paragraph-joining rule on plain strings. */
export function joinLine(paragraph: string, next: string): string {
  const parts = [added(paragraph)];
  joinInto(parts, added(next));
  return concat(...parts).text;
}

/** Paragraphs of a page's lines, traced (not yet whitespace-normalised). */
export function linesToParagraphs(lines: readonly PdfLine[]): Traced[] {
  const usualGap = usualLineGap(lines);
  const paragraphs: Traced[] = [];
  let current: Traced[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = lines[i - 1];
    if (current === null || !prev || startsParagraph(prev, line, usualGap)) {
      if (current !== null) paragraphs.push(concat(...current));
      current = [line];
    } else {
      joinInto(current, line);
    }
  }
  if (current !== null) paragraphs.push(concat(...current));
  return paragraphs;
}
