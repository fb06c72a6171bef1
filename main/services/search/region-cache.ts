// What a segment reads from its file when a query needs it (a term's postings or positions, a page of a
// column, a chunk of texts) is kept here for the next query, up to a fixed number of bytes for the
// whole process, least recently used first out: memory stays bounded however large the library grows,
// and frequent terms stay at hand.

/** Bytes kept by default: the postings and positions of the most used terms of a large library. */
export const DEFAULT_CACHE_BYTES = 48 << 20;

export class RegionCache {
  private readonly map = new Map<string, Uint8Array>();
  private used = 0;

  constructor(private budget = DEFAULT_CACHE_BYTES) {}

  get bytes(): number {
    return this.used;
  }

  get(key: string): Uint8Array | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Most recently used last.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: Uint8Array): void {
    const old = this.map.get(key);
    if (old) {
      this.used -= old.byteLength;
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.used += value.byteLength;
    for (const [k, v] of this.map) {
      if (this.used <= this.budget || k === key) break;
      this.map.delete(k);
      this.used -= v.byteLength;
    }
  }

  /** Forgets every region of a segment (it was closed). */
  forget(prefix: string): void {
    for (const [k, v] of this.map) {
      if (!k.startsWith(prefix)) continue;
      this.map.delete(k);
      this.used -= v.byteLength;
    }
  }

  resize(budget: number): void {
    this.budget = budget;
    for (const [k, v] of this.map) {
      if (this.used <= this.budget) break;
      this.map.delete(k);
      this.used -= v.byteLength;
    }
  }
}

/** The process's cache, shared by every segment. */
export const regionCache = new RegionCache();
