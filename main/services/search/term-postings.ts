// Reading one term's postings in one segment (written by postings-format.ts): an iterator over the
// entries containing the term, in ordinal order, that decodes a block of 128 at a time, skips whole
// blocks through the skip table, scores the current entry with BM25 and gives an upper bound of the
// score of any entry in a block without decoding it (from the block's impacts), so that evaluation can
// skip blocks that cannot reach the top results. Positions are decoded only for phrase candidates.
import { boundScale, type LengthNorms } from './bm25';
import { BLOCK, unpack, varintAt, varintEnd, VarintReader } from './postings-codec';
import type { Segment } from './segment';

export const NO_MORE = 0x7fffffff;
const NO_POSITIONS = new Int32Array(0);
/** Bounds are compared with this much slack, so rounding never skips an entry that would be kept. */
export const SLACK = 1 + 1e-9;

/** How a query scores entries of one segment: BM25's length parts, and how much stored bounds grow. */
export interface Scoring {
  lengths: LengthNorms;
  /** boundScale of the query's average lengths against the segment's own. */
  scale: number;
}

export function scoringFor(segment: Segment, lengths: LengthNorms): Scoring {
  const ref = segment.fieldLenSum.map((sum) => sum / segment.n || 1);
  return { lengths, scale: boundScale(lengths.avg, ref) };
}

/** What evaluation needs of an iterator over entries: a term's postings, or several terms' together. */
export interface DocIterator {
  /** The current entry, -1 before the first, NO_MORE after the last. */
  doc: number;
  /** How many entries it may produce (for ordering a conjunction). */
  readonly cost: number;
  nextDoc(): number;
  /** The first entry at or after target (target > doc). */
  advance(target: number): number;
  /** BM25 of the current entry. */
  score(): number;
  /** Looks ahead to the block containing max(target, doc), without decoding it. */
  shallowAdvance(target: number): void;
  /** The last entry the block of the last shallowAdvance covers. */
  blockEnd(): number;
  /** An upper bound of score() over entries from the shallow target to blockEnd(). */
  blockMax(): number;
  /** An upper bound of score() over every entry. */
  maxScore(): number;
  /** The current entry's positions in a field, ascending (a view, valid until the iterator moves). */
  positions(field: number): Int32Array;
}

/** Where a term's blocks are in its region (postings-format.ts). */
interface Layout {
  region: Uint8Array;
  words: Uint32Array;
  /** Postings. */
  cost: number;
  blocks: number;
  full: number;
  /** Word offset of the full blocks' maxima (after the skip table). */
  maximaAt: number;
  /** Byte offset of block 0. */
  firstBlock: number;
}

function layoutOf(region: Uint8Array, cost: number): Layout {
  if (region.byteOffset % 4) region = region.slice();
  const blocks = Math.ceil(cost / BLOCK);
  return {
    region,
    words: new Uint32Array(region.buffer, region.byteOffset, region.byteLength >> 2),
    cost,
    blocks,
    full: Math.floor(cost / BLOCK),
    maximaAt: blocks > 1 ? blocks * 3 : 0,
    firstBlock: ((blocks > 1 ? blocks * 3 : 0) + Math.floor(cost / BLOCK)) * 4,
  };
}

/** Shared by every decode (decoding is synchronous): field masks and packed frequencies of a block. */
const MASKS = new Int32Array(BLOCK);
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, m) => m.toString(2).replace(/0/g, '').length);
let PACKED = new Int32Array(BLOCK * 4);

/** Decodes block b into docs and tfs (tfs[i * F + f]: frequency in field f, 0 if absent); returns its size. */
function decodeBlock(layout: Layout, F: number, b: number, n: number, docs: Int32Array, tfs: Int32Array): number {
  const { words, region } = layout;
  const offset = layout.blocks > 1 ? words[b * 3 + 1]! : layout.firstBlock;
  let prev = b === 0 ? -1 : words[(b - 1) * 3]!;
  let count: number;
  if (b < layout.full) {
    const header = words[offset >> 2]!;
    let w = (offset >> 2) + 1;
    w = unpack(words, w, BLOCK, header & 0xff, docs);
    for (let i = 0; i < BLOCK; i++) prev = docs[i] = prev + docs[i]! + 1;
    if (F === 1) {
      unpack(words, w, BLOCK, (header >>> 8) & 0xff, tfs);
      for (let i = 0; i < BLOCK; i++) tfs[i]!++;
    } else {
      const masks = MASKS;
      w = unpack(words, w, BLOCK, F, masks);
      let total = 0;
      for (let i = 0; i < BLOCK; i++) total += POPCOUNT[masks[i]! & 0xff]!;
      if (PACKED.length < total) PACKED = new Int32Array(BLOCK * F);
      const packed = PACKED;
      unpack(words, w, total, (header >>> 8) & 0xff, packed);
      let t = 0;
      let k = 0;
      for (let i = 0; i < BLOCK; i++) {
        const m = masks[i]!;
        for (let f = 0; f < F; f++) tfs[k++] = (m >> f) & 1 ? packed[t++]! + 1 : 0;
      }
    }
    count = BLOCK;
  } else {
    count = layout.cost - b * BLOCK;
    const reader = new VarintReader(region, offset);
    for (let i = 0; i < count; i++) {
      if (F === 1) {
        const v = reader.next();
        prev = docs[i] = prev + Math.floor(v / 2) + 1;
        tfs[i] = v & 1 ? 1 : reader.next() + 2;
      } else {
        prev = docs[i] = prev + reader.next() + 1;
        const mask = region[reader.at++]!;
        for (let f = 0; f < F; f++) tfs[i * F + f] = mask & (1 << f) ? reader.next() + 1 : 0;
      }
    }
  }
  if (count <= 0 || !(docs[count - 1]! < n) || (layout.blocks > 1 && docs[count - 1] !== words[b * 3])) {
    throw new RangeError('The search index is damaged (postings out of range).');
  }
  return count;
}

const DOCS = new Int32Array(BLOCK);
let TFS = new Int32Array(BLOCK * 4);

/**
 * Adds every posting's score of a term into acc (term at a time, for DenseUnion), stamping entries
 * seen first into `stamp`; returns how many were new. Most such terms are rare (a tail block only):
 * those are read straight from their bytes, with nothing allocated.
 */
export function accumulateTerm(
  segment: Segment,
  region: Uint8Array,
  term: number,
  w: number,
  lengths: LengthNorms,
  acc: Float64Array,
  stamp: Int32Array,
  mark: number,
): number {
  const F = segment.fieldCount;
  const cost = segment.r.termDf[term]!;
  const norms = segment.r.norms;
  const n = segment.n;
  let added = 0;
  if (cost < BLOCK) {
    let at = 0;
    let prev = -1;
    for (let i = 0; i < cost; i++) {
      let s = 0;
      const v = varintAt(region, at);
      at = varintEnd;
      if (F === 1) {
        prev += Math.floor(v / 2) + 1;
        let tf = 1;
        if (!(v & 1)) {
          tf = varintAt(region, at) + 2;
          at = varintEnd;
        }
        s = (w * tf) / (lengths.den(0, norms[prev]!) + tf);
      } else {
        prev += v + 1;
        const mask = region[at++]!;
        for (let f = 0; f < F; f++) {
          if (!(mask & (1 << f))) continue;
          const tf = varintAt(region, at) + 1;
          at = varintEnd;
          s += (w * tf) / (lengths.den(f, norms[prev * F + f]!) + tf);
        }
      }
      if (!(prev < n)) throw new RangeError('The search index is damaged (postings out of range).');
      if (stamp[prev] !== mark) {
        stamp[prev] = mark;
        acc[prev] = s;
        added++;
      } else acc[prev]! += s;
    }
    return added;
  }
  const layout = layoutOf(region, cost);
  if (TFS.length < BLOCK * F) TFS = new Int32Array(BLOCK * F);
  for (let b = 0; b < layout.blocks; b++) {
    const count = decodeBlock(layout, F, b, n, DOCS, TFS);
    for (let i = 0; i < count; i++) {
      const d = DOCS[i]!;
      let s = 0;
      for (let f = 0; f < F; f++) {
        const tf = TFS[i * F + f]!;
        if (tf) s += (w * tf) / (lengths.den(f, norms[d * F + f]!) + tf);
      }
      if (stamp[d] !== mark) {
        stamp[d] = mark;
        acc[d] = s;
        added++;
      } else acc[d]! += s;
    }
  }
  return added;
}

export class TermPostings implements DocIterator {
  doc = -1;
  readonly cost: number;
  private readonly F: number;
  private readonly layout: Layout;
  private readonly norms: Uint16Array;
  private readonly lengths: LengthNorms;
  /** The full blocks' stored best shares. */
  private readonly maxima: Float32Array;
  /** w × the segment's bound scale: a full block's bound is this times its stored maximum. */
  private readonly boundFactor: number;
  /** The tail's bound, computed when first asked. */
  private tailBound = -1;
  private block = -1;
  private count = 0;
  private i = 0;
  private last = -1;
  private readonly docs = new Int32Array(BLOCK);
  private readonly tfs: Int32Array;
  private shallow = 0;
  private posBlock = -1;
  private posAll: Int32Array | null = null;
  private posCum: Int32Array | null = null;
  private posRegion: Uint8Array | null = null;

  constructor(
    private readonly segment: Segment,
    private readonly term: number,
    /** weight × idf × (k1 + 1) */
    private readonly w: number,
    private readonly scoring: Scoring,
    region: Uint8Array = segment.postings(term),
  ) {
    const F = segment.fieldCount;
    this.F = F;
    this.cost = segment.r.termDf[term]!;
    this.layout = layoutOf(region, this.cost);
    this.norms = segment.r.norms;
    this.lengths = scoring.lengths;
    this.tfs = new Int32Array(BLOCK * F);
    const { region: bytes, maximaAt, full } = this.layout;
    this.maxima = new Float32Array(bytes.buffer, bytes.byteOffset + maximaAt * 4, full);
    this.boundFactor = w * scoring.scale;
  }

  get blocks(): number {
    return this.layout.blocks;
  }

  private lastDocOf(b: number): number {
    return this.layout.blocks > 1 ? this.layout.words[b * 3]! : NO_MORE - 1;
  }

  private decode(b: number): void {
    this.count = decodeBlock(this.layout, this.F, b, this.segment.n, this.docs, this.tfs);
    this.block = b;
    this.last = this.docs[this.count - 1]!;
    this.i = 0;
  }

  nextDoc(): number {
    if (++this.i < this.count) return (this.doc = this.docs[this.i]!);
    if (this.block + 1 >= this.layout.blocks) return (this.doc = NO_MORE);
    this.decode(this.block + 1);
    return (this.doc = this.docs[0]!);
  }

  advance(target: number): number {
    if (this.block < 0 || target > this.last) {
      let b = Math.max(0, this.block + 1);
      if (b >= this.blocks) return (this.doc = NO_MORE);
      if (this.blocks > 1) {
        // Gallop, then bisect, over the skip table's last entries.
        let step = 1;
        let hi = b;
        while (hi < this.blocks - 1 && this.layout.words[hi * 3]! < target) {
          b = hi + 1;
          hi = Math.min(this.blocks - 1, hi + step);
          step *= 2;
        }
        while (b < hi) {
          const mid = (b + hi) >>> 1;
          if (this.layout.words[mid * 3]! < target) b = mid + 1;
          else hi = mid;
        }
        if (this.layout.words[b * 3]! < target) return (this.doc = NO_MORE);
      }
      this.decode(b);
      if (target > this.last) {
        this.i = this.count;
        return (this.doc = NO_MORE);
      }
    }
    const docs = this.docs;
    let i = this.i;
    while (docs[i]! < target) i++;
    this.i = i;
    return (this.doc = docs[i]!);
  }

  score(): number {
    const d = this.doc;
    const F = this.F;
    const w = this.w;
    if (F === 1) {
      const tf = this.tfs[this.i]!;
      return (w * tf) / (this.lengths.den(0, this.norms[d]!) + tf);
    }
    let s = 0;
    for (let f = 0; f < F; f++) {
      const tf = this.tfs[this.i * F + f]!;
      if (tf) s += (w * tf) / (this.lengths.den(f, this.norms[d * F + f]!) + tf);
    }
    return s;
  }

  /** A new iterator over the same postings, from the start. */
  fresh(): TermPostings {
    return new TermPostings(this.segment, this.term, this.w, this.scoring, this.layout.region);
  }

  shallowAdvance(target: number): void {
    let b = Math.max(this.shallow, this.block, 0);
    const t = Math.max(target, this.doc);
    while (b < this.blocks && this.lastDocOf(b) < t) b++;
    this.shallow = b;
  }

  blockEnd(): number {
    return this.shallow < this.blocks ? this.lastDocOf(this.shallow) : NO_MORE - 1;
  }

  blockMax(): number {
    // Past the last block nothing can match.
    return this.shallow < this.blocks ? this.boundOf(this.shallow) : 0;
  }

  maxScore(): number {
    let max = 0;
    for (let b = 0; b < this.layout.full; b++) if (this.maxima[b]! > max) max = this.maxima[b]!;
    max *= this.boundFactor;
    return this.layout.full < this.blocks ? Math.max(max, this.boundOf(this.blocks - 1)) : max;
  }

  private boundOf(b: number): number {
    if (b < this.layout.full) return this.boundFactor * this.maxima[b]!;
    if (this.tailBound < 0) {
      // The tail: decode it (it is short) and take its best score.
      const saved = { block: this.block, i: this.i, doc: this.doc };
      this.decode(b);
      let bound = 0;
      for (let i = 0; i < this.count; i++) {
        this.i = i;
        this.doc = this.docs[i]!;
        bound = Math.max(bound, this.score());
      }
      this.tailBound = bound;
      if (saved.block >= 0 && saved.block !== b) this.decode(saved.block);
      this.block = saved.block;
      this.i = saved.i;
      this.doc = saved.doc;
      if (saved.block < 0) this.count = 0;
    }
    return this.tailBound;
  }

  /** Where positionSpan's positions end in positionData. */
  spanEnd = 0;

  /**
   * positions() without a view (phrases check tens of thousands of entries): where the current entry's
   * positions in a field start in positionData, up to spanEnd. Read positionData after this call.
   */
  positionSpan(field: number): number {
    if (this.posBlock !== this.block) this.decodePositions();
    const k = this.i * this.F + field;
    this.spanEnd = this.posCum![k + 1]!;
    return this.posCum![k]!;
  }

  get positionData(): Int32Array {
    return this.posAll!;
  }

  positions(field: number): Int32Array {
    if (this.posBlock !== this.block) this.decodePositions();
    const k = this.i * this.F + field;
    const cum = this.posCum!;
    // Most entries hold a word in one field only: no view is made for the others (phrases ask for every field).
    return cum[k] === cum[k + 1] ? NO_POSITIONS : this.posAll!.subarray(cum[k]!, cum[k + 1]!);
  }

  private decodePositions(): void {
    const F = this.F;
    this.posRegion ??= this.segment.positions(this.term);
    const start = this.blocks > 1 ? this.layout.words[this.block * 3 + 2]! : 0;
    const cum = (this.posCum ??= new Int32Array(BLOCK * F + 1));
    let total = 0;
    for (let k = 0; k < this.count * F; k++) {
      cum[k] = total;
      total += this.tfs[k]!;
    }
    cum[this.count * F] = total;
    if (!this.posAll || this.posAll.length < total) this.posAll = new Int32Array(Math.max(total, 2 * (this.posAll?.length ?? 128)));
    const bytes = this.posRegion;
    const all = this.posAll;
    let at = start;
    let out = 0;
    for (let k = 0; k < this.count * F; k++) {
      let last = -1;
      for (let q = this.tfs[k]!; q > 0; q--) {
        let v = bytes[at++]!;
        if (v >= 0x80) {
          v = varintAt(bytes, at - 1);
          at = varintEnd;
        }
        last = all[out++] = last < 0 ? v : last + v + 1;
      }
    }
    this.posBlock = this.block;
  }
}
