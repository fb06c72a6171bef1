import { describe, expect, it } from 'vitest';
import { mergeRects, rectsForSpans, spanRect, type ItemBox } from './geometry';

const box = (str: string, x: number, y: number, size = 10, width = str.length * 5): ItemBox => ({ str, transform: [size, 0, 0, size, x, y], width });

describe('spanRect', () => {
  it('covers the characters from ascent above the baseline to the rest below it', () => {
    const rect = spanRect(box('abcdefghij', 100, 500), 2, 6, 0.8, (t) => t.length);
    expect(rect).toEqual([110, 498, 130, 508]);
  });

  it('places characters by the measure given', () => {
    // "i" is narrow, "W" is wide: a measure that knows it puts the "W" far from the middle.
    const measure = (t: string) => [...t].reduce((w, ch) => w + (ch === 'i' ? 1 : 4), 0);
    const rect = spanRect(box('iiiW', 0, 0, 10, 70), 3, 4, 0.8, measure);
    expect(rect[0]).toBeCloseTo(30);
    expect(rect[2]).toBeCloseTo(70);
  });

  it('turns with text drawn at an angle', () => {
    // Text running upwards (rotated 90°): the box is tall and narrow, left of the baseline.
    const up: ItemBox = { str: 'abcd', transform: [0, 10, -10, 0, 200, 100], width: 20 };
    const [x1, y1, x2, y2] = spanRect(up, 0, 4, 0.8, (t) => t.length);
    expect([x1, y1, x2, y2].map((n) => Math.round(n))).toEqual([192, 100, 202, 120]);
  });
});

describe('rectsForSpans', () => {
  it('merges the pieces of one line into one band and keeps lines apart', () => {
    const items = [box('Hello', 0, 100), box(' ', 25, 100), box('world', 30, 100), box('next', 0, 88)];
    const rects = rectsForSpans(items, [
      { item: 0, from: 0, to: 5 },
      { item: 1, from: 0, to: 1 },
      { item: 2, from: 0, to: 5 },
      { item: 3, from: 0, to: 2 },
    ]);
    expect(rects).toEqual([
      [0, 98, 55, 108],
      [0, 86, 10, 96],
    ]);
  });

  it('leaves out a lone trailing space', () => {
    const items = [box('end.', 0, 100), box(' ', 20, 100), box('Next', 0, 88)];
    expect(rectsForSpans(items, [{ item: 1, from: 0, to: 1 }])).toEqual([]);
  });
});

describe('mergeRects', () => {
  it('does not merge columns side by side with a wide gutter', () => {
    const rects = mergeRects([
      [0, 0, 100, 10],
      [140, 0, 240, 10],
    ]);
    expect(rects).toHaveLength(2);
  });
});
