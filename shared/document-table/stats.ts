import type { Annotation } from '../model';
import type { DocumentStats } from './columns';

/** A document's counts for the table: its annotations, and the distinct principles they link to. */
export function documentStats(annotations: readonly Annotation[]): DocumentStats {
  const principles = new Set<string>();
  for (const a of annotations) for (const p of a.body.principles) principles.add(p);
  return { annotations: annotations.length, principles: principles.size };
}
