// Find in document: every place the query occurs in the document's text, ignoring case, accents,
// ligatures and how the words are spaced or broken across lines (a phrase split by a page or column
// break is still found).
import { foldWithOffsets } from '../../../shared/codebooks';
import type { TextRange } from './view-types';

export const MAX_MATCHES = 5_000;

/** A pattern for the query (null for an empty one): words in order, any whitespace between them. */
export function queryPattern(query: string): RegExp | null {
  const words = foldWithOffsets(query).folded.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'giu');
}

/** The ranges of `text` where `query` occurs, in order, at most MAX_MATCHES; within [from, to) if given. */
export function findAll(text: string, query: string, from = 0, to = text.length): TextRange[] {
  const pattern = queryPattern(query);
  if (!pattern) return [];
  const folded = foldWithOffsets(text.slice(from, to));
  const matches: TextRange[] = [];
  for (const match of folded.folded.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    const { start, end } = folded.toOriginal(match.index, match.index + match[0].length);
    matches.push({ start: start + from, end: end + from });
    if (matches.length >= MAX_MATCHES) break;
  }
  return matches;
}

/** The match to show first: the first one at or after `offset`. */
export function firstMatchFrom(matches: readonly TextRange[], offset: number): number {
  const index = matches.findIndex((m) => m.start >= offset);
  return index === -1 ? 0 : index;
}
