// What a query's words become in one segment: an iterator per word (one term's postings, or the union
// of a word's alternatives: its stem and folded form, a prefix's or a typo's expansions). Phrases and
// -words are checked in phrase-check.ts.
import type { Segment } from './segment';
import { SortedDocs } from './sorted-docs';
import { accumulateTerm, NO_MORE, SLACK, TermPostings, type DocIterator, type Scoring } from './term-postings';

export interface WeightedTerm {
  term: number;
  /** weight × idf × (k1 + 1) */
  w: number;
}

export interface ResolvedToken {
  ordinal: number;
  terms: WeightedTerm[];
  stop: string | null;
  /** The DenseUnion of a word with many terms in one segment, once built (kept with the token). */
  dense?: DenseData;
}

/**
 * Above this many terms, a word's alternatives are scored term at a time into an array (DenseUnion), its
 * longest lists included: walking those beside the array (to skip their blocks) made the union an entry
 * by entry merge again, which cost two to three times as much as adding their postings into the array
 * (a prefix such as "sta*" reaches "state", in nine passages of ten, and a thousand rare terms).
 */
const DAAT_TERMS = 12;
/** Regions of terms closer than this in the file are read together, up to READ_SPAN bytes at once. */
const READ_GAP = 1 << 16;
const READ_SPAN = 4 << 20;

/** The iterator of one word, or null when none of its terms is in the segment. */
export function wordIterator(segment: Segment, token: ResolvedToken, scoring: Scoring, scratch: UnionScratch): DocIterator | null {
  const { terms } = token;
  if (terms.length === 0) return null;
  if (terms.length === 1) return new TermPostings(segment, terms[0]!.term, terms[0]!.w, scoring);
  if (terms.length <= DAAT_TERMS) return new UnionPostings(terms.map((t) => new TermPostings(segment, t.term, t.w, scoring)));
  // Many terms: scored together, once per token (a token kept with its expansion, expansions.ts, builds
  // it for the first query only).
  token.dense ??= denseData(segment, terms, scoring, scratch);
  return new DenseUnion(segment, terms, scoring, token.dense);
}

/** The postings regions of many terms, read a run of neighbouring terms at a time (expansions sort together). */
function readTogether(segment: Segment, terms: number[]): Map<number, Uint8Array> {
  const { termPost } = segment.r;
  const sorted = [...terms].sort((a, b) => a - b);
  const out = new Map<number, Uint8Array>();
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    const from = termPost[sorted[i]!]!;
    while (
      j < sorted.length &&
      termPost[sorted[j]!]! - termPost[sorted[j - 1]! + 1]! < READ_GAP &&
      termPost[sorted[j]! + 1]! - from < READ_SPAN
    ) {
      j++;
    }
    const bytes = segment.region('postings', from, termPost[sorted[j - 1]! + 1]!);
    for (let k = i; k < j; k++) {
      const t = sorted[k]!;
      out.set(t, bytes.subarray(termPost[t]! - from, termPost[t + 1]! - from));
    }
    i = j;
  }
  return out;
}

/**
 * Several terms' postings as one, document at a time; an entry's score is the sum of its terms'. Once
 * only entries scoring above a threshold matter (raise()), the terms whose best scores together stay
 * below it no longer lead (MaxScore, as Lucene and Tantivy do): an entry must have one of the others,
 * and the weak terms are only looked up for such entries.
 */
export class UnionPostings implements DocIterator {
  doc = -1;
  readonly cost: number;
  private leading: DocIterator[];
  /** Per sub, true once it no longer leads. */
  private readonly optional: boolean[];
  private floor = -Infinity;

  constructor(private readonly subs: DocIterator[]) {
    this.cost = subs.reduce((sum, s) => sum + s.cost, 0);
    this.leading = subs;
    this.optional = subs.map(() => false);
  }

  /** Entries scoring at most `threshold` may be passed over from now on. */
  raise(threshold: number): void {
    if (threshold <= this.floor) return;
    this.floor = threshold;
    const order = this.subs.map((s, i) => ({ i, max: s.maxScore() })).sort((a, b) => a.max - b.max);
    let sum = 0;
    for (const { i, max } of order) {
      sum += max;
      if (sum * SLACK > threshold) break;
      this.optional[i] = true;
    }
    this.leading = this.subs.filter((_, i) => !this.optional[i]);
    // The current entry may have had only terms that no longer lead.
    this.settle();
  }

  private settle(): number {
    let min = NO_MORE;
    for (const s of this.leading) if (s.doc < min) min = s.doc;
    return (this.doc = min);
  }

  nextDoc(): number {
    const at = this.doc;
    for (const s of this.leading) if (s.doc === at) s.nextDoc();
    return this.settle();
  }

  advance(target: number): number {
    for (const s of this.leading) if (s.doc < target) s.advance(target);
    return this.settle();
  }

  /** Brings the terms that no longer lead to the current entry. */
  private probe(): void {
    const d = this.doc;
    for (let i = 0; i < this.subs.length; i++) if (this.optional[i] && this.subs[i]!.doc < d) this.subs[i]!.advance(d);
  }

  score(): number {
    if (this.leading !== this.subs) this.probe();
    let sum = 0;
    for (const s of this.subs) if (s.doc === this.doc) sum += s.score();
    return sum;
  }

  maxScore(): number {
    let sum = 0;
    for (const s of this.subs) sum += s.maxScore();
    return sum;
  }

  shallowAdvance(target: number): void {
    for (const s of this.subs) if (s.doc !== NO_MORE) s.shallowAdvance(target);
  }

  blockEnd(): number {
    let end = NO_MORE;
    for (const s of this.subs) if (s.doc !== NO_MORE) end = Math.min(end, s.blockEnd());
    return end;
  }

  blockMax(): number {
    let sum = 0;
    for (const s of this.subs) if (s.doc !== NO_MORE) sum += s.blockMax();
    return sum;
  }

  private merged = new Int32Array(64);

  positions(field: number): Int32Array {
    if (this.leading !== this.subs) this.probe();
    return mergePositions(this.subs, this.doc, field, this);
  }

  /** A buffer for merged positions (grown as needed). */
  buffer(size: number): Int32Array {
    if (this.merged.length < size) this.merged = new Int32Array(size * 2);
    return this.merged;
  }
}

/** The positions, in one field, of the iterators on an entry, merged in order. */
function mergePositions(subs: readonly DocIterator[], doc: number, field: number, into: { buffer(size: number): Int32Array }): Int32Array {
  let only: Int32Array | null = null;
  let total = 0;
  let parts = 0;
  for (const s of subs) {
    if (s.doc !== doc) continue;
    const p = s.positions(field);
    if (!p.length) continue;
    only = p;
    total += p.length;
    parts++;
  }
  if (parts <= 1) return only ?? EMPTY;
  const out = into.buffer(total);
  let at = 0;
  for (const s of subs) if (s.doc === doc) for (const p of s.positions(field)) out[at++] = p;
  return out.subarray(0, at).sort();
}

const EMPTY = new Int32Array(0);

export interface UnionScratch {
  acc: Float64Array;
  stamp: Int32Array;
  mark: number;
}

export function unionScratch(n: number): UnionScratch {
  return { acc: new Float64Array(n), stamp: new Int32Array(n), mark: 0 };
}

/** A DenseUnion's matches: built once per word and segment, kept with the word's expansion (expansions.ts). */
export interface DenseData {
  docs: Int32Array;
  scores: Float64Array;
  blockMaxima: Float64Array;
}

/** Scores many terms' postings term at a time into the scratch array, then reads them back in ordinal order. */
export function denseData(segment: Segment, terms: readonly WeightedTerm[], scoring: Scoring, scratch: UnionScratch): DenseData {
  const mark = ++scratch.mark;
  const { acc, stamp } = scratch;
  const regions = readTogether(segment, terms.map((t) => t.term));
  let count = 0;
  for (const { term, w } of terms) count += accumulateTerm(segment, regions.get(term)!, term, w, scoring.lengths, acc, stamp, mark);
  const docs = new Int32Array(count);
  const scores = new Float64Array(count);
  let k = 0;
  for (let d = 0; d < segment.n && k < count; d++) {
    if (stamp[d] !== mark) continue;
    docs[k] = d;
    scores[k++] = acc[d]!;
  }
  const blockMaxima = new Float64Array(Math.ceil(count / 128));
  for (let j = 0; j < count; j++) if (scores[j]! > blockMaxima[j >> 7]!) blockMaxima[j >> 7] = scores[j]!;
  return { docs, scores, blockMaxima };
}

/**
 * Many terms' postings as one (a short prefix, a typo of a short word): scored term at a time into an
 * array over the segment's entries, which costs a few nanoseconds per posting where merging hundreds of
 * iterators entry by entry would cost a hundred; then read back in ordinal order. Blocks of 128 matches
 * carry their best score, for skipping like a term's blocks.
 */
export class DenseUnion extends SortedDocs implements DocIterator {
  private readonly scores: Float64Array;
  private readonly blockMaxima: Float64Array;
  private shallow = 0;
  private positional: TermPostings[] | null = null;

  constructor(
    private readonly segment: Segment,
    private readonly terms: readonly WeightedTerm[],
    private readonly scoring: Scoring,
    data: DenseData,
  ) {
    super(data.docs);
    this.scores = data.scores;
    this.blockMaxima = data.blockMaxima;
  }

  score(): number {
    return this.scores[this.i]!;
  }

  shallowAdvance(target: number): void {
    let b = Math.max(this.shallow, this.i >> 7, 0);
    const t = Math.max(target, this.doc);
    while (b * 128 < this.cost && this.docs[Math.min(this.cost, (b + 1) * 128) - 1]! < t) b++;
    this.shallow = b;
  }

  blockEnd(): number {
    const last = Math.min(this.cost, (this.shallow + 1) * 128) - 1;
    return last + 1 >= this.cost ? NO_MORE - 1 : this.docs[last]!;
  }

  blockMax(): number {
    // Past the last block (blockMaxima has no entry there) nothing can match.
    return this.blockMaxima[this.shallow] ?? 0;
  }

  maxScore(): number {
    let max = 0;
    for (const m of this.blockMaxima) if (m > max) max = m;
    return max;
  }

  private merged = new Int32Array(64);

  positions(field: number): Int32Array {
    // Phrases with such a word are rare: its terms' positions are found with fresh iterators.
    this.positional ??= this.terms.map(({ term, w }) => new TermPostings(this.segment, term, w, this.scoring));
    for (const s of this.positional) if (s.doc < this.doc) s.advance(this.doc);
    return mergePositions(this.positional, this.doc, field, this);
  }

  buffer(size: number): Int32Array {
    if (this.merged.length < size) this.merged = new Int32Array(size * 2);
    return this.merged;
  }
}
