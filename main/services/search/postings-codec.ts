// Integer codecs of the index, as Lucene and Tantivy use them: full blocks of 128 values are bit-packed
// with the width of their largest value; short runs (a rare term's few postings, a block's tail, word
// positions) are written as variable-length bytes (7 bits a byte, the high bit saying "more follows").
// Packed values sit in 32-bit words aligned to 4 bytes, so a reader unpacks them from a Uint32Array.

/** Postings per bit-packed block. */
export const BLOCK = 128;

/** Bits needed for a value (0 for 0). */
export function bitsFor(max: number): number {
  return max === 0 ? 0 : 32 - Math.clz32(max);
}

/** A growable byte buffer with the writers the segment format needs. */
export class ByteWriter {
  bytes: Uint8Array<ArrayBuffer>;
  length = 0;
  private words: Uint32Array<ArrayBuffer>;

  constructor(capacity = 1 << 12) {
    this.bytes = new Uint8Array(capacity);
    this.words = new Uint32Array(this.bytes.buffer, 0, capacity >> 2);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.words = new Uint32Array(next.buffer, 0, size >> 2);
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  u32(value: number): void {
    this.ensure(4);
    const b = this.bytes;
    b[this.length++] = value & 0xff;
    b[this.length++] = (value >>> 8) & 0xff;
    b[this.length++] = (value >>> 16) & 0xff;
    b[this.length++] = (value >>> 24) & 0xff;
  }

  varint(value: number): void {
    this.ensure(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  align(to = 4): void {
    while (this.length % to) this.u8(0);
  }

  append(bytes: Uint8Array): void {
    this.ensure(bytes.byteLength);
    this.bytes.set(bytes, this.length);
    this.length += bytes.byteLength;
  }

  /** Packs `count` values of `bits` bits each, from values[from], into aligned 32-bit words. */
  packed(values: ArrayLike<number>, from: number, count: number, bits: number): void {
    this.align(4);
    const words = Math.ceil((count * bits) / 32);
    this.ensure(words * 4);
    let w = this.length >> 2;
    this.words.fill(0, w, w + words);
    this.length += words * 4;
    if (bits === 0) return;
    let shift = 0;
    for (let i = 0; i < count; i++) {
      const v = values[from + i]! >>> 0;
      this.words[w] = (this.words[w]! | (v << shift)) >>> 0;
      shift += bits;
      if (shift >= 32) {
        shift -= 32;
        w++;
        if (shift > 0) this.words[w] = v >>> (bits - shift);
      }
    }
  }

  view(): Uint8Array<ArrayBuffer> {
    return this.bytes.subarray(0, this.length);
  }
}

/** Unpacks `count` values of `bits` bits from words[at]; returns the word after the last one read. */
export function unpack(words: Uint32Array, at: number, count: number, bits: number, out: Int32Array): number {
  if (bits === 0) {
    out.fill(0, 0, count);
    return at;
  }
  const mask = bits === 32 ? -1 : (1 << bits) - 1;
  let w = at;
  let cur = words[w]!;
  let shift = 0;
  for (let i = 0; i < count; i++) {
    let v = cur >>> shift;
    shift += bits;
    if (shift >= 32) {
      shift -= 32;
      cur = words[++w]!;
      if (shift > 0) v |= cur << (bits - shift);
    }
    out[i] = v & mask;
  }
  return at + Math.ceil((count * bits) / 32);
}

/** Where the last varintAt stopped (the byte after the value). */
export let varintEnd = 0;

/** The variable-length value at `at` (at most 35 bits); sets varintEnd. Nothing allocated. */
export function varintAt(b: Uint8Array, at: number): number {
  let byte = b[at++]!;
  let v = byte & 0x7f;
  if (byte & 0x80) {
    byte = b[at++]!;
    v |= (byte & 0x7f) << 7;
    if (byte & 0x80) {
      byte = b[at++]!;
      v |= (byte & 0x7f) << 14;
      if (byte & 0x80) {
        byte = b[at++]!;
        v |= (byte & 0x7f) << 21;
        if (byte & 0x80) {
          byte = b[at++]!;
          v = (v >>> 0) + (byte & 0x7f) * 2 ** 28;
          if (byte & 0x80) throw new RangeError('a variable-length value is too long');
        }
      }
    }
  }
  varintEnd = at;
  return v >>> 0;
}

/** Reads variable-length values from bytes; `at` is the position of the next byte. */
export class VarintReader {
  at: number;
  constructor(
    readonly bytes: Uint8Array,
    at = 0,
  ) {
    this.at = at;
  }

  next(): number {
    const v = varintAt(this.bytes, this.at);
    this.at = varintEnd;
    return v;
  }

  /** Skips `count` values without decoding them. */
  skip(count: number): void {
    const b = this.bytes;
    let at = this.at;
    for (let left = count; left > 0; at++) if (!(b[at]! & 0x80)) left--;
    this.at = at;
  }
}

/**
 * The best (term frequency, field length) pairs of a set of postings, for an upper bound of their BM25
 * score that holds whatever the average field length is when a query runs: a pair is kept unless
 * another has at least its frequency and at most its length (Lucene's "competitive impacts"). At most
 * `limit` pairs are kept; beyond, neighbours are merged into one pair that dominates both.
 */
export function competitiveImpacts(tf: ArrayLike<number>, len: ArrayLike<number>, count: number, limit = 4): number[] {
  const order = Array.from({ length: count }, (_, i) => i).filter((i) => tf[i]! > 0);
  // Highest frequency first, then shortest; keep each pair shorter than every one before it.
  order.sort((a, b) => tf[b]! - tf[a]! || len[a]! - len[b]!);
  const pairs: [number, number][] = [];
  for (const i of order) {
    const last = pairs[pairs.length - 1];
    if (!last || len[i]! < last[1]) pairs.push([tf[i]!, len[i]!]);
  }
  while (pairs.length > limit) {
    // Merge the two neighbours whose merged corner loses the least (closest lengths).
    let best = 0;
    for (let i = 1; i + 1 < pairs.length; i++) if (pairs[i]![1] - pairs[i + 1]![1] < pairs[best]![1] - pairs[best + 1]![1]) best = i;
    pairs.splice(best, 2, [pairs[best]![0], pairs[best + 1]![1]]);
  }
  return pairs.flat();
}
