// Evaluates a query plan over the segments of one kind. Semantics and scores are lunr's: every clause
// required unless negated, a clause matching in any field, BM25 (k1 1.2, b 0.75) per field summed over
// the query's terms, with the document frequencies of the whole index (not of one segment), so results of
// a fresh segment rank like those of the base. Work is proportional to the postings of the query's
// terms, in typed arrays with no object per match; deleted entries are skipped as they are met.
import { stopId } from './analyzer';
import type { EntryKind } from './entries';
import type { QueryPlan, TextClause, TokenSpec } from './plan';
import { candidatesFromFilters, filterFor } from './filters';
import type { Segment } from './segment';
import type { SegmentedIndex } from './segmented-index';
import { TopK } from './top-k';

const K1 = 1.2;
const B = 0.75;
/** Terms reached by a prefix or a typo count less than the word itself. */
const EXPANDED_WEIGHT = 0.6;
/** Above this many expanded terms, their document frequencies are estimated from the segment alone. */
const EXACT_DF_LIMIT = 64;

export interface Match {
  segment: Segment;
  ordinal: number;
  score: number;
}

/** The matches in one segment, in scratch arrays valid until the next query. */
export interface SegmentMatches {
  segment: Segment;
  ordinals: Int32Array;
  scores: Float64Array;
}

export interface KindResult {
  /** The best `limit` matches, best first. */
  top: Match[];
  /** Every match (for totals and facets). */
  all: SegmentMatches[];
  total: number;
  /** Terms that matched, for marking words in snippets. */
  terms: Set<string>;
}

interface Scratch {
  state: Int32Array;
  score: Float64Array;
  stamp: Int32Array;
  local: Float64Array;
  count: Int32Array;
  excluded: Int32Array;
  /** Candidates of the current clause. */
  list: Int32Array;
  /** Entries matching every clause so far. */
  touched: Int32Array;
  outOrdinals: Int32Array;
  outScores: Float64Array;
  /** For phrases in one-field segments: the posting of each phrase word per entry. */
  posts: Int32Array[];
  next: number;
}

const scratches = new WeakMap<Segment, Scratch>();

function scratchFor(segment: Segment): Scratch {
  let s = scratches.get(segment);
  if (!s) {
    const n = segment.n;
    s = {
      state: new Int32Array(n),
      score: new Float64Array(n),
      stamp: new Int32Array(n),
      local: new Float64Array(n),
      count: new Int32Array(n),
      excluded: new Int32Array(n),
      list: new Int32Array(n),
      touched: new Int32Array(n),
      outOrdinals: new Int32Array(n),
      outScores: new Float64Array(n),
      posts: [],
      next: 0,
    };
    scratches.set(segment, s);
  }
  return s;
}

interface WeightedTerm {
  term: number;
  idf: number;
  weight: number;
}

interface ResolvedToken {
  ordinal: number;
  terms: WeightedTerm[];
  stop: string | null;
}

export function executeKind(index: SegmentedIndex, kind: EntryKind, plan: QueryPlan, limit: number): KindResult {
  const result: KindResult = { top: [], all: [], total: 0, terms: new Set() };
  if (kind === 'passage' && plan.annotationsOnly) return result;
  const stats = index.stats(kind);
  const idfOf = (df: number) => Math.log(1 + Math.abs((stats.count - df + 0.5) / (df + 0.5)));
  const heap = new TopK(limit);
  for (const segment of index.ofKind(kind)) {
    if (segment.live === 0) continue;
    const resolve = (clause: TextClause): ResolvedToken[] =>
      clause.tokens.map((token) => resolveToken(index, kind, segment, token, idfOf, result.terms));
    const positive = plan.text.filter((c) => !c.negated).map(resolve);
    const negative = plan.text.filter((c) => c.negated).map(resolve);
    const matches = matchSegment(segment, positive, negative, plan, stats.avgFieldLen);
    const { ordinals, scores } = matches;
    for (let i = 0; i < ordinals.length; i++) {
      if (heap.accepts(scores[i]!)) heap.push({ segment, ordinal: ordinals[i]!, score: scores[i]! });
    }
    result.all.push(matches);
    result.total += ordinals.length;
  }
  result.top = heap.sorted();
  return result;
}

function resolveToken(
  index: SegmentedIndex,
  kind: EntryKind,
  segment: Segment,
  token: TokenSpec,
  idfOf: (df: number) => number,
  matched: Set<string>,
): ResolvedToken {
  const { match } = token;
  if (match.type === 'stop') return { ordinal: token.ordinal, terms: [], stop: match.word };
  const exact = match.type === 'terms' ? match.terms : match.exact;
  const found = new Map<number, number>();
  for (const term of exact) {
    const t = segment.findTerm(term);
    if (t !== -1) found.set(t, 1);
  }
  if (match.type === 'prefix' || match.type === 'fuzzy') {
    const expanded = match.type === 'prefix' ? segment.prefixTerms(match.prefix) : segment.fuzzyTerms(match.word, match.distance);
    for (const t of expanded) if (!found.has(t)) found.set(t, EXPANDED_WEIGHT);
  }
  const estimate = found.size > EXACT_DF_LIMIT;
  const scale = segment.n ? index.stats(kind).count / segment.n : 1;
  const terms: WeightedTerm[] = [];
  for (const [t, weight] of found) {
    const term = segment.terms.get(t);
    matched.add(term);
    const df = estimate ? segment.s.termDf[t]! * scale : index.df(kind, term);
    terms.push({ term: t, idf: idfOf(df), weight });
  }
  return { ordinal: token.ordinal, terms, stop: null };
}

function matchSegment(
  segment: Segment,
  positive: ResolvedToken[][],
  negative: ResolvedToken[][],
  plan: QueryPlan,
  avgFieldLen: number[],
): SegmentMatches {
  const accept = filterFor(segment, plan);
  const sc = scratchFor(segment);
  const { deleted } = segment;
  const excludedStamp = ++sc.next;
  let anyExcluded = false;
  for (const clause of negative) {
    const found = clauseMatches(segment, clause, sc, -1, avgFieldLen);
    for (let i = 0; i < found; i++) sc.excluded[sc.list[i]!] = excludedStamp;
    anyExcluded ||= found > 0;
  }
  let out = 0;
  const emit = (d: number, score: number) => {
    if (deleted[d] || (anyExcluded && sc.excluded[d] === excludedStamp) || (accept && !accept(d))) return;
    sc.outOrdinals[out] = d;
    sc.outScores[out++] = score;
  };

  if (positive.length === 1) {
    // One clause (the common case): its matches are the results, without the bookkeeping of several.
    const found = clauseMatches(segment, positive[0]!, sc, -1, avgFieldLen);
    const { list, local, outOrdinals, outScores } = sc;
    if (!accept && !anyExcluded) {
      for (let i = 0; i < found; i++) {
        const d = list[i]!;
        if (deleted[d]) continue;
        outOrdinals[out] = d;
        outScores[out++] = local[d]!;
      }
    } else for (let i = 0; i < found; i++) emit(list[i]!, local[list[i]!]!);
  } else if (positive.length === 0) {
    // Filters only (or exclusions only): the filters' in-memory postings, or every entry.
    for (const d of candidatesFromFilters(segment, plan)) emit(d, recency(segment, d));
  } else {
    // Rarest clause first, so later clauses only look at its few candidates.
    const ordered = positive
      .map((clause) => ({ clause, cost: Math.min(...clause.filter((t) => !t.stop).map((t) => postingCount(segment, t))) }))
      .sort((a, b) => a.cost - b.cost)
      .map((x) => x.clause);
    let touched = 0;
    for (let level = 0; level < ordered.length; level++) {
      const found = clauseMatches(segment, ordered[level]!, sc, level === 0 ? -1 : level, avgFieldLen);
      for (let i = 0; i < found; i++) {
        const d = sc.list[i]!;
        if (level === 0) {
          sc.state[d] = 1;
          sc.score[d] = sc.local[d]!;
          sc.touched[touched++] = d;
        } else {
          sc.state[d] = level + 1;
          sc.score[d]! += sc.local[d]!;
        }
      }
    }
    const needed = ordered.length;
    for (let i = 0; i < touched; i++) {
      const d = sc.touched[i]!;
      if (sc.state[d] === needed) emit(d, sc.score[d]!);
      sc.state[d] = 0;
      sc.score[d] = 0;
    }
  }
  return { segment, ordinals: sc.outOrdinals.subarray(0, out), scores: sc.outScores.subarray(0, out) };
}

function postingCount(segment: Segment, token: ResolvedToken): number {
  let count = 0;
  for (const { term } of token.terms) count += segment.s.termStart[term + 1]! - segment.s.termStart[term]!;
  return count;
}

/**
 * Entries matching one clause, into sc.list (the count is returned), with their score for it in
 * sc.local. With `level` >= 0 only entries whose state is `level` (they matched every earlier clause)
 * are considered.
 */
function clauseMatches(segment: Segment, tokens: ResolvedToken[], sc: Scratch, level: number, avgFieldLen: number[]): number {
  const words = tokens.filter((t) => t.stop === null);
  const stamp = ++sc.next;
  const { pDoc, pField, pTf, termStart, fieldLen } = segment.s;
  const F = segment.fieldCount;
  const { state, count, local, list } = sc;
  const stamps = sc.stamp;
  const avg = Float64Array.from(avgFieldLen);
  const phrase = tokens.length > 1;
  // A phrase with one term per word remembers where each word's postings for an entry start (they are
  // sorted by entry, then field), so checking positions needs no search for the postings.
  const remember = phrase && words.every((w) => w.terms.length === 1);
  if (remember) while (sc.posts.length < words.length) sc.posts.push(new Int32Array(segment.n));
  let found = 0;
  for (let k = 0; k < words.length; k++) {
    const posts = remember ? sc.posts[k]! : null;
    for (const { term, idf, weight } of words[k]!.terms) {
      const w = weight * idf * (K1 + 1);
      for (let p = termStart[term]!, end = termStart[term + 1]!; p < end; p++) {
        const d = pDoc[p]!;
        if (level >= 0 && state[d] !== level) continue;
        if (stamps[d] !== stamp) {
          if (k !== 0) continue;
          stamps[d] = stamp;
          count[d] = 1;
          local[d] = 0;
          list[found++] = d;
          if (posts) posts[d] = p;
        } else if (count[d] === k) {
          count[d] = k + 1;
          if (posts) posts[d] = p;
        } else if (count[d] !== k + 1) continue;
        const f = pField[p]!;
        const tf = pTf[p]!;
        local[d]! += (w * tf) / (K1 * (1 - B + (B * fieldLen[d * F + f]!) / avg[f]!) + tf);
      }
    }
  }
  // Keep the entries that had every word (and, for a phrase, had them in order).
  const all = words.length;
  let kept = 0;
  for (let i = 0; i < found; i++) {
    const d = list[i]!;
    if (count[d] !== all) continue;
    if (phrase && !(remember ? phraseInPostings(segment, tokens, sc.posts, d) : phraseAt(segment, tokens, d))) continue;
    list[kept++] = d;
  }
  return kept;
}

/** phraseAt for words whose postings for the entry are known to start at posts[k][d]. */
function phraseInPostings(segment: Segment, tokens: ResolvedToken[], posts: Int32Array[], d: number): boolean {
  const { pPos, positions } = segment.lazy();
  const { pDoc, pField } = segment.s;
  const words = tokens.filter((t) => t.stop === null);
  const postingIn = (k: number, f: number): number => {
    for (let p = posts[k]![d]!; p < pDoc.length && pDoc[p] === d; p++) if (pField[p] === f) return p;
    return -1;
  };
  for (let f = 0; f < segment.fieldCount; f++) {
    const p0 = postingIn(0, f);
    if (p0 === -1) continue;
    const others = words.map((_, k) => (k === 0 ? p0 : postingIn(k, f)));
    if (others.includes(-1)) continue;
    for (let i = pPos[p0]!; i < pPos[p0 + 1]!; i++) {
      const start = positions[i]! - words[0]!.ordinal;
      let fits = true;
      for (let k = 1; k < words.length && fits; k++) {
        const p = others[k]!;
        const wanted = start + words[k]!.ordinal;
        fits = false;
        for (let j = pPos[p]!; j < pPos[p + 1]!; j++) {
          const at = positions[j]!;
          if (at === wanted) fits = true;
          if (at >= wanted) break;
        }
      }
      if (fits && stopWordsAt(segment, tokens, d, f, start)) return true;
    }
  }
  return false;
}

/** True when the tokens occur in one field of the entry at their relative positions (stop words checked). */
function phraseAt(segment: Segment, tokens: ResolvedToken[], d: number): boolean {
  const words = tokens.filter((t) => t.stop === null);
  const first = words[0]!;
  const { pPos, positions } = segment.lazy();
  for (let f = 0; f < segment.fieldCount; f++) {
    const starts: number[] = [];
    for (const { term } of first.terms) {
      const p = segment.findPosting(term, d, f);
      if (p !== -1) for (let i = pPos[p]!; i < pPos[p + 1]!; i++) starts.push(positions[i]! - first.ordinal);
    }
    for (const start of starts) {
      const fits = words.every((token) => token === first || hasPosition(segment, token, d, f, start + token.ordinal));
      if (fits && stopWordsAt(segment, tokens, d, f, start)) return true;
    }
  }
  return false;
}

function hasPosition(segment: Segment, token: ResolvedToken, d: number, f: number, position: number): boolean {
  const { pPos, positions } = segment.lazy();
  for (const { term } of token.terms) {
    const p = segment.findPosting(term, d, f);
    if (p === -1) continue;
    for (let i = pPos[p]!; i < pPos[p + 1]!; i++) if (positions[i] === position) return true;
  }
  return false;
}

/** Stop words are not indexed as terms; the segment records which one stood at each position. */
function stopWordsAt(segment: Segment, tokens: ResolvedToken[], d: number, f: number, start: number): boolean {
  for (const t of tokens) if (t.stop !== null && segment.stopAt(d, f, start + t.ordinal) !== stopId(t.stop)) return false;
  return true;
}

/** Filter-only results: newest annotations first, passages in reading order. */
function recency(segment: Segment, d: number): number {
  if (segment.kind === 'annotation') return segment.s.modified[d]! / 1e14;
  return 1 / (1 + segment.s.start[d]!);
}
