// A sorted list of strings stored as UTF-8 bytes and offsets: what a segment keeps its terms, words and
// annotation ids in, so loading creates no string until a query asks for one.
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class PackedStrings {
  private decoded: string[] | null = null;

  constructor(
    readonly offsets: Uint32Array,
    readonly bytes: Uint8Array,
  ) {}

  static pack(strings: readonly string[]): { offsets: Uint32Array<ArrayBuffer>; bytes: Uint8Array<ArrayBuffer> } {
    const chunks = strings.map((s) => encoder.encode(s));
    const offsets = new Uint32Array(strings.length + 1);
    let total = 0;
    chunks.forEach((chunk, i) => {
      offsets[i] = total;
      total += chunk.byteLength;
    });
    offsets[strings.length] = total;
    const bytes = new Uint8Array(total);
    chunks.forEach((chunk, i) => bytes.set(chunk, offsets[i]!));
    return { offsets, bytes };
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    if (this.decoded) return this.decoded[i]!;
    const from = this.offsets[i]!;
    const to = this.offsets[i + 1]!;
    // Short ASCII strings (most terms) are built directly; TextDecoder costs more per call.
    if (to - from <= 32) {
      let s = '';
      for (let k = from; k < to; k++) {
        const b = this.bytes[k]!;
        if (b >= 0x80) return decoder.decode(this.bytes.subarray(from, to));
        s += String.fromCharCode(b);
      }
      return s;
    }
    return decoder.decode(this.bytes.subarray(from, to));
  }

  /** Every string, decoded once and kept. */
  all(): string[] {
    this.decoded ??= Array.from({ length: this.length }, (_, i) => this.get(i));
    return this.decoded;
  }

  /** The UTF-16 code unit at `index` of string i, or -1 past its end; no string is made for ASCII. */
  charAt(i: number, index: number): number {
    const from = this.offsets[i]!;
    const to = this.offsets[i + 1]!;
    const end = Math.min(to, from + index + 1);
    for (let k = from; k < end; k++) if (this.bytes[k]! >= 0x80) return charCode(this.get(i), index);
    return from + index < to ? this.bytes[from + index]! : -1;
  }

  /** The first index whose string is not below `value` (strings are in JavaScript's sort order). */
  lowerBound(value: string): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.get(mid) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  indexOf(value: string): number {
    const i = this.lowerBound(value);
    return i < this.length && this.get(i) === value ? i : -1;
  }
}

function charCode(s: string, index: number): number {
  return index < s.length ? s.charCodeAt(index) : -1;
}
