// Drawing a page into a canvas of its own, off-screen, and drawing the first page ahead of time: as
// soon as pdf.js has page 1 (while the document's text is still on its way from main and the reader
// is being set up), it is drawn at the zoom the page view will use: fit to the width of its pages'
// area, which the reader measures while the file is being opened (or that of the last page view).
// The page view then takes that canvas instead of drawing page 1 again.
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { fitZoom } from './page-layout';
import { geometryOf } from './pdf-pages';

export interface DrawnPage {
  canvas: HTMLCanvasElement;
  zoom: number;
  /** Its size in CSS pixels. */
  width: number;
  height: number;
  /** Canvas pixels per CSS pixel. */
  scale: number;
}

export interface PageDrawing {
  done: Promise<DrawnPage>;
  cancel(): void;
}

/** Canvas pixels per CSS pixel: the screen's, but never so many that a page canvas gets huge. */
export function outputScale(width: number, height: number): number {
  const MAX_PIXELS = 16_000_000;
  const wanted = window.devicePixelRatio || 1;
  return Math.min(wanted, Math.sqrt(MAX_PIXELS / Math.max(1, width * height)));
}

export function drawPage(page: PDFPageProxy, zoom: number): PageDrawing {
  const viewport = page.getViewport({ scale: zoom });
  const scale = outputScale(viewport.width, viewport.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * scale);
  canvas.height = Math.floor(viewport.height * scale);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  const task = page.render({ canvas, viewport, transform: scale !== 1 ? [scale, 0, 0, scale, 0, 0] : undefined });
  return { done: task.promise.then(() => ({ canvas, zoom, width: viewport.width, height: viewport.height, scale })), cancel: () => task.cancel() };
}

/** The width of the pages' area, measured by the reader opening a PDF or by the last page view. */
let lastViewWidth: number | null = null;
/** Page 1 of a PDF parsed before any width was known: it is drawn as soon as one is. */
let waitingForWidth: { pdf: PDFDocumentProxy; page: PDFPageProxy } | null = null;

export function rememberViewWidth(width: number): void {
  if (width <= 0) return;
  lastViewWidth = width;
  if (waitingForWidth) {
    const { pdf, page } = waitingForWidth;
    waitingForWidth = null;
    drawFirstPageAhead(pdf, page);
  }
}

const drawnAhead = new WeakMap<PDFDocumentProxy, { zoom: number; done: Promise<DrawnPage | null> }>();

/** Starts drawing page 1 at the zoom that fits the pages' area (at once, or once its width is known). */
export function drawFirstPageAhead(pdf: PDFDocumentProxy, page: PDFPageProxy): void {
  if (drawnAhead.has(pdf)) return;
  if (lastViewWidth === null) {
    waitingForWidth = { pdf, page };
    return;
  }
  const zoom = fitZoom(geometryOf(page), lastViewWidth, 0, 'width');
  drawnAhead.set(pdf, { zoom, done: drawPage(page, zoom).done.catch(() => null) });
}

/**
 * Page 1 drawn ahead at `zoom` (waiting for it if it is still being drawn), or null if it was not
 * drawn ahead at that zoom, or failed. It is handed out once.
 */
export async function takeFirstPageDrawn(pdf: PDFDocumentProxy, zoom: number): Promise<DrawnPage | null> {
  const ahead = drawnAhead.get(pdf);
  if (ahead?.zoom !== zoom) return null;
  drawnAhead.delete(pdf);
  const drawn = await ahead.done;
  // The screen's pixel density may have changed meanwhile (the window moved to another screen).
  if (drawn && drawn.scale !== outputScale(drawn.width, drawn.height)) {
    drawn.canvas.width = drawn.canvas.height = 0;
    return null;
  }
  return drawn;
}
