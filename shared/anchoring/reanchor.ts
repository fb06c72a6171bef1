// When a document's file is replaced by a new version, every annotation is anchored again in the new
// text and, where found, described afresh there. PDF rectangles belong to the old file's layout, so a
// re-anchored highlight drops them (the page view draws them again from the new pages). What cannot be
// found is kept exactly as it was: it shows as orphaned, never deleted.
import type { Annotation } from '../model';
import { anchorAnnotations, anchoringNote } from './anchor-all';
import { describeRange } from './describe';

export interface ReanchorReport {
  annotations: Annotation[];
  reanchored: number;
  orphaned: number;
}

export function reanchorAnnotations(newText: string, annotations: readonly Annotation[]): ReanchorReport {
  const report = anchorAnnotations(newText, annotations);
  const moved = new Map<string, Annotation>();
  for (const found of report.anchored) {
    const { annotation, start, end } = found;
    const { anchoring: _, ...rest } = annotation;
    const note = anchoringNote(found) ?? annotation.anchoring;
    moved.set(annotation.id, { ...rest, target: { selector: describeRange(newText, start, end) }, ...(note ? { anchoring: note } : {}) });
  }
  return {
    annotations: annotations.map((a) => moved.get(a.id) ?? a),
    reanchored: report.anchored.length,
    orphaned: report.orphaned.length,
  };
}
