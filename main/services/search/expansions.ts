// Prefix and typo expansions, kept per segment while the index is unchanged. A short prefix ("sta*")
// reaches hundreds of terms: finding them, weighing each with the whole index's document frequencies and
// scoring their postings term at a time (clauses.ts: DenseUnion) was most of such a query's time, and the
// same expansions come back as a user types on and query after query. What is kept is exact for the
// index generation it was made at (weights and lengths change with the index), never reused after.
import type { ResolvedToken } from './clauses';

/** Bytes kept for the whole process (a kept DenseUnion holds 12 bytes per matching entry). */
const KEPT_BYTES = 24 << 20;

export interface Expansion {
  /** SegmentedIndex.generation when made. */
  generation: number;
  token: ResolvedToken;
  /** The terms as strings (what snippets mark). */
  names: string[];
  /** An upper bound of the bytes it holds, its DenseUnion included once built. */
  bytes: number;
}

export class ExpansionCache {
  private readonly map = new Map<string, Expansion>();
  private used = 0;

  constructor(private readonly budget = KEPT_BYTES) {}

  get bytes(): number {
    return this.used;
  }

  get(key: string, generation: number): Expansion | undefined {
    const kept = this.map.get(key);
    if (!kept) return undefined;
    this.drop(key, kept);
    if (kept.generation !== generation) return undefined;
    this.map.set(key, kept);
    this.used += kept.bytes;
    return kept;
  }

  set(key: string, expansion: Expansion): void {
    const old = this.map.get(key);
    if (old) this.drop(key, old);
    if (expansion.bytes > this.budget) return;
    this.map.set(key, expansion);
    this.used += expansion.bytes;
    for (const [k, v] of this.map) {
      if (this.used <= this.budget) break;
      this.drop(k, v);
    }
  }

  /** Forgets a closed segment's expansions (keys start with its uid and a colon). */
  forget(prefix: string): void {
    for (const [k, v] of this.map) if (k.startsWith(prefix)) this.drop(k, v);
  }

  private drop(key: string, kept: Expansion): void {
    this.map.delete(key);
    this.used -= kept.bytes;
  }
}

/** The process's expansions, shared by every segment. */
export const expansionCache = new ExpansionCache();
