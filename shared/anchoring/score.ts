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
  if (stored.prefix.length > 0) {
    sides.push({ similarity: similarity(stored.prefix, textBefore(text, candidate.start, stored.prefix.length)), length: stored.prefix.length });
  }
  if (stored.suffix.length > 0) {
    sides.push({ similarity: similarity(stored.suffix, textAfter(text, candidate.end, stored.suffix.length)), length: stored.suffix.length });
  }
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
// differences neither shorten nor lengthen the context compared.
function textBefore(text: string, at: number, length: number): string {
  const window = normalizeSnippet(text.slice(Math.max(0, at - 2 * length - 8), at));
  return window.slice(Math.max(0, window.length - length));
}

function textAfter(text: string, at: number, length: number): string {
  return normalizeSnippet(text.slice(at, at + 2 * length + 8)).slice(0, length);
}
