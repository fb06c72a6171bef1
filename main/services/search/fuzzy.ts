// word~1: the indexed words within so many edits of a word, with lunr's own automaton for the query word
// (its TokenSet.fromFuzzyString: insertions, deletions, substitutions and transpositions), walked
// against a segment's sorted word list as if it were a trie. lunr intersects it with a TokenSet built
// from every word of the index, which costs an object per trie node (tens of megabytes per segment);
// a sorted list has its prefixes as ranges already, found by binary search.
import { lunr } from './lunr-loaded';
import type { PackedStrings } from './packed-strings';

interface FuzzyNode {
  final: boolean;
  edges: Record<string, FuzzyNode>;
}

// lunr's TokenSet statics are missing from @types/lunr.
const tokenSet = () => lunr().TokenSet as unknown as { fromFuzzyString(word: string, distance: number): FuzzyNode };

const automata = new Map<string, FuzzyNode>();

function automaton(word: string, distance: number): FuzzyNode {
  const key = `${distance}\u0000${word}`;
  let node = automata.get(key);
  if (!node) {
    node = tokenSet().fromFuzzyString(word, distance);
    if (automata.size > 64) automata.clear();
    automata.set(key, node);
  }
  return node;
}

/** Indexes (into `words`) of the words lunr's fuzzy automaton for `word` accepts. */
export function fuzzyWords(words: PackedStrings, word: string, distance: number): number[] {
  const found = new Set<number>();
  const stack: { node: FuzzyNode; depth: number; lo: number; hi: number }[] = [{ node: automaton(word, distance), depth: 0, lo: 0, hi: words.length }];
  while (stack.length) {
    const { node, depth, lo, hi } = stack.pop()!;
    // Every word in [lo, hi) starts with the same `depth` characters; one that ends there sorts first.
    let from = lo;
    if (from < hi && words.charAt(from, depth) === -1) {
      if (node.final && depth > 0) found.add(from);
      from++;
    }
    if (from >= hi) continue;
    for (const edge of Object.keys(node.edges)) {
      const next = node.edges[edge]!;
      if (edge === '*') {
        for (let i = from; i < hi; ) {
          const j = firstAbove(words, i, hi, depth, words.charAt(i, depth));
          stack.push({ node: next, depth: depth + 1, lo: i, hi: j });
          i = j;
        }
      } else {
        const c = edge.charCodeAt(0);
        const i = firstAbove(words, from, hi, depth, c - 1);
        const j = firstAbove(words, i, hi, depth, c);
        if (i < j) stack.push({ node: next, depth: depth + 1, lo: i, hi: j });
      }
    }
  }
  return [...found];
}

/** The first index in [lo, hi) whose character at `depth` is above `c` (the range is sorted on it). */
function firstAbove(words: PackedStrings, lo: number, hi: number, depth: number, c: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words.charAt(mid, depth) <= c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
