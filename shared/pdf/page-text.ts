// A PDF page's text, as the import stores it (its slice of DocumentText.text), together with a map
// from every character of every pdf.js text item to its offset in that text. Import uses the text;
// the page view uses the map to turn a selection in the text layer into exact offsets, and offsets
// back into the items (and so into rectangles on the page).
import { normaliseParagraph } from '../text/paragraph';
import { itemsToLines, linesToParagraphs, type PdfLine, type PdfTextItem } from './layout';
import { normaliseTraced } from './traced';

/** Paragraphs of one page are separated as blocks are in DocumentText. */
export const PARAGRAPH_SEPARATOR = '\n\n';

export interface PageText {
  /** The page's text: its paragraphs joined by "\n\n". */
  text: string;
  /** The paragraphs, each normalised exactly as the import normalises a block. */
  paragraphs: string[];
  /** The page's lines (used to guess a title from the first page). */
  lines: PdfLine[];
  /** itemStart[i] is the number of characters in items before item i; the last entry is the total. */
  itemStart: Int32Array;
  /** charOffset[itemStart[i] + c] is the offset in `text` of character c of item i, or -1 if dropped. */
  charOffset: Int32Array;
}

/** One item's characters [from, to) that lie in a range of the page's text. */
export interface ItemSpan {
  item: number;
  from: number;
  to: number;
}

export function layoutPageText(items: readonly PdfTextItem[]): PageText {
  const itemStart = new Int32Array(items.length + 1);
  items.forEach((item, i) => (itemStart[i + 1] = itemStart[i]! + item.str.length));
  const charOffset = new Int32Array(itemStart[items.length]!).fill(-1);

  const lines = itemsToLines(items);
  const paragraphs: string[] = [];
  let length = 0;
  for (const raw of linesToParagraphs(lines)) {
    const paragraph = normaliseTraced(raw);
    if (paragraph.text === '') continue; // the import skips blocks that normalise to nothing
    if (paragraphs.length > 0) length += PARAGRAPH_SEPARATOR.length;
    paragraph.src.forEach((source, k) => {
      // A character composed from several keeps the first; the others stay -1 (between neighbours).
      if (source >= 0 && charOffset[source] === -1) charOffset[source] = length + k;
    });
    paragraphs.push(paragraph.text);
    length += paragraph.text.length;
  }
  return { text: paragraphs.join(PARAGRAPH_SEPARATOR), paragraphs, lines, itemStart, charOffset };
}

/** Checks the invariant the import relies on: traced normalisation agrees with the plain one. */
export function agreesWithImport(page: PageText): boolean {
  return page.paragraphs.every((p) => normaliseParagraph(p) === p);
}

/**
 * The text offset where a selection starting before character `char` of item `item` begins: the
 * first kept character at or after that point (characters the layout dropped are skipped).
 */
export function offsetAtStart(page: PageText, item: number, char: number): number {
  const from = clampSource(page, item, char);
  for (let s = from; s < page.charOffset.length; s++) {
    const offset = page.charOffset[s]!;
    if (offset >= 0) return offset;
  }
  return page.text.length;
}

/** The text offset where a selection ending before character `char` of item `item` ends. */
export function offsetAtEnd(page: PageText, item: number, char: number): number {
  const to = clampSource(page, item, char);
  for (let s = to - 1; s >= 0; s--) {
    const offset = page.charOffset[s]!;
    if (offset >= 0) return offset + 1;
  }
  return 0;
}

function clampSource(page: PageText, item: number, char: number): number {
  const count = page.itemStart.length - 1;
  if (item < 0) return 0;
  if (item >= count) return page.charOffset.length;
  const start = page.itemStart[item]!;
  const length = page.itemStart[item + 1]! - start;
  return start + Math.max(0, Math.min(char, length));
}

/** The characters of each item that show the page text's range [start, end), in item order. */
export function itemSpans(page: PageText, start: number, end: number): ItemSpan[] {
  const spans: ItemSpan[] = [];
  const count = page.itemStart.length - 1;
  for (let item = 0; item < count; item++) {
    const first = page.itemStart[item]!;
    const last = page.itemStart[item + 1]!;
    let from = -1;
    let to = -1;
    for (let s = first; s < last; s++) {
      const offset = page.charOffset[s]!;
      if (offset >= start && offset < end) {
        if (from === -1) from = s - first;
        to = s - first + 1;
      }
    }
    if (from !== -1) spans.push({ item, from, to });
  }
  return spans;
}
