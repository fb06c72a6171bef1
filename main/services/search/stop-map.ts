// A field's stop-word map: which of its word positions hold a stop word, and which one. Stop words have
// no postings, so a phrase with stop words ("rule of law") is checked against this map at the positions
// its words were found: the number of words (varint), a bitmap of the stop words among them, then each
// stop word's number (analyzer.ts: stopId) in order.
import type { ByteWriter } from './postings-codec';

/** A field's words: their number, a bitmap of the stop words among them, and each stop word's number. */
export function writeStops(out: ByteWriter, ids: readonly number[]): void {
  out.varint(ids.length);
  for (let i = 0; i < ids.length; i += 8) {
    let bits = 0;
    for (let k = 0; k < 8 && i + k < ids.length; k++) if (ids[i + k]) bits |= 1 << k;
    out.u8(bits);
  }
  for (const id of ids) if (id) out.u8(id);
}

/** Set bits of each byte value. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let v = b; v; v >>= 1) n += v & 1;
  return n;
});

/**
 * Reads a stop-word map at ascending positions (a phrase's candidate starts): the set bits before a
 * position are counted once for the whole walk, not again for each position.
 */
export class StopMapReader {
  private bytes: Uint8Array = POPCOUNT;
  private words = 0;
  private bits = 0;
  private ids = 0;
  /** Where the map ends in `bytes` (a map may be read in place, within a larger buffer). */
  private end = 0;
  /** Bytes of the bitmap counted so far, and their set bits. */
  private counted = 0;
  private rank = 0;

  /** Reads the map in bytes [from, to) (all of them by default). */
  reset(bytes: Uint8Array, from = 0, to = bytes.length): this {
    const end = Math.min(to, bytes.length);
    let at = from;
    let words = 0;
    for (let shift = 0; at < end; shift += 7) {
      const b = bytes[at++]!;
      words += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) break;
    }
    this.bytes = bytes;
    this.words = words;
    this.bits = at;
    this.ids = at + ((words + 7) >> 3);
    this.end = end;
    this.counted = 0;
    this.rank = 0;
    return this;
  }

  /** The stop word number at a position (0: another word, or out of range). Ascending positions cost least. */
  at(position: number): number {
    if (position < 0 || position >= this.words) return 0;
    const { bytes, bits } = this;
    const i = position >> 3;
    if (bits + i >= this.end) return 0;
    const byte = bytes[bits + i]!;
    const bit = 1 << (position & 7);
    if (!(byte & bit)) return 0;
    let { counted, rank } = this;
    if (counted > i) {
      counted = 0;
      rank = 0;
    }
    for (; counted < i; counted++) rank += POPCOUNT[bytes[bits + counted]!]!;
    this.counted = counted;
    this.rank = rank;
    const at = this.ids + rank + POPCOUNT[byte & (bit - 1)]!;
    return at < this.end ? bytes[at]! : 0;
  }
}
