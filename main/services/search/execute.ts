// Evaluates a query plan over the segments of one kind. Semantics and scores are lunr's: every clause
// required unless negated, a clause matching in any field, BM25 (k1 1.2, b 0.75) per field summed over
// the query's terms, with the document frequencies of the whole index (not of one segment), so results of
// a fresh segment rank like those of the base.
//
// Evaluation is document at a time: the words' postings are walked together in ordinal order, the
// rarest leading. Every match is counted (and its facets) until TOTAL_LIMIT; after that, as in Lucene's
// block-max evaluation, an entry is only looked at if the sum of its words' block upper bounds can beat
// the k-th best score so far, so whole blocks of 128 postings are skipped without being decoded. The
// best k are exactly those exhaustive evaluation finds (execute.test.ts checks it on random queries).
import { SEARCH_TOTAL_LIMIT } from '../../../shared/search/types';
import type { EntryKind } from './entries';
import { FACT } from './entry-facts';
import { FacetCounter } from './facets';
import { annotationCandidates, candidatesFromFilters, filterFor } from './filters';
import type { QueryPlan, TextClause, TokenSpec } from './plan';
import { UnionPostings, unionScratch, wordIterator, type ResolvedToken, type UnionScratch, type WeightedTerm } from './clauses';
import { Exclusion, PhraseCheck } from './phrase-check';
import type { Segment } from './segment';
import type { SegmentedIndex } from './segmented-index';
import { K1 } from './bm25';
import { NO_MORE, scoringFor, SLACK, type DocIterator, type Scoring } from './term-postings';
import { TopK } from './top-k';
import { expansionCache } from './expansions';
import { SortedDocs } from './sorted-docs';

/** Matches are counted exactly up to this many; beyond, totals read "10,000+" (as Elasticsearch does). */
export const TOTAL_LIMIT = SEARCH_TOTAL_LIMIT;
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
  /** Matches counted: all of them when `capped` is false, else TOTAL_LIMIT (there are more). */
  total: number;
  capped: boolean;
  /** Terms that matched, for marking words in snippets. */
  terms: Set<string>;
}

export interface ExecuteOptions {
  /** Where the counted matches' facets are counted. */
  facets?: FacetCounter;
  /** Evaluate every match (no skipping): what pruning is checked against. */
  exhaustive?: boolean;
  /** Count up to this many (tests use small limits). */
  totalLimit?: number;
}

/** Per query and kind: the heap of best matches and the count. */
interface Run {
  heap: TopK;
  count: number;
  limit: number;
  capped: boolean;
  exhaustive: boolean;
  facets: FacetCounter | null;
}

const scratches = new WeakMap<Segment, UnionScratch>();

export function executeKind(index: SegmentedIndex, kind: EntryKind, plan: QueryPlan, limit: number, options: ExecuteOptions = {}): KindResult {
  const terms = new Set<string>();
  const run: Run = {
    heap: new TopK(limit),
    count: 0,
    limit: options.totalLimit ?? TOTAL_LIMIT,
    capped: false,
    exhaustive: options.exhaustive ?? false,
    facets: options.facets ?? null,
  };
  if (kind === 'passage' && plan.annotationsOnly) return { top: [], total: 0, capped: false, terms };
  // A passage has none of an annotation's fields: with any annotation filter, even a negated one
  // ("-color:green"), no passage passes (filterFor), and walking a frequent word's passages only to refuse
  // each one was most of such a query's time. Exhaustive evaluation still walks them (what tests compare).
  if (kind === 'passage' && plan.annotationFilters.length > 0 && !run.exhaustive) return { top: [], total: 0, capped: false, terms };
  const stats = index.stats(kind);
  const lengths = index.lengthNorms(kind);
  const idfOf = (df: number) => Math.log(1 + Math.abs((stats.count - df + 0.5) / (df + 0.5)));
  const positive = plan.text.filter((c) => !c.negated);
  const negative = plan.text.filter((c) => c.negated);
  for (const segment of index.ofKind(kind)) {
    if (segment.live === 0) continue;
    const resolve = (clause: TextClause): ResolvedToken[] =>
      clause.tokens.map((token) => resolveToken(index, kind, segment, token, idfOf, terms));
    let scratch = scratches.get(segment);
    if (!scratch) scratches.set(segment, (scratch = unionScratch(segment.n)));
    const scoring = scoringFor(segment, lengths);
    const exclusions = negative.map(resolve).flatMap((clause) => {
      const exclusion = clauseExclusion(segment, clause, scoring, scratch);
      return exclusion ? [exclusion] : [];
    });
    if (positive.length === 0) filtersOnly(run, segment, plan, exclusions);
    else matchWords(run, segment, plan, positive.map(resolve), exclusions, scoring, scratch);
  }
  return { top: run.heap.sorted(), total: run.count, capped: run.capped, terms };
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
  if (match.type === 'terms') return weigh(index, kind, segment, token.ordinal, match.terms, [], idfOf, matched);
  // Prefixes and typos: kept per segment while the index is unchanged (expansions.ts).
  const key = `${segment.uid}:${token.ordinal}:${match.type}:${match.type === 'prefix' ? match.prefix : `${match.word}~${match.distance}`}:${match.exact.join('\u0000')}`;
  const kept = expansionCache.get(key, index.generation);
  if (kept) {
    for (const name of kept.names) matched.add(name);
    return kept.token;
  }
  const expanded = match.type === 'prefix' ? segment.prefixTerms(match.prefix) : segment.fuzzyTerms(match.word, match.distance);
  const names = new Set<string>();
  const resolved = weigh(index, kind, segment, token.ordinal, match.exact, expanded, idfOf, names);
  for (const name of names) matched.add(name);
  let postings = 0;
  for (const t of resolved.terms) postings += segment.r.termDf[t.term]!;
  const bytes = 64 * resolved.terms.length + 12 * Math.min(segment.n, postings);
  expansionCache.set(key, { generation: index.generation, token: resolved, names: [...names], bytes });
  return resolved;
}

/** A word's terms in a segment with their weights: its own terms, then those a prefix or typo reaches. */
function weigh(
  index: SegmentedIndex,
  kind: EntryKind,
  segment: Segment,
  ordinal: number,
  exact: readonly string[],
  expanded: readonly number[],
  idfOf: (df: number) => number,
  matched: Set<string>,
): ResolvedToken {
  const found = new Map<number, number>();
  for (const term of exact) {
    const t = segment.findTerm(term);
    if (t !== -1) found.set(t, 1);
  }
  for (const t of expanded) if (!found.has(t)) found.set(t, EXPANDED_WEIGHT);
  const estimate = found.size > EXACT_DF_LIMIT;
  const scale = segment.n ? index.stats(kind).count / segment.n : 1;
  const terms: WeightedTerm[] = [];
  for (const [t, weight] of found) {
    const term = segment.terms.get(t);
    matched.add(term);
    const df = estimate ? segment.r.termDf[t]! * scale : index.df(kind, term);
    terms.push({ term: t, w: weight * idfOf(df) * (K1 + 1) });
  }
  return { ordinal, terms, stop: null };
}

function clauseExclusion(segment: Segment, clause: ResolvedToken[], scoring: Scoring, scratch: UnionScratch): Exclusion | null {
  const words = clause.filter((t) => t.stop === null);
  const iterators: DocIterator[] = [];
  for (const word of words) {
    const it = wordIterator(segment, word, scoring, scratch);
    if (!it) return null; // a word the segment lacks: the clause excludes nothing here
    iterators.push(it);
  }
  return new Exclusion(iterators, clause.length > 1 ? new PhraseCheck(segment, clause, iterators) : null);
}

/** Counts a match (and its facets) up to the limit; past it, the total is capped. */
function count(run: Run, segment: Segment, d: number): void {
  if (run.count < run.limit) {
    run.count++;
    run.facets?.addEntry(segment, d);
  } else run.capped = true;
}

function matchWords(
  run: Run,
  segment: Segment,
  plan: QueryPlan,
  clauses: ResolvedToken[][],
  exclusions: Exclusion[],
  scoring: Scoring,
  scratch: UnionScratch,
): void {
  const iterators: DocIterator[] = [];
  const phrases: PhraseCheck[] = [];
  for (const clause of clauses) {
    const mine: DocIterator[] = [];
    for (const word of clause) {
      if (word.stop !== null) continue;
      const it = wordIterator(segment, word, scoring, scratch);
      if (!it) return; // a required word the segment lacks: nothing here matches
      mine.push(it);
    }
    iterators.push(...mine);
    if (clause.length > 1) phrases.push(new PhraseCheck(segment, clause, mine));
  }
  if (iterators.length === 0) return;
  // A filter's entries fewer than a word's: the words skip to them (the filter is still tested on each).
  // Exhaustive evaluation does without (what tests compare).
  const candidates = run.exhaustive ? null : annotationCandidates(segment, plan);
  if (candidates && candidates.length < Math.min(...iterators.map((it) => it.cost))) {
    if (candidates.length === 0) return;
    iterators.push(new ListIterator(candidates));
  }
  const ordered = [...iterators].sort((a, b) => a.cost - b.cost);
  const lead = ordered[0]!;
  const others = ordered.slice(1);
  const accept = filterFor(segment, plan);
  const { deleted } = segment;
  const { heap } = run;

  // The window [d, windowEnd] of blocks whose bounds beat the threshold last time it was checked.
  let windowEnd = -1;
  let windowThreshold = -Infinity;
  // While counting: the window [d, scoreWindowEnd] of blocks last bounded, and whether they could beat the threshold.
  let scoreWindowEnd = -1;
  let scoreWindowThreshold = NaN;
  let scoreWindowOpen = true;
  let d = lead.nextDoc();
  while (d !== NO_MORE) {
    const pruning = !run.exhaustive && run.capped && heap.full();
    if (pruning && (d > windowEnd || heap.threshold() !== windowThreshold)) {
      // Skip blocks whose words together cannot beat the k-th best score.
      const threshold = heap.threshold();
      if (others.length === 0 && lead instanceof UnionPostings) {
        lead.raise(threshold);
        d = lead.doc < d ? lead.advance(d) : lead.doc;
        if (d === NO_MORE) break;
      }
      for (;;) {
        let bound = 0;
        let upTo = NO_MORE;
        for (const it of ordered) {
          it.shallowAdvance(d);
          bound += it.blockMax();
          const end = it.blockEnd();
          if (end < upTo) upTo = end;
        }
        if (bound * SLACK > threshold) {
          windowEnd = upTo;
          windowThreshold = threshold;
          break;
        }
        // Nothing up to upTo can enter; past the last block, nothing at all.
        d = upTo >= NO_MORE - 1 ? NO_MORE : Math.max(upTo, d) + 1;
        if (d === NO_MORE) break;
      }
      if (d === NO_MORE) break;
      if (lead.doc < d) d = lead.advance(d);
      if (d === NO_MORE) break;
    }
    if (pruning && others.length) {
      // The lead's own score and the others' block bounds: most entries stop here, before the others move.
      let bound = lead.score();
      for (const it of others) bound += it.blockMax();
      if (bound * SLACK <= heap.threshold()) {
        d = lead.nextDoc();
        continue;
      }
    }
    // Bring every word to the lead's entry (or past it: the lead then catches up).
    let aligned = true;
    for (const it of others) {
      if (it.doc < d) it.advance(d);
      if (it.doc > d) {
        d = lead.advance(it.doc);
        aligned = false;
        break;
      }
    }
    if (!aligned) continue;
    if (!deleted[d] && (accept === null || accept(d))) {
      if (pruning) {
        let score = 0;
        for (const it of iterators) score += it.score();
        if (heap.accepts(score) && verified(d, phrases, exclusions)) heap.push({ segment, ordinal: d, score });
      } else if (verified(d, phrases, exclusions)) {
        count(run, segment, d);
        // Still counting, but once k are kept an entry whose blocks' bounds cannot beat the k-th is not scored.
        if (heap.full() && !run.exhaustive) {
          const threshold = heap.threshold();
          if (d > scoreWindowEnd || threshold !== scoreWindowThreshold) {
            let bound = 0;
            let upTo = NO_MORE;
            for (const it of iterators) {
              it.shallowAdvance(d);
              bound += it.blockMax();
              const end = it.blockEnd();
              if (end < upTo) upTo = end;
            }
            scoreWindowEnd = upTo;
            scoreWindowThreshold = threshold;
            scoreWindowOpen = bound * SLACK > threshold;
          }
        }
        if (scoreWindowOpen || !heap.full() || run.exhaustive) {
          let score = 0;
          for (const it of iterators) score += it.score();
          if (heap.accepts(score)) heap.push({ segment, ordinal: d, score });
        }
      }
    }
    d = lead.nextDoc();
  }
}

function verified(d: number, phrases: PhraseCheck[], exclusions: Exclusion[]): boolean {
  for (const e of exclusions) if (e.excludes(d)) return false;
  for (const p of phrases) if (!p.matches(d)) return false;
  return true;
}

/**
 * Filters only (or exclusions only): the filters' in-memory postings, or every entry, ranked by recency.
 * These are cheap to walk, so they are always counted in full.
 */
function filtersOnly(run: Run, segment: Segment, plan: QueryPlan, exclusions: Exclusion[]): void {
  const accept = filterFor(segment, plan);
  const { deleted } = segment;
  const { heap } = run;
  const byDocument = run.facets && exclusions.length === 0 && plan.annotationFilters.length === 0 && !plan.annotations && plan.excludedAnnotations.size === 0;
  if (byDocument) run.facets!.addDocuments(segment, plan);
  const passages = segment.kind === 'passage';
  for (const d of candidatesFromFilters(segment, plan)) {
    if (deleted[d] || (accept !== null && !accept(d))) continue;
    if (exclusions.length && exclusions.some((e) => e.excludes(d))) continue;
    run.count++;
    if (!byDocument) run.facets?.addEntry(segment, d);
    // A passage's recency is at most 1 (the first one of a document): once k of them are kept, no other can enter.
    if (passages && heap.full() && heap.threshold() >= 1) continue;
    const score = passages ? 1 / (1 + segment.fact(d, FACT.start)) : segment.r.modified[d]! / 1e14;
    if (heap.accepts(score)) heap.push({ segment, ordinal: d, score });
  }
}

/** Entries of an in-memory list, ascending, as an iterator of a conjunction that adds nothing to scores. */
export class ListIterator extends SortedDocs implements DocIterator {
  constructor(list: readonly number[]) {
    super(Int32Array.from(list));
  }

  score(): number {
    return 0;
  }

  shallowAdvance(): void {}

  blockEnd(): number {
    return NO_MORE - 1;
  }

  blockMax(): number {
    return 0;
  }

  maxScore(): number {
    return 0;
  }

  positions(): Int32Array {
    return NO_POSITIONS;
  }
}

const NO_POSITIONS = new Int32Array(0);
