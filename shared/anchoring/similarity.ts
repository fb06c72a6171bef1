// How closely two short strings agree, from the edit distance that approx-string-match computes.
import approxSearch from 'approx-string-match';

/**
 * 1 when `actual` contains `stored` unchanged, falling towards 0 with each character inserted,
 * deleted or replaced (counted against the length of `stored`).
 */
export function similarity(stored: string, actual: string): number {
  if (stored.length === 0 || stored === actual) return 1;
  if (actual.length === 0) return 0;
  let errors = stored.length;
  for (const match of approxSearch(actual, stored, stored.length)) errors = Math.min(errors, match.errors);
  return 1 - errors / stored.length;
}
