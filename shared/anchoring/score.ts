// Decides whether a candidate is the annotated passage. Hypothesis takes the best-scoring match
// whatever its score, so a deleted passage can land on a similar one elsewhere; here a candidate must
// clear a threshold, and an inexact quote must also be vouched for by its surroundings.
import type { Candidate } from './candidates';
import { normalizeSnippet } from './normalize';
import { similarity } from './similarity';

/** The stored quote and its surroundings, normalized. */
export interface StoredQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Assessment {
  candidate: Candidate;
  /** 0..1: how much of the stored quote and context, counted in characters, agrees. */
  score: number;
  /** 0..1, or null when nothing was stored around the quote. */
  context: number | null;
  passes: boolean;
  /** Orders candidates: the score, then closeness to the old position as a tie-breaker. */
  rank: number;
}

/** An inexact quote needs at least one side of its context largely intact (unrelated text scores ~0.3). */
export const MIN_CONTEXT_FOR_FUZZY = 0.6;
const POSITION_WEIGHT = 0.05;

export function assess(
  text: string,
  candidate: Candidate,
  stored: StoredQuote,
  hint: number | null,
  minScore: number,
): Assessment {
  const quoteLength = Math.max(1, stored.exact.length);
  const quote = Math.max(0, 1 - candidate.errors / quoteLength);
  const sides: { similarity: number; length: number }[] = [];
  const before = compareBefore(text, candidate.start, stored.prefix);
  if (before) sides.push(before);
  const after = compareAfter(text, candidate.end, stored.suffix);
  if (after) sides.push(after);
  const context = combineSides(sides.map((s) => s.similarity));
  const contextLength = sides.reduce((sum, s) => sum + s.length, 0);
  // Weighted by characters: a long quote speaks for itself, a short one leans on its context.
  const score = context === null ? quote : (quote * quoteLength + context * contextLength) / (quoteLength + contextLength);
  const vouched = candidate.errors === 0 || context === null || context >= MIN_CONTEXT_FOR_FUZZY;
  const closeness = hint === null ? 0 : 1 - Math.min(1, Math.abs(candidate.start - hint) / Math.max(1, text.length));
  return { candidate, score, context, passes: score >= minScore && vouched, rank: score + POSITION_WEIGHT * closeness };
}

/** The best passing assessment, and the best of all (to explain an orphan). */
export function pickBest(assessments: Assessment[]): { accepted: Assessment | null; best: Assessment | null; all: Assessment[] } {
  let accepted: Assessment | null = null;
  let best: Assessment | null = null;
  for (const a of assessments) {
    if (best === null || a.rank > best.rank) best = a;
    if (a.passes && (accepted === null || a.rank > accepted.rank)) accepted = a;
  }
  return { accepted, best, all: assessments };
}

// One intact side is good evidence (the other may have been edited); both intact is better still.
function combineSides(values: number[]): number | null {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0];
  const hi = Math.max(...values);
  const lo = Math.min(...values);
  return (2 * hi + lo) / 3;
}

// Windows are read wider than needed, then normalized and cut to the stored length, so whitespace
// differences neither shorten nor lengthen the context compared. Where the text itself begins or ends
// within the window, only as much of the stored context as the text has room for is compared: a quote
// at the very end of a text has no suffix to contradict it.
const windowOf = (length: number): number => 2 * length + 8;

function compareBefore(text: string, at: number, stored: string): { similarity: number; length: number } | null {
  if (stored.length === 0) return null;
  const from = at - windowOf(stored.length);
  const window = normalizeSnippet(text.slice(Math.max(0, from), at));
  const wanted = from <= 0 && window.length < stored.length ? stored.slice(stored.length - window.length) : stored;
  if (wanted.length === 0) return null;
  return { similarity: similarity(wanted, window.slice(Math.max(0, window.length - wanted.length))), length: wanted.length };
}

function compareAfter(text: string, at: number, stored: string): { similarity: number; length: number } | null {
  if (stored.length === 0) return null;
  const to = at + windowOf(stored.length);
  const window = normalizeSnippet(text.slice(at, to));
  const wanted = to >= text.length && window.length < stored.length ? stored.slice(0, window.length) : stored;
  if (wanted.length === 0) return null;
  return { similarity: similarity(wanted, window.slice(0, wanted.length)), length: wanted.length };
}
