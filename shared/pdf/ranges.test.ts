import { describe, expect, it } from 'vitest';
import { pageAt, pageSlices } from './ranges';

const pages = [
  { start: 0, end: 10 },
  { start: 12, end: 12 }, // a page without text
  { start: 12, end: 30 },
];

describe('pageSlices', () => {
  it('splits a passage across a page break into page-relative pieces', () => {
    expect(pageSlices(pages, 5, 20)).toEqual([
      { page: 0, start: 5, end: 10 },
      { page: 2, start: 0, end: 8 },
    ]);
  });

  it('gives nothing for the separator alone', () => {
    expect(pageSlices(pages, 10, 12)).toEqual([]);
  });
});

describe('pageAt', () => {
  it('finds the page of an offset, and the next page for a separator', () => {
    expect(pageAt(pages, 0)).toBe(0);
    expect(pageAt(pages, 9)).toBe(0);
    expect(pageAt(pages, 10)).toBe(2);
    expect(pageAt(pages, 29)).toBe(2);
    expect(pageAt(pages, 30)).toBe(2);
  });
});
