// Between PDF user space (origin bottom-left of the unrotated page, in points) and a page's viewport
// (CSS pixels, origin top-left of the page as shown: zoomed and rotated). The same transform as
// pdf.js's PageViewport, written out so that highlights of pages not yet loaded can be placed too.
import type { PdfRect } from '../model';

/** A page as the view needs it: its view box (usually the MediaBox/CropBox) and /Rotate. */
export interface PageGeometry {
  /** [x1, y1, x2, y2] in PDF user space. */
  view: readonly [number, number, number, number];
  /** Degrees, a multiple of 90. */
  rotation: number;
  /** /UserUnit: points per user-space unit (1 unless the PDF says otherwise). */
  userUnit?: number;
}

export type Matrix = [number, number, number, number, number, number];

export interface ViewportBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function normaliseRotation(degrees: number): number {
  const r = Math.round(degrees / 90) * 90;
  return ((r % 360) + 360) % 360;
}

/** The size of the page on screen at `scale` (CSS px per point), rotation included. */
export function viewportSize(page: PageGeometry, zoom: number): { width: number; height: number } {
  const scale = zoom * (page.userUnit ?? 1);
  const [x1, y1, x2, y2] = page.view;
  const w = Math.abs(x2 - x1) * scale;
  const h = Math.abs(y2 - y1) * scale;
  return normaliseRotation(page.rotation) % 180 === 0 ? { width: w, height: h } : { width: h, height: w };
}

/** The matrix taking a PDF point to the viewport, as pdf.js's PageViewport computes it. */
export function viewportTransform(page: PageGeometry, zoom: number): Matrix {
  const scale = zoom * (page.userUnit ?? 1);
  const [x1, y1, x2, y2] = page.view;
  const centerX = (x1 + x2) / 2;
  const centerY = (y1 + y2) / 2;
  const rotation = normaliseRotation(page.rotation);
  const [a, b, c, d] =
    rotation === 90 ? [0, 1, 1, 0] : rotation === 180 ? [-1, 0, 0, 1] : rotation === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const offsetX = a === 0 ? Math.abs(centerY - y1) * scale : Math.abs(centerX - x1) * scale;
  const offsetY = a === 0 ? Math.abs(centerX - x1) * scale : Math.abs(centerY - y1) * scale;
  return [
    a * scale,
    b * scale,
    c * scale,
    d * scale,
    offsetX - a * scale * centerX - c * scale * centerY,
    offsetY - b * scale * centerX - d * scale * centerY,
  ];
}

export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function invertMatrix(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  if (det === 0) throw new RangeError('The page transform cannot be inverted.');
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

/** A PDF rectangle as a box on screen (rotation turns it, so width and height may swap). */
export function pdfRectToViewport(page: PageGeometry, scale: number, rect: PdfRect): ViewportBox {
  const m = viewportTransform(page, scale);
  const [ax, ay] = applyMatrix(m, rect[0], rect[1]);
  const [bx, by] = applyMatrix(m, rect[2], rect[3]);
  return { left: Math.min(ax, bx), top: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}

/** A point of the viewport (CSS px from the page's top-left corner) in PDF user space. */
export function viewportPointToPdf(page: PageGeometry, scale: number, x: number, y: number): [number, number] {
  return applyMatrix(invertMatrix(viewportTransform(page, scale)), x, y);
}

/** A box on screen as a PDF rectangle [x1, y1, x2, y2] with x1 < x2 and y1 < y2. */
export function viewportBoxToPdf(page: PageGeometry, scale: number, box: ViewportBox): PdfRect {
  const [ax, ay] = viewportPointToPdf(page, scale, box.left, box.top);
  const [bx, by] = viewportPointToPdf(page, scale, box.left + box.width, box.top + box.height);
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
}
