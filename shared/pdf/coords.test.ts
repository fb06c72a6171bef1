import { describe, expect, it } from 'vitest';
import { pdfRectToViewport, viewportBoxToPdf, viewportPointToPdf, viewportSize, viewportTransform, type PageGeometry } from './coords';

const a4: PageGeometry = { view: [0, 0, 595, 842], rotation: 0 };

describe('viewport transform', () => {
  it('flips y and scales on an unrotated page', () => {
    expect(viewportTransform(a4, 2).map((n) => n + 0)).toEqual([2, 0, 0, -2, 0, 1684]);
    expect(pdfRectToViewport(a4, 2, [100, 700, 200, 720])).toEqual({ left: 200, top: 244, width: 200, height: 40 });
  });

  it('turns a page rotated by 90°: the top-left of the screen is the PDF origin', () => {
    const page: PageGeometry = { ...a4, rotation: 90 };
    expect(viewportSize(page, 1)).toEqual({ width: 842, height: 595 });
    const box = pdfRectToViewport(page, 1, [0, 0, 10, 20]);
    expect(box).toEqual({ left: 0, top: 0, width: 20, height: 10 });
  });

  it('goes back from the screen to PDF space at any zoom and rotation, with an offset view box', () => {
    for (const rotation of [0, 90, 180, 270, -90, 450]) {
      for (const zoom of [0.5, 1, 1.75, 3]) {
        const page: PageGeometry = { view: [20, 30, 632, 822], rotation, userUnit: zoom === 3 ? 2 : 1 };
        const rect: [number, number, number, number] = [100.5, 200.25, 180, 230];
        const box = pdfRectToViewport(page, zoom, rect);
        const back = viewportBoxToPdf(page, zoom, box);
        back.forEach((v, i) => expect(v).toBeCloseTo(rect[i]!, 6));
        const [x, y] = viewportPointToPdf(page, zoom, 0, 0);
        expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
      }
    }
  });
});
