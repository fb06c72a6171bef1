import { describe, expect, it } from 'vitest';
import { PAGE_GAP, PAGE_MARGIN, fitZoom, layoutPages, nextZoom, pageAt, pagesToDraw, visiblePages } from './page-layout';

const a4 = { view: [0, 0, 595, 842] as const, rotation: 0 };
const landscape = { view: [0, 0, 595, 842] as const, rotation: 90 };

describe('page layout', () => {
  it('stacks pages with gaps, turning rotated ones', () => {
    const layout = layoutPages([a4, landscape, a4], 1);
    expect(layout.boxes.map((b) => b.top)).toEqual([PAGE_MARGIN, PAGE_MARGIN + 842 + PAGE_GAP, PAGE_MARGIN + 842 + 595 + 2 * PAGE_GAP]);
    expect(layout.boxes[1]).toMatchObject({ width: 842, height: 595 });
    expect(layout.width).toBe(842 + 2 * PAGE_MARGIN);
    expect(layout.height).toBe(PAGE_MARGIN * 2 + 842 * 2 + 595 + 2 * PAGE_GAP);
  });

  it('finds the pages in view and the ones to draw around them', () => {
    const { boxes } = layoutPages(Array.from({ length: 100 }, () => a4), 0.5);
    expect(pageAt(boxes, 0)).toBe(0);
    const second = boxes[1]!.top;
    expect(visiblePages(boxes, second + 10, 800)).toEqual([1, 2]);
    expect(pagesToDraw([1, 2], 100)).toEqual([0, 3]);
    expect(pagesToDraw([98, 99], 100)).toEqual([97, 99]);
    // Scrolled into the gap below a page: that page is no longer visible.
    expect(visiblePages(boxes, boxes[3]!.top - 2, 100)[0]).toBe(3);
  });

  it('fits the width or the whole page, and steps the zoom', () => {
    expect(fitZoom(a4, 595 + 2 * PAGE_MARGIN, 10_000, 'width')).toBeCloseTo(1);
    expect(fitZoom(a4, 10_000, 421 + 2 * PAGE_MARGIN, 'page')).toBeCloseTo(0.5);
    expect(nextZoom(1, 1)).toBe(1.1);
    expect(nextZoom(1, -1)).toBe(0.9);
    expect(nextZoom(1.3, 1)).toBe(1.5);
    expect(nextZoom(5, 1)).toBe(5);
  });
});
