// Finds a stored selection again in a (possibly changed) text. A checked fallback chain: the stored
// position if the quote confirms it, then the exact quote (as written, then whitespace-blind), and only
// when the quote occurs nowhere exactly, an approximate search near the old position before the whole
// text. It never throws: what cannot be placed with confidence comes back as an orphan with a reason.
import type { Selector } from '../model';
import {
  approximateMatchesAnywhere,
  approximateMatchesNear,
  exactOccurrences,
  maxErrorsFor,
  nearCoversAll,
  type Candidate,
} from './candidates';
import { isWhitespace, normalizeSnippet, toNormalizedIndex, toOriginalRange } from './normalize';
import { prepareText, type PreparedText } from './prepared-text';
import { readSelectors, type StoredSelection } from './read-selectors';
import { assess, MIN_CONTEXT_FOR_FUZZY, pickBest, type Assessment, type StoredQuote } from './score';
import { DEFAULT_MIN_SCORE, type AnchorMethod, type AnchorOptions, type AnchorResult } from './types';

export function anchor(text: string, selectors: readonly Selector[], options: AnchorOptions = {}): AnchorResult {
  return anchorPrepared(prepareText(text), selectors, options);
}

/** As `anchor`, for a text prepared once and shared by many annotations. */
export function anchorPrepared(doc: PreparedText, selectors: readonly Selector[], options: AnchorOptions = {}): AnchorResult {
  try {
    return anchorSelection(doc, readSelectors(selectors), minScoreOf(options));
  } catch (error) {
    // A bug here must not lose the annotation: it is reported like any other orphan.
    const message = error instanceof Error ? error.message : String(error);
    return orphaned(`Anchoring failed unexpectedly (${message}); the annotation was kept but not placed.`);
  }
}

function anchorSelection(doc: PreparedText, stored: StoredSelection, minScore: number): AnchorResult {
  const text = doc.raw;
  const { quote, position } = stored;
  if (quote === null && position === null) {
    return orphaned(`The annotation cannot be placed: ${stored.problems.join('; ')}.`);
  }
  if (text.length === 0) return orphaned('The document has no text to place the annotation in.');

  if (position !== null && position.end <= text.length) {
    if (quote === null || text.slice(position.start, position.end) === quote.exact) {
      return anchored(position.start, position.end, 'position', 1, false);
    }
  }
  if (quote === null) {
    return orphaned(
      `The stored position (${position?.start}–${position?.end}) lies beyond the end of the text ` +
        `(${text.length} characters) and there is no quote to search for.`,
    );
  }

  const hint = position === null ? null : Math.min(position.start, text.length);
  const wanted: StoredQuote = {
    exact: normalizeSnippet(quote.exact),
    prefix: normalizeSnippet(quote.prefix),
    suffix: normalizeSnippet(quote.suffix),
  };
  // An exact occurrence always wins over an approximate one: first in the text as it is, then with
  // spacing, line-end hyphens and ligatures normalized (reported as fuzzy: the text did change).
  const exact = exactOccurrences(text, quote.exact, hint).map((c) => assess(text, c, wanted, hint, minScore));
  if (exact.length > 0) return chooseExact(exact, 'quote', (c) => [c.start, c.end]);

  const normalized = doc.normalized();
  const at = hint === null ? null : toNormalizedIndex(normalized, hint);
  const toOriginal = (c: Candidate) => trimmed(text, ...toOriginalRange(normalized, c.start, c.end));
  const judge = (c: Candidate) => assess(normalized.text, c, wanted, at, minScore);
  const spaced = exactOccurrences(normalized.text, wanted.exact, at).map(judge);
  if (spaced.length > 0) return chooseExact(spaced, 'fuzzy', toOriginal);

  const approximate = searchApproximately(normalized.text, wanted.exact, at, judge);
  if (approximate.accepted !== null) {
    const [from, to] = toOriginal(approximate.accepted.candidate);
    return anchored(from, to, 'fuzzy', approximate.accepted.score, false);
  }
  return orphaned(explain(approximate.best, wanted.exact, minScore));
}

/** Context agreeing less than this is reported as changed (whitespace differences never count). */
const CONTEXT_INTACT = 0.9;

/**
 * Among exact occurrences: the best one that its surroundings vouch for; else the only one, marked as
 * found in changed surroundings; several that nothing tells apart are not guessed between.
 */
function chooseExact(assessments: Assessment[], method: AnchorMethod, range: (c: Candidate) => [number, number]): AnchorResult {
  const { accepted, best } = pickBest(assessments);
  const chosen = accepted ?? (assessments.length === 1 ? best : null);
  if (chosen !== null) {
    const [start, end] = range(chosen.candidate);
    return anchored(start, end, method, chosen.score, chosen.context !== null && chosen.context < CONTEXT_INTACT);
  }
  return orphaned(
    `The quoted text occurs ${assessments.length} times, but none in the surroundings it was annotated in ` +
      `(best score ${best!.score.toFixed(2)}); it was not attached, to avoid highlighting the wrong text.`,
  );
}

/** How many times the neighbourhood is searched again with the rejected matches masked. */
const NEAR_ROUNDS = 3;

// Approximate matches in the normalized text: near the old position first (looking past rejected
// matches a few times), then anywhere, so a large text costs one pass.
function searchApproximately(
  text: string,
  quote: string,
  at: number | null,
  judge: (c: Candidate) => Assessment,
): { accepted: Assessment | null; best: Assessment | null } {
  let best: Assessment | null = null;
  const keepBest = (a: Assessment | null) => {
    if (a !== null && (best === null || a.score > best.score)) best = a;
  };
  const maxErrors = maxErrorsFor(quote);
  if (maxErrors === 0) return { accepted: null, best };
  const radius = Math.max(8 * quote.length, 8192);
  if (at !== null) {
    const rejected: Candidate[] = [];
    for (let round = 0; round < NEAR_ROUNDS; round += 1) {
      const candidates = approximateMatchesNear(text, quote, maxErrors, at, radius, rejected);
      if (candidates.length === 0) break;
      const near = pickBest(candidates.map(judge));
      if (near.accepted !== null) return near;
      keepBest(near.best);
      rejected.push(...candidates);
    }
    if (nearCoversAll(text.length, quote.length, at, radius)) return { accepted: null, best };
  }
  const anywhere = pickBest(approximateMatchesAnywhere(text, quote, maxErrors, at).map(judge));
  if (anywhere.accepted !== null) return anywhere;
  keepBest(anywhere.best);
  return { accepted: null, best };
}

function explain(best: Assessment | null, quote: string, minScore: number): string {
  if (best === null) {
    return (
      `The quoted passage was not found in the text, not even with up to ${maxErrorsFor(quote)} ` +
      'characters changed; it may have been deleted or rewritten.'
    );
  }
  const score = `score ${best.score.toFixed(2)}, ${minScore.toFixed(2)} needed`;
  const { errors } = best.candidate;
  const changes = errors === 1 ? '1 character' : `${errors} characters`;
  const refusal = 'it was not attached, to avoid highlighting the wrong text.';
  if (best.context !== null && best.context < MIN_CONTEXT_FOR_FUZZY) {
    return `A passage differing from the quote in ${changes} occurs, but not in the surroundings it was annotated in (${score}); ${refusal}`;
  }
  return `The closest passage differs from the quote in ${changes} (${score}); ${refusal}`;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  let from = start;
  let to = end;
  while (from < to - 1 && isWhitespace(text.charCodeAt(from))) from += 1;
  while (to > from + 1 && isWhitespace(text.charCodeAt(to - 1))) to -= 1;
  return [from, to];
}

function minScoreOf(options: AnchorOptions): number {
  const value = options.minScore;
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : DEFAULT_MIN_SCORE;
}

function anchored(start: number, end: number, method: AnchorMethod, score: number, contextChanged: boolean): AnchorResult {
  return { status: 'anchored', start, end, method, score, contextChanged };
}

function orphaned(reason: string): AnchorResult {
  return { status: 'orphaned', reason };
}
