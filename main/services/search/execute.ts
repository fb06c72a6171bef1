// Evaluates a query plan over the segments of one kind. Semantics and scores are lunr's: every clause
// required unless negated, a clause matching in any field, BM25 (k1 1.2, b 0.75) per field summed over
// the query's terms, with the document frequencies of the whole index (not of one segment), so results of
// a fresh segment rank like those of the base. Work is proportional to the postings of the query's
// terms, in typed arrays with no object per match; deleted entries are skipped as they are met.
import { analyze } from './analyzer';
import type { EntryKind } from './entries';
import type { AnnotationFilter, QueryPlan, TextClause, TokenSpec } from './plan';
import { metaKey, type Segment } from './segment';
import type { SegmentedIndex } from './segmented-index';

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

export interface KindResult {
  /** The best `limit` matches, best first. */
  top: Match[];
  /** Every match (for totals and facets). */
  all: Match[];
  /** Terms that matched, for marking words in snippets. */
  terms: Set<string>;
}

interface Scratch {
  state: Int32Array;
  score: Float64Array;
  stamp: Int32Array;
  local: Float64Array;
  count: Int32Array;
  next: number;
}

const scratches = new WeakMap<Segment, Scratch>();

function scratchFor(segment: Segment): Scratch {
  let s = scratches.get(segment);
  if (!s) {
    const n = segment.n;
    s = { state: new Int32Array(n), score: new Float64Array(n), stamp: new Int32Array(n), local: new Float64Array(n), count: new Int32Array(n), next: 0 };
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
  const result: KindResult = { top: [], all: [], terms: new Set() };
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
    for (const match of matches) {
      result.all.push(match);
      heap.push(match);
    }
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
    const term = segment.terms[t]!;
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
): Match[] {
  const accept = filterFor(segment, plan);
  const excluded = new Set<number>();
  const sc = scratchFor(segment);
  for (const clause of negative) for (const d of clauseMatches(segment, clause, sc, -1, avgFieldLen)) excluded.add(d);
  const keep = (d: number) => !segment.deleted[d] && !excluded.has(d) && accept(d);

  if (positive.length === 0) {
    // Filters only (or exclusions only): the filters' in-memory postings, or every entry.
    const out: Match[] = [];
    for (const d of candidatesFromFilters(segment, plan)) if (keep(d)) out.push({ segment, ordinal: d, score: recency(segment, d) });
    return out;
  }
  // Rarest clause first, so later clauses only look at its few candidates.
  const ordered = positive
    .map((clause) => ({ clause, cost: Math.min(...clause.filter((t) => !t.stop).map((t) => postingCount(segment, t))) }))
    .sort((a, b) => a.cost - b.cost)
    .map((x) => x.clause);
  let touched: number[] = [];
  ordered.forEach((clause, level) => {
    const docs = clauseMatches(segment, clause, sc, level === 0 ? -1 : level, avgFieldLen);
    for (const d of docs) {
      if (level === 0) {
        sc.state[d] = 1;
        sc.score[d] = sc.local[d]!;
        touched.push(d);
      } else if (sc.state[d] === level) {
        sc.state[d] = level + 1;
        sc.score[d]! += sc.local[d]!;
      }
    }
    if (level > 0 && touched.length > 64) touched = touched.filter((d) => sc.state[d] === level + 1 || resetDoc(sc, d));
  });
  const out: Match[] = [];
  for (const d of touched) {
    if (sc.state[d] === ordered.length && keep(d)) out.push({ segment, ordinal: d, score: sc.score[d]! });
    resetDoc(sc, d);
  }
  return out;
}

function resetDoc(sc: Scratch, d: number): false {
  sc.state[d] = 0;
  sc.score[d] = 0;
  return false;
}

function postingCount(segment: Segment, token: ResolvedToken): number {
  let count = 0;
  for (const { term } of token.terms) count += segment.s.termStart[term + 1]! - segment.s.termStart[term]!;
  return count;
}

/**
 * Entries matching one clause, with their score for it in sc.local. With `level` >= 0 only entries whose
 * state is `level` (they matched every earlier clause) are considered.
 */
function clauseMatches(segment: Segment, tokens: ResolvedToken[], sc: Scratch, level: number, avgFieldLen: number[]): number[] {
  const words = tokens.filter((t) => t.stop === null);
  const stamp = ++sc.next;
  const { pDoc, pField, pTf, termStart, fieldLen } = segment.s;
  const F = segment.fieldCount;
  const out: number[] = [];
  words.forEach((token, k) => {
    for (const { term, idf, weight } of token.terms) {
      for (let p = termStart[term]!, end = termStart[term + 1]!; p < end; p++) {
        const d = pDoc[p]!;
        if (level >= 0 && sc.state[d] !== level) continue;
        const fresh = sc.stamp[d] !== stamp;
        if (k === 0 && fresh) {
          sc.stamp[d] = stamp;
          sc.count[d] = 1;
          sc.local[d] = 0;
          out.push(d);
        } else if (fresh) continue;
        else if (sc.count[d] === k) sc.count[d] = k + 1;
        else if (sc.count[d] !== k + 1) continue;
        const f = pField[p]!;
        const tf = pTf[p]!;
        const length = fieldLen[d * F + f]!;
        sc.local[d]! += (weight * idf * ((K1 + 1) * tf)) / (K1 * (1 - B + (B * length) / (avgFieldLen[f] ?? 1)) + tf);
      }
    }
  });
  const all = out.filter((d) => sc.count[d] === words.length);
  if (tokens.length === 1) return all;
  return all.filter((d) => phraseAt(segment, tokens, d));
}

/** True when the tokens occur in one field of the entry at their relative positions (stop words checked). */
function phraseAt(segment: Segment, tokens: ResolvedToken[], d: number): boolean {
  const words = tokens.filter((t) => t.stop === null);
  const first = words[0]!;
  const { pPos, positions } = segment.s;
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
  const { pPos, positions } = segment.s;
  for (const { term } of token.terms) {
    const p = segment.findPosting(term, d, f);
    if (p === -1) continue;
    for (let i = pPos[p]!; i < pPos[p + 1]!; i++) if (positions[i] === position) return true;
  }
  return false;
}

/** Stop words are not indexed: the stored text tells whether the phrase has the same ones. */
function stopWordsAt(segment: Segment, tokens: ResolvedToken[], d: number, f: number, start: number): boolean {
  const stops = tokens.filter((t) => t.stop !== null);
  if (stops.length === 0) return true;
  const words = analyze(segment.text(d, f));
  return stops.every((t) => words[start + t.ordinal]?.word === t.stop);
}

function filterFor(segment: Segment, plan: QueryPlan): (d: number) => boolean {
  const { documents, excludedDocuments, annotationFilters } = plan;
  if (!documents && excludedDocuments.size === 0 && annotationFilters.length === 0) return () => true;
  const sets = annotationFilters.map((f) => ({ ...f, set: new Set(f.values) }));
  const actorFilters = sets.filter((f) => f.field === 'actor' && !f.negated);
  const stanceFilters = sets.filter((f) => f.field === 'stance' && !f.negated);
  return (d) => {
    const meta = segment.meta[d]!;
    if (documents && !documents.has(meta.documentId)) return false;
    if (excludedDocuments.has(meta.documentId)) return false;
    if (sets.length === 0) return true;
    if (!('annotationId' in meta)) return false;
    for (const filter of sets) {
      if (hasValue(meta, filter) === filter.negated) return false;
    }
    // actor:russia stance:opposes means Russia opposes, not that someone does.
    if (actorFilters.length && stanceFilters.length) {
      return meta.actors.some(([actor, stance]) => actorFilters.every((f) => f.set.has(actor)) && stanceFilters.every((f) => f.set.has(stance)));
    }
    return true;
  };
}

type AnnotationMetaLike = { principles: string[]; actors: [string, string][]; tags: string[]; color: string };

function hasValue(meta: AnnotationMetaLike, filter: AnnotationFilter & { set: Set<string> }): boolean {
  switch (filter.field) {
    case 'principle':
      return meta.principles.some((p) => filter.set.has(p));
    case 'actor':
      return meta.actors.some(([a]) => filter.set.has(a));
    case 'stance':
      return meta.actors.some(([, s]) => filter.set.has(s));
    case 'tag':
      return meta.tags.some((t) => filter.set.has(t.toLowerCase()));
    case 'color':
      return filter.set.has(meta.color);
  }
}

/** The smallest in-memory posting list among the positive filters, or every entry. */
function candidatesFromFilters(segment: Segment, plan: QueryPlan): Iterable<number> {
  const lists: number[][] = [];
  for (const filter of plan.annotationFilters) {
    if (filter.negated) continue;
    const union = new Set<number>();
    for (const value of filter.values) for (const d of segment.withValue(metaKey(filter.field, value))) union.add(d);
    lists.push([...union]);
  }
  if (plan.documents) {
    const union: number[] = [];
    for (const id of plan.documents) union.push(...segment.withValue(metaKey('doc', id)));
    lists.push(union);
  }
  if (lists.length === 0) return range(segment.n);
  return lists.reduce((a, b) => (b.length < a.length ? b : a));
}

function* range(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}

/** Filter-only results: newest annotations first, passages in reading order. */
function recency(segment: Segment, d: number): number {
  const meta = segment.meta[d]!;
  if ('annotationId' in meta) return (Date.parse(meta.modified) || 0) / 1e14;
  return 1 / (1 + meta.start);
}

/** Keeps the best k matches (a min-heap on score). */
class TopK {
  private heap: Match[] = [];
  constructor(private readonly k: number) {}

  push(m: Match): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(m);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent]!.score <= h[i]!.score) break;
        [h[parent], h[i]] = [h[i]!, h[parent]!];
        i = parent;
      }
    } else if (this.k > 0 && m.score > h[0]!.score) {
      h[0] = m;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < h.length && h[l]!.score < h[min]!.score) min = l;
        if (r < h.length && h[r]!.score < h[min]!.score) min = r;
        if (min === i) break;
        [h[min], h[i]] = [h[i]!, h[min]!];
        i = min;
      }
    }
  }

  sorted(): Match[] {
    return [...this.heap].sort((a, b) => b.score - a.score);
  }
}
