// How one term's postings and positions are written (term-postings.ts reads them).
//
// A posting is one entry containing the term: the entry's ordinal and, per field, how often the term
// occurs there (one-field segments: passages; several: annotations' quote, note and codes). Postings are
// cut into blocks of 128; the last, shorter block is the tail. A term's region in the postings section:
//   skip table (only with two blocks or more): per block lastDoc u32, blockOffset u32 (from the region's
//                 start), posOffset u32 (from the term's start in the positions section)
//   block maxima: per full block a float32, the best BM25 share (tf / (den + tf) summed over fields, no
//                 weight) of its postings at the segment's average field lengths, rounded up (bm25.ts)
//   full blocks:  u32 header (docBits | freqBits << 8), then bit-packed: 128 doc gaps (gap - 1), with
//                 several fields 128 field masks (F bits), then frequency - 1 of each field present
//   tail block:   varints; one field: (gap - 1) * 2 + (frequency is 1), then frequency - 2 if not 1;
//                 several fields: gap - 1, a mask byte, frequency - 1 of each field present
// Positions (word ordinals, stop words counted) follow the same order, per posting and field present:
// the first position, then each next one as its gap - 1, as varints.
import { float32Above, type LengthNorms } from './bm25';
import { BLOCK, bitsFor, type ByteWriter } from './postings-codec';

export interface TermPostingsInput {
  /** Entry ordinals, ascending. */
  docs: ArrayLike<number>;
  /** Frequency per posting and field (docs.length * F, 0 where the field lacks the term). */
  freqs: ArrayLike<number>;
  /** Positions of each posting's fields in order, ascending within a field. */
  positions: ArrayLike<number>;
  count: number;
}

/** Writes one term's postings region (at an aligned offset of `out`) and its positions (to `pos`). */
export function writeTermPostings(
  input: TermPostingsInput,
  fields: number,
  norms: ArrayLike<number>,
  lengths: LengthNorms,
  out: ByteWriter,
  pos: ByteWriter,
): void {
  const { docs, freqs, positions, count } = input;
  const F = fields;
  const blocks = Math.ceil(count / BLOCK);
  const full = Math.floor(count / BLOCK);
  const regionStart = out.length;
  const posStart = pos.length;
  const skipAt = out.length;
  if (blocks > 1) for (let i = 0; i < blocks * 3; i++) out.u32(0);

  // The best share of each full block.
  const maxima = new Float32Array(full);
  for (let b = 0; b < full; b++) {
    let best = 0;
    for (let i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
      let share = 0;
      for (let f = 0; f < F; f++) {
        const tf = freqs[i * F + f]!;
        if (tf) share += tf / (lengths.den(f, norms[docs[i]! * F + f]!) + tf);
      }
      if (share > best) best = share;
    }
    maxima[b] = float32Above(best);
  }
  out.append(new Uint8Array(maxima.buffer));

  let prev = -1;
  let at = 0; // index into positions
  const gaps = new Int32Array(BLOCK);
  const masks = new Int32Array(BLOCK);
  const tfs = new Int32Array(BLOCK * F);
  for (let b = 0; b < blocks; b++) {
    const from = b * BLOCK;
    const n = Math.min(BLOCK, count - from);
    if (blocks > 1) {
      const w = skipAt + b * 12;
      setU32(out, w, docs[from + n - 1]!);
      setU32(out, w + 4, out.length - regionStart);
      setU32(out, w + 8, pos.length - posStart);
    }
    if (n === BLOCK) {
      let maxGap = 0;
      let maxTf = 0;
      let t = 0;
      for (let i = 0; i < n; i++) {
        const d = docs[from + i]!;
        gaps[i] = d - prev - 1;
        prev = d;
        if (gaps[i]! > maxGap) maxGap = gaps[i]!;
        let mask = 0;
        for (let f = 0; f < F; f++) {
          const q = freqs[(from + i) * F + f]!;
          if (q > 0) {
            mask |= 1 << f;
            tfs[t++] = q - 1;
            if (q - 1 > maxTf) maxTf = q - 1;
          }
        }
        masks[i] = mask;
      }
      const docBits = bitsFor(maxGap);
      const tfBits = bitsFor(maxTf);
      out.u32(docBits | (tfBits << 8));
      out.packed(gaps, 0, n, docBits);
      if (F > 1) out.packed(masks, 0, n, F);
      out.packed(tfs, 0, t, tfBits);
    } else {
      for (let i = 0; i < n; i++) {
        const d = docs[from + i]!;
        const gap = d - prev - 1;
        prev = d;
        if (F === 1) {
          const q = freqs[from + i]!;
          out.varint(gap * 2 + (q === 1 ? 1 : 0));
          if (q !== 1) out.varint(q - 2);
        } else {
          out.varint(gap);
          let mask = 0;
          for (let f = 0; f < F; f++) if (freqs[(from + i) * F + f]! > 0) mask |= 1 << f;
          out.u8(mask);
          for (let f = 0; f < F; f++) {
            const q = freqs[(from + i) * F + f]!;
            if (q > 0) out.varint(q - 1);
          }
        }
      }
      out.align(4);
    }
    // Positions of the block's postings.
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < F; f++) {
        const q = freqs[(from + i) * F + f]!;
        let last = -1;
        for (let k = 0; k < q; k++) {
          const p = positions[at++]!;
          pos.varint(last < 0 ? p : p - last - 1);
          last = p;
        }
      }
    }
  }
  out.align(4);
}

function setU32(out: ByteWriter, at: number, value: number): void {
  out.bytes[at] = value & 0xff;
  out.bytes[at + 1] = (value >>> 8) & 0xff;
  out.bytes[at + 2] = (value >>> 16) & 0xff;
  out.bytes[at + 3] = (value >>> 24) & 0xff;
}
