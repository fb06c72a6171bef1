// When a document's file is replaced by a new version, every annotation is anchored again in the new
// text and, where found, described afresh there. PDF rectangles belong to the old file's layout, so a
// re-anchored highlight drops them (the page view draws them again from the new pages). What cannot be
// found is kept exactly as it was: it shows as orphaned, never deleted.
import type { Annotation, Selector } from '../model';
import { anchorAnnotations } from './anchor-all';
import { describeRange } from './describe';

export interface ReanchorReport {
  annotations: Annotation[];
  reanchored: number;
  orphaned: number;
}

export function reanchorAnnotations(newText: string, annotations: readonly Annotation[]): ReanchorReport {
  const report = anchorAnnotations(newText, annotations);
  const moved = new Map<string, Selector[]>();
  for (const { annotation, start, end } of report.anchored) moved.set(annotation.id, describeRange(newText, start, end));
  return {
    annotations: annotations.map((a) => {
      const selectors = moved.get(a.id);
      return selectors ? { ...a, target: { selector: selectors } } : a;
    }),
    reanchored: report.anchored.length,
    orphaned: report.orphaned.length,
  };
}
