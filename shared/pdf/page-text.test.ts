import { describe, expect, it } from 'vitest';
import { normaliseParagraph } from '../text/paragraph';
import type { PdfTextItem } from './layout';
import { agreesWithImport, itemSpans, layoutPageText, offsetAtEnd, offsetAtStart, type PageText } from './page-text';

const item = (str: string, x: number, y: number, opts: { size?: number; width?: number; eol?: boolean } = {}): PdfTextItem => {
  const size = opts.size ?? 10;
  return { str, transform: [size, 0, 0, size, x, y], width: opts.width ?? str.length * size * 0.5, height: size, hasEOL: opts.eol ?? false };
};

/** Every character of every item that the text kept, read back through the map. */
function readBack(page: PageText, items: PdfTextItem[]): string[] {
  return items.map((it, i) =>
    [...it.str].map((ch, c) => (page.charOffset[page.itemStart[i]! + c]! >= 0 ? page.text[page.charOffset[page.itemStart[i]! + c]!] : '·')).join(''),
  );
}

describe('layoutPageText', () => {
  it('builds the page text and maps every kept character to its offset', () => {
    const items = [item('Hello', 0, 100), item('world', 30, 100), item('again and', 0, 88), item('', 50, 88, { eol: true }), item('more.', 0, 76)];
    const page = layoutPageText(items);
    expect(page.text).toBe('Hello world again and more.');
    expect(readBack(page, items)).toEqual(['Hello', 'world', 'again and', '', 'more.']);
    expect(agreesWithImport(page)).toBe(true);
  });

  it('drops a hyphen that splits a word across lines, and maps around it', () => {
    const items = [item('an inter-', 0, 100), item('national call', 0, 88)];
    const page = layoutPageText(items);
    expect(page.text).toBe('an international call');
    expect(readBack(page, items)).toEqual(['an inter·', 'national call']);
    // A selection from "inter-" to "national" covers the joined word without a gap.
    expect(page.text.slice(offsetAtStart(page, 0, 3), offsetAtEnd(page, 1, 8))).toBe('international');
    // A selection that ends on the dropped hyphen ends before it.
    expect(page.text.slice(offsetAtStart(page, 0, 3), offsetAtEnd(page, 0, 9))).toBe('inter');
  });

  it('collapses whitespace and drops invisible characters as the import does', () => {
    const items = [item('  two\u00a0 spaces\u0007 here ', 0, 100)];
    const page = layoutPageText(items);
    expect(page.text).toBe(normaliseParagraph(items[0]!.str));
    expect(page.text).toBe('two spaces here');
    expect(offsetAtStart(page, 0, 0)).toBe(0); // leading spaces are skipped
    expect(page.text.slice(offsetAtStart(page, 0, 7), offsetAtEnd(page, 0, 13))).toBe('spaces');
  });

  it('composes decomposed accents and traces the composed letter to its base', () => {
    const items = [item('Zu\u0308rich cafe\u0301', 0, 100)];
    const page = layoutPageText(items);
    expect(page.text).toBe('Zürich café');
    expect(page.text.slice(offsetAtStart(page, 0, 0), offsetAtEnd(page, 0, 3))).toBe('Zü');
    expect(agreesWithImport(page)).toBe(true);
  });

  it('separates paragraphs with a blank line and never maps into the separator', () => {
    const items = [item('First paragraph.', 0, 700), item('Second one.', 0, 640)];
    const page = layoutPageText(items);
    expect(page.text).toBe('First paragraph.\n\nSecond one.');
    expect(page.paragraphs).toEqual(['First paragraph.', 'Second one.']);
    expect(offsetAtStart(page, 1, 0)).toBe(18);
    expect(offsetAtEnd(page, 0, 16)).toBe(16);
  });

  it('gives the characters of each item that show a range of the text', () => {
    const items = [item('alpha beta', 0, 100), item('gamma', 60, 100), item('delta', 0, 88)];
    const page = layoutPageText(items);
    expect(page.text).toBe('alpha beta gamma delta');
    expect(itemSpans(page, 6, 16)).toEqual([
      { item: 0, from: 6, to: 10 },
      { item: 1, from: 0, to: 5 },
    ]);
    expect(itemSpans(page, 17, 22)).toEqual([{ item: 2, from: 0, to: 5 }]);
  });

  it('clamps boundaries outside the items', () => {
    const page = layoutPageText([item('Only line.', 0, 100)]);
    expect(offsetAtStart(page, -1, 0)).toBe(0);
    expect(offsetAtEnd(page, 5, 0)).toBe(page.text.length);
    expect(offsetAtStart(page, 0, 99)).toBe(page.text.length);
  });
});
