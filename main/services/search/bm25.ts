// BM25 as lunr scores it (k1 1.2, b 0.75, per field): a term's weight in a field is
// w · tf / (k1 · (1 − b + b · length / average length) + tf), with w = weight × idf × (k1 + 1).
// The length part is looked up in a table per field (as Lucene caches it per norm), and a block's best
// score is stored at the segment's own average lengths: for any other average it is scaled (bound()).
export const K1 = 1.2;
export const B = 0.75;
const TABLE = 1024;

/** The length part of the denominator per field, for one set of average lengths. */
export class LengthNorms {
  readonly table: Float64Array;

  constructor(readonly avg: ArrayLike<number>) {
    const F = avg.length;
    this.table = new Float64Array(F * TABLE);
    for (let f = 0; f < F; f++) for (let len = 0; len < TABLE; len++) this.table[f * TABLE + len] = K1 * (1 - B + (B * len) / avg[f]!);
  }

  /** K1 · (1 − B + B · length / avg) of a field. */
  den(f: number, len: number): number {
    return len < TABLE ? this.table[f * TABLE + len]! : K1 * (1 - B + (B * len) / this.avg[f]!);
  }
}

/**
 * Scores computed at average lengths `ref` are at most this many times higher at `avg`: a term's share
 * tf / (den + tf) grows with the average, by at most its ratio (den shrinks no faster than avg grows).
 */
export function boundScale(avg: ArrayLike<number>, ref: ArrayLike<number>): number {
  let scale = 1;
  for (let f = 0; f < avg.length; f++) if (ref[f]! > 0 && avg[f]! > ref[f]!) scale = Math.max(scale, avg[f]! / ref[f]!);
  return scale;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** The float32 nearest above (or equal to) a value, so a stored bound never rounds below the truth. */
export function float32Above(value: number): number {
  f32[0] = value;
  if (f32[0]! < value) u32[0]!++;
  return f32[0]!;
}
