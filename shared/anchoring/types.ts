// The result types of anchoring, kept apart so callers can import them without the algorithm.

/** How a passage was found again: its stored position, its exact quote, or a tolerant search. */
export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

/**
 * Where a stored selection lies in a text now. `score` (0..1) says how well the passage and its
 * surroundings agree with what was stored; `contextChanged` that the quote was found exactly but its
 * surroundings differ from the stored ones (worth a look). An orphan says in words why it could not be
 * placed.
 */
export type AnchorResult =
  | { status: 'anchored'; start: number; end: number; method: AnchorMethod; score: number; contextChanged: boolean }
  | { status: 'orphaned'; reason: string };

export interface AnchorOptions {
  /**
   * The least score a quote or fuzzy match needs to be accepted (default 0.75). Anything weaker is
   * reported as an orphan rather than attached to text that may not be the annotated passage.
   */
  minScore?: number;
}

export const DEFAULT_MIN_SCORE = 0.75;
