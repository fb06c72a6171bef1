// The sentence shown with an annotation that an import or a new version of its file had to search for.
import type { AnchoringNote } from '../../../shared/model';

/** How an import or a new file version found this passage, for the user to check. */
export function describeAnchoring(note: AnchoringNote): string {
  const confidence = `confidence ${Math.round(note.score * 100)}%`;
  if (note.method === 'fuzzy') return `Found by a close match to its quote (${confidence}): check that it is the right passage.`;
  if (note.contextChanged) return `Found by its exact quote, but the surrounding text changed (${confidence}): check that it is the right passage.`;
  return `Found by its exact quote (${confidence}).`;
}
