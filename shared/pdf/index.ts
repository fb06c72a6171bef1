// PDF text and geometry shared by the import (main) and the page view (renderer): one layout
// algorithm, so the page view knows exactly which offset of the stored text each character shows.
export { itemsToLines, linesToParagraphs, joinLine, type PdfLine, type PdfTextItem } from './layout';
export {
  layoutPageText,
  offsetAtStart,
  offsetAtEnd,
  itemSpans,
  PARAGRAPH_SEPARATOR,
  type PageText,
  type ItemSpan,
} from './page-text';
export { rectsForSpans, spanRect, mergeRects, EVEN_METRICS, DEFAULT_ASCENT, type ItemBox, type TextMetrics } from './geometry';
export {
  viewportTransform,
  viewportSize,
  pdfRectToViewport,
  viewportPointToPdf,
  viewportBoxToPdf,
  normaliseRotation,
  type PageGeometry,
  type ViewportBox,
  type Matrix,
} from './coords';
export { pageSlices, pageAt, type PageSlice } from './ranges';
export {
  offsetsBetween,
  areaForRange,
  pagesOfRange,
  matchesStoredText,
  type TextPoint,
  type LaidOutPage,
} from './selection';
export { roundRect } from './geometry';
