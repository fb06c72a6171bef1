// The annotations of a document in the order the sidebar lists them (reading order: page by page,
// top to bottom), which page each is on, and which could not be placed: orphans of the text, and
// regions on pages the current file does not have.
import type { AnchoringReport, OrphanedAnnotation } from '../../../shared/anchoring';
import { findSelector, type Annotation, type DocumentText } from '../../../shared/model';
import { pageAt } from '../../../shared/pdf';

export interface Placement {
  placed: Annotation[];
  orphaned: OrphanedAnnotation[];
  pageOf(annotation: Annotation): number | null;
}

interface Entry {
  annotation: Annotation;
  page: number;
  /** Top of the first rectangle, in PDF units (grows upwards), when known. */
  top: number | null;
  start: number | null;
}

/** `text`: its pages (a PDF's, [] while its text is on its way), null for other documents. */
export function placeAnnotations(anchoring: AnchoringReport, text: Pick<DocumentText, 'pages'>, pageCount: number | null): Placement {
  const pages = text.pages;
  const entries: Entry[] = [];
  const orphaned = [...anchoring.orphaned];
  const pageById = new Map<string, number>();
  const areaOf = (annotation: Annotation) => findSelector(annotation, 'PdfAreaSelector')?.areas[0];

  for (const { annotation, start } of anchoring.anchored) {
    const area = areaOf(annotation);
    const page = pages ? pageAt(pages, start) : 0;
    entries.push({ annotation, page, top: area?.page === page ? (area.rects[0]?.[3] ?? null) : null, start });
  }
  for (const region of anchoring.regions) {
    const areas = findSelector(region, 'PdfAreaSelector')?.areas ?? [];
    const first = areas[0];
    const missing = areas.find((a) => pageCount !== null && a.page >= pageCount);
    if (!first || missing) {
      const page = (missing ?? first)?.page ?? 0;
      orphaned.push({ annotation: region, reason: `This region was on page ${page + 1}, which the current file does not have.` });
    } else entries.push({ annotation: region, page: first.page, top: first.rects[0]?.[3] ?? null, start: null });
  }
  entries.sort((a, b) => {
    if (a.page !== b.page) return a.page - b.page;
    if (a.top !== null && b.top !== null) return b.top - a.top;
    if (a.start !== null && b.start !== null) return a.start - b.start;
    return a.start === null ? 1 : -1; // regions without a place among the text come after it
  });
  for (const entry of entries) pageById.set(entry.annotation.id, entry.page);
  for (const { annotation } of orphaned) {
    const area = areaOf(annotation);
    if (area) pageById.set(annotation.id, area.page);
  }
  return {
    placed: entries.map((e) => e.annotation),
    orphaned,
    pageOf: (annotation) => (pages ? (pageById.get(annotation.id) ?? null) : null),
  };
}
