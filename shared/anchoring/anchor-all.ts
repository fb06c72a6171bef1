// Anchors every annotation of a document and sorts them into what is placed, what could not be
// placed (reported with a reason, never dropped) and PDF regions, which have no text to anchor.
import type { AnchoringNote, Annotation } from '../model';
import { anchorPrepared } from './anchor';
import { prepareText } from './prepared-text';
import type { AnchorMethod, AnchorOptions } from './types';

export interface AnchoredAnnotation {
  annotation: Annotation;
  start: number;
  end: number;
  method: AnchorMethod;
  score: number;
  contextChanged: boolean;
}

export interface OrphanedAnnotation {
  annotation: Annotation;
  reason: string;
}

export interface AnchoringReport {
  anchored: AnchoredAnnotation[];
  orphaned: OrphanedAnnotation[];
  /** Annotations of a PDF page area only: they are drawn from their rectangles, not anchored in text. */
  regions: Annotation[];
}

/** What to store about how a passage was found: nothing when its own position still held. */
export function anchoringNote(found: Pick<AnchoredAnnotation, 'method' | 'score' | 'contextChanged'>): AnchoringNote | undefined {
  return found.method === 'position' ? undefined : { method: found.method, score: Math.round(found.score * 1000) / 1000, contextChanged: found.contextChanged };
}

export function anchorAnnotations(text: string, annotations: readonly Annotation[], options: AnchorOptions = {}): AnchoringReport {
  const report: AnchoringReport = { anchored: [], orphaned: [], regions: [] };
  const doc = prepareText(text);
  for (const annotation of annotations) {
    const selectors = Array.isArray(annotation.target?.selector) ? annotation.target.selector : [];
    if (isRegion(selectors)) {
      report.regions.push(annotation);
      continue;
    }
    const result = anchorPrepared(doc, selectors, options);
    if (result.status === 'anchored') {
      const { start, end, method, score, contextChanged } = result;
      report.anchored.push({ annotation, start, end, method, score, contextChanged });
    } else {
      report.orphaned.push({ annotation, reason: result.reason });
    }
  }
  return report;
}

/**
 * What can be placed before the document's text is at hand: its regions, drawn from their rectangles.
 * The other annotations wait for the text (`waiting`): none is reported as an orphan meanwhile, since
 * none has been looked for yet.
 */
export function anchorRegionsOnly(annotations: readonly Annotation[]): { report: AnchoringReport; waiting: number } {
  const regions = annotations.filter((a) => isRegion(Array.isArray(a.target?.selector) ? a.target.selector : []));
  return { report: { anchored: [], orphaned: [], regions }, waiting: annotations.length - regions.length };
}

function isRegion(selectors: readonly { type: string }[]): boolean {
  const types = new Set(selectors.map((s) => s?.type));
  return types.has('PdfAreaSelector') && !types.has('TextQuoteSelector') && !types.has('TextPositionSelector');
}
