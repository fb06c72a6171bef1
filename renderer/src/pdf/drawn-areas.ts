// What the page view draws on each page, from the anchoring of the document's annotations: highlights
// from their stored rectangles (when the text still lies where it was described), regions from theirs.
// A highlight whose rectangles are missing or stale (made in the text view, or re-anchored after the
// file was replaced) is listed apart so the view can lay out its pages and draw it again.
import type { AnchoringReport } from '../../../shared/anchoring';
import { findSelector, type Annotation, type HighlightColor, type PdfAreaSelector, type PdfRect } from '../../../shared/model';

export interface DrawnArea {
  id: string;
  color: HighlightColor;
  /** Its principle's colour, when colour follows meaning (it then replaces `color`). */
  tint?: string | null;
  kind: 'highlight' | 'region';
  rects: PdfRect[];
  /** What a screen reader says of it (the marks are drawn, not read): coding, note and quoted text. */
  description: string;
}

export interface AreaNeeded {
  annotation: Annotation;
  start: number;
  end: number;
}

export interface PageDrawing {
  byPage: Map<number, DrawnArea[]>;
  /** Highlights placed in the text whose rectangles must be computed from the pages. */
  needed: AreaNeeded[];
}

export interface DrawingStyle {
  tint(annotation: Annotation): string | null;
  describe(annotation: Annotation, kind: DrawnArea['kind']): string;
}

const PLAIN: DrawingStyle = { tint: () => null, describe: (_, kind) => (kind === 'region' ? 'Region' : 'Highlight') };

export function planDrawing(anchoring: AnchoringReport, pageCount: number, style: DrawingStyle = PLAIN): PageDrawing {
  const byPage = new Map<number, DrawnArea[]>();
  const add = (annotation: Annotation, kind: DrawnArea['kind'], area: PdfAreaSelector) => {
    const description = style.describe(annotation, kind);
    for (const { page, rects } of area.areas) {
      const list = byPage.get(page) ?? [];
      list.push({ id: annotation.id, color: annotation.body.color, tint: style.tint(annotation), kind, rects, description });
      byPage.set(page, list);
    }
  };
  const needed: AreaNeeded[] = [];
  for (const { annotation, start, end, method } of anchoring.anchored) {
    const area = findSelector(annotation, 'PdfAreaSelector');
    if (area && method === 'position') add(annotation, 'highlight', area);
    else needed.push({ annotation, start, end });
  }
  for (const region of anchoring.regions) {
    const area = findSelector(region, 'PdfAreaSelector');
    // A region on a page the file no longer has is listed as orphaned by the reader, not drawn.
    if (area && area.areas.every((a) => a.page < pageCount)) add(region, 'region', area);
  }
  return { byPage, needed };
}

/** The first page and rectangle of an annotation, to scroll to it. */
export function firstArea(annotation: Annotation): { page: number; rect: PdfRect } | null {
  const area = findSelector(annotation, 'PdfAreaSelector')?.areas[0];
  const rect = area?.rects[0];
  return area && rect ? { page: area.page, rect } : null;
}
