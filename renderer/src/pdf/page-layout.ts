// Where each page sits in the continuous scroll of the page view, which pages are near the viewport
// (only those get canvases and text layers), and the zoom that fits a page's width or whole page.
import { viewportSize, type PageGeometry } from '../../../shared/pdf';

/** Space between pages and around them, in CSS pixels. */
export const PAGE_GAP = 14;
export const PAGE_MARGIN = 16;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 5;
/** Zoom steps for zoom in/out, as pdf.js's viewer has them (1 = 100 %: one CSS px per point). */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5];

export interface PageBox {
  top: number;
  width: number;
  height: number;
}

export interface PagesLayout {
  boxes: PageBox[];
  /** Height of the whole scroll content. */
  height: number;
  /** Width of the widest page. */
  width: number;
}

export function layoutPages(pages: readonly PageGeometry[], zoom: number): PagesLayout {
  let top = PAGE_MARGIN;
  let width = 0;
  const boxes = pages.map((page) => {
    const size = viewportSize(page, zoom);
    const box = { top, width: size.width, height: size.height };
    top += size.height + PAGE_GAP;
    width = Math.max(width, size.width);
    return box;
  });
  return { boxes, height: top - PAGE_GAP + PAGE_MARGIN, width: width + 2 * PAGE_MARGIN };
}

/** The index of the page at vertical position y (the last page whose top is at or above y). */
export function pageAt(boxes: readonly PageBox[], y: number): number {
  let lo = 0;
  let hi = boxes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (boxes[mid]!.top <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The pages from the first to the last one visible in [top, top + height). */
export function visiblePages(boxes: readonly PageBox[], top: number, height: number): [number, number] {
  if (boxes.length === 0) return [0, -1];
  const first = pageAt(boxes, top);
  const firstShown = boxes[first]!.top + boxes[first]!.height < top && first + 1 < boxes.length ? first + 1 : first;
  return [firstShown, Math.max(firstShown, pageAt(boxes, top + height))];
}

/** The pages to draw: those visible and `margin` more on each side. Everything else is a placeholder. */
export function pagesToDraw(visible: [number, number], count: number, margin = 1): [number, number] {
  return [Math.max(0, visible[0] - margin), Math.min(count - 1, visible[1] + margin)];
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

export function nextZoom(zoom: number, direction: 1 | -1): number {
  const steps = direction === 1 ? ZOOM_STEPS : [...ZOOM_STEPS].reverse();
  return steps.find((step) => (direction === 1 ? step > zoom + 0.001 : step < zoom - 0.001)) ?? clampZoom(zoom);
}

/** The zoom at which `page` fills the width, or the whole of, an area of `width` × `height`. */
export function fitZoom(page: PageGeometry, width: number, height: number, mode: 'width' | 'page'): number {
  const size = viewportSize(page, 1);
  const byWidth = (width - 2 * PAGE_MARGIN) / size.width;
  const byHeight = (height - 2 * PAGE_MARGIN) / size.height;
  return clampZoom(mode === 'width' ? byWidth : Math.min(byWidth, byHeight));
}
