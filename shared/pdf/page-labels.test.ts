import { describe, expect, it } from 'vitest';
import { pageHeading, printedPageLabel, usefulPageLabels } from './page-labels';

describe('usefulPageLabels', () => {
  it('keeps labels that differ from the file numbering, tidied', () => {
    expect(usefulPageLabels(['i', 'ii', ' iii\n', '1'], 4)).toEqual(['i', 'ii', 'iii', '1']);
    expect(usefulPageLabels(['215', '216'], 2)).toEqual(['215', '216']);
    expect(usefulPageLabels(['x'.repeat(100)], 1)).toEqual(['x'.repeat(40)]);
  });

  it('drops labels that only repeat 1, 2, 3, or do not match the pages', () => {
    expect(usefulPageLabels(['1', '2'], 2)).toBeNull();
    expect(usefulPageLabels(null, 2)).toBeNull();
    expect(usefulPageLabels(['i', 'ii'], 3)).toBeNull();
    expect(usefulPageLabels([], 0)).toBeNull();
  });

  it('keeps the page of a label that is not a string, as empty (numbered from the file)', () => {
    const labels = usefulPageLabels(['A-1', 7], 2)!;
    expect(labels).toEqual(['A-1', '']);
    expect(printedPageLabel({ pageLabels: labels }, 1)).toBe('2');
  });
});

describe('printedPageLabel', () => {
  it('numbers pages as in the file when nothing is known', () => {
    expect(printedPageLabel({}, 0)).toBe('1');
    expect(printedPageLabel({}, 11)).toBe('12');
  });

  it("uses the PDF's own labels", () => {
    const numbering = { pageLabels: ['i', 'ii', 'iii', '1'] };
    expect([0, 1, 2, 3].map((i) => printedPageLabel(numbering, i))).toEqual(['i', 'ii', 'iii', '1']);
  });

  it("puts the user's offset before the PDF's labels", () => {
    expect(printedPageLabel({ pageOffset: 214 }, 0)).toBe('215');
    expect(printedPageLabel({ pageOffset: 214, pageLabels: ['a', 'b'] }, 1)).toBe('216');
    expect(printedPageLabel({ pageOffset: 0, pageLabels: ['a', 'b'] }, 1)).toBe('2');
  });

  it('marks pages an offset numbers below 1 with their label, else their file number in brackets', () => {
    expect(printedPageLabel({ pageOffset: -2 }, 0)).toBe('[1]');
    expect(printedPageLabel({ pageOffset: -2 }, 2)).toBe('1');
    expect(printedPageLabel({ pageOffset: -2, pageLabels: ['Cover', '', '1'] }, 0)).toBe('Cover');
    expect(printedPageLabel({ pageOffset: -2, pageLabels: ['Cover', '', '1'] }, 1)).toBe('[2]');
  });
});

describe('pageHeading', () => {
  it('names the printed page and, where it differs, the file page', () => {
    const heading = (numbering: Parameters<typeof printedPageLabel>[0], index: number) => pageHeading(printedPageLabel(numbering, index), index);
    expect(heading({}, 2)).toBe('Page 3');
    expect(heading({ pageLabels: ['xi', 'xii', '3'] }, 1)).toBe('p. xii (page 2 of the file)');
    expect(heading({ pageLabels: ['xi', 'xii', '3'] }, 2)).toBe('Page 3');
    expect(heading({ pageOffset: 214 }, 0)).toBe('p. 215 (page 1 of the file)');
  });
});
