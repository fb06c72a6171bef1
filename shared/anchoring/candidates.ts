// Finds the places in a text where a quote may lie now, exactly or with a bounded number of errors.
import approxSearch from 'approx-string-match';

/** A possible place for the quote: [start, end) and how many edits separate it from the quote. */
export interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/** Scoring stays cheap even for a quote that occurs thousands of times. */
export const MAX_CANDIDATES = 1000;

/** Every occurrence of `quote` in `text`, the ones nearest `hint` first when there are too many. */
export function exactOccurrences(text: string, quote: string, hint: number | null): Candidate[] {
  const found: Candidate[] = [];
  if (quote.length === 0) return found;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    found.push({ start: at, end: at + quote.length, errors: 0 });
  }
  return nearest(found, hint);
}

/** The most errors a fuzzy match may have: a quarter of the quote, at most 256. */
export function maxErrorsFor(quote: string): number {
  return Math.min(Math.floor(quote.length / 4), 256);
}

/** Stands in for text already rejected, so a new search looks past it. */
const MASK = '\uffff';

/**
 * Approximate matches of `quote` within `radius` chars of `center`, ignoring the `rejected` ranges.
 * The matcher returns only the fewest-error matches of what it searches, so a caller that rejects
 * those can search again with them masked to see the next-best ones (e.g. an edited passage hidden
 * behind an exact copy of the old text nearby).
 */
export function approximateMatchesNear(
  text: string,
  quote: string,
  maxErrors: number,
  center: number,
  radius: number,
  rejected: readonly Candidate[] = [],
): Candidate[] {
  const from = Math.max(0, center - radius);
  const to = Math.min(text.length, center + quote.length + radius);
  const window = masked(text, from, to, rejected);
  const found = approxSearch(window, quote, maxErrors).map((m) => ({ start: from + m.start, end: from + m.end, errors: m.errors }));
  return nearest(found, center);
}

function masked(text: string, from: number, to: number, rejected: readonly Candidate[]): string {
  const parts: string[] = [];
  let at = from;
  for (const r of [...rejected].sort((a, b) => a.start - b.start)) {
    const s = Math.max(r.start, at);
    const e = Math.min(r.end, to);
    if (s >= e) continue;
    parts.push(text.slice(at, s), MASK.repeat(e - s));
    at = e;
  }
  parts.push(text.slice(at, to));
  return parts.join('');
}

/** Whether the neighbourhood searched by approximateMatchesNear is the whole text. */
export function nearCoversAll(textLength: number, quoteLength: number, center: number, radius: number): boolean {
  return center - radius <= 0 && center + quoteLength + radius >= textLength;
}

/** The fewest-error approximate matches of `quote` anywhere in `text`. */
export function approximateMatchesAnywhere(
  text: string,
  quote: string,
  maxErrors: number,
  hint: number | null,
): Candidate[] {
  return nearest(approxSearch(text, quote, maxErrors), hint);
}

function nearest(found: Candidate[], hint: number | null): Candidate[] {
  if (found.length <= MAX_CANDIDATES) return found;
  if (hint === null) return found.slice(0, MAX_CANDIDATES);
  return [...found].sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint)).slice(0, MAX_CANDIDATES);
}
