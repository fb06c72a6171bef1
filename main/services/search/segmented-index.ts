// The index as a list of segments: a few large ones, built rarely, and small recent ones, one per edit,
// that background merges fold together. An entry lives in exactly one segment; replacing or deleting it
// masks its old copy, so a deleted annotation is never returned even before any merge.
import type { EntryKind } from './entries';
import type { Segment } from './segment';

export interface Location {
  segment: Segment;
  ordinal: number;
  /** The generation at which this copy was placed. */
  placed?: number;
}

export interface KindStats {
  /** Live entries. */
  count: number;
  /** Average indexed length per field (BM25's avgdl). */
  avgFieldLen: number[];
}

export class SegmentedIndex {
  private list: Segment[] = [];
  private readonly live = new Map<string, Location>();
  private readonly byDocument = new Map<string, Set<string>>();
  private statsCache = new Map<EntryKind, KindStats>();
  /** When entries and whole documents were last deleted, for builds that read them before. */
  private readonly tombstones = new Map<string, number>();
  private readonly deletedDocuments = new Map<string, number>();
  private dfCache = new Map<string, number>();
  /** Bumped on every change, so work started before a change can tell it is stale. */
  generation = 0;

  get segments(): readonly Segment[] {
    return this.list;
  }

  ofKind(kind: EntryKind): Segment[] {
    return this.list.filter((s) => s.kind === kind);
  }

  get size(): number {
    return this.live.size;
  }

  locate(entryId: string): Location | undefined {
    return this.live.get(entryId);
  }

  entriesOf(documentId: string): string[] {
    return [...(this.byDocument.get(documentId) ?? [])];
  }

  documentIds(): string[] {
    return [...this.byDocument.keys()];
  }

  /**
   * Adds a segment; its entries replace any older copies. A segment built from data read at generation
   * `readAt` (a background build) does not override what changed after that: an entry saved, deleted, or
   * a document deleted since then keeps its newer state, and the segment's copy is masked.
   */
  add(segment: Segment, readAt = Infinity): void {
    const placed = ++this.generation;
    for (let ordinal = 0; ordinal < segment.n; ordinal++) {
      if (segment.deleted[ordinal]) continue;
      const id = segment.ids[ordinal]!;
      const current = this.live.get(id);
      const newer =
        (current?.placed ?? -1) > readAt ||
        (this.tombstones.get(id) ?? -1) > readAt ||
        (this.deletedDocuments.get(segment.meta[ordinal]!.documentId) ?? -1) > readAt;
      if (newer) segment.markDeleted(ordinal);
      else this.place(id, { segment, ordinal, placed });
    }
    this.list.push(segment);
    this.changed();
  }

  remove(entryId: string): boolean {
    this.tombstones.set(entryId, this.generation + 1);
    const at = this.live.get(entryId);
    if (!at) return false;
    at.segment.markDeleted(at.ordinal);
    this.live.delete(entryId);
    const documentId = at.segment.meta[at.ordinal]!.documentId;
    const set = this.byDocument.get(documentId);
    set?.delete(entryId);
    if (set && set.size === 0) this.byDocument.delete(documentId);
    this.changed();
    return true;
  }

  /** Removes every entry of a document, or only those of one kind. */
  removeDocument(documentId: string, kind?: EntryKind): number {
    if (!kind) this.deletedDocuments.set(documentId, ++this.generation);
    let removed = 0;
    for (const id of this.entriesOf(documentId)) {
      const at = this.live.get(id);
      if (at && (!kind || at.segment.kind === kind) && this.remove(id)) removed++;
    }
    return removed;
  }

  /**
   * Puts a merged segment in place of its sources. Entries that were deleted or replaced while the merge
   * ran (their live copy is no longer in a source) are masked in the merged segment.
   */
  replace(sources: readonly Segment[], merged: Segment): void {
    const from = new Set(sources);
    for (let ordinal = 0; ordinal < merged.n; ordinal++) {
      const id = merged.ids[ordinal]!;
      const current = this.live.get(id);
      if (current && from.has(current.segment)) this.live.set(id, { segment: merged, ordinal, placed: current.placed });
      else merged.markDeleted(ordinal);
    }
    this.list = [...this.list.filter((s) => !from.has(s)), merged];
    this.changed();
  }

  clear(): void {
    this.list = [];
    this.live.clear();
    this.byDocument.clear();
    this.changed();
  }

  stats(kind: EntryKind): KindStats {
    let stats = this.statsCache.get(kind);
    if (!stats) {
      let count = 0;
      let sums: number[] = [];
      let built = 0;
      for (const segment of this.list) {
        if (segment.kind !== kind) continue;
        count += segment.live;
        built += segment.n;
        sums = segment.fieldLenSum.map((sum, f) => sum + (sums[f] ?? 0));
      }
      // Field lengths are summed at build time, deleted entries included; their average is close enough.
      stats = { count, avgFieldLen: sums.map((sum) => (built ? sum / built : 0) || 1) };
      this.statsCache.set(kind, stats);
    }
    return stats;
  }

  /** Entries of a kind containing a term, over all segments (deleted ones counted until merged away). */
  df(kind: EntryKind, term: string): number {
    const key = `${kind}\u0000${term}`;
    let df = this.dfCache.get(key);
    if (df === undefined) {
      df = 0;
      for (const segment of this.list) {
        if (segment.kind !== kind) continue;
        const t = segment.findTerm(term);
        if (t !== -1) df += segment.s.termDf[t]!;
      }
      this.dfCache.set(key, df);
    }
    return df;
  }

  private place(entryId: string, at: Location): void {
    const old = this.live.get(entryId);
    if (old) old.segment.markDeleted(old.ordinal);
    this.live.set(entryId, at);
    const documentId = at.segment.meta[at.ordinal]!.documentId;
    let set = this.byDocument.get(documentId);
    if (!set) this.byDocument.set(documentId, (set = new Set()));
    set.add(entryId);
  }

  private changed(): void {
    this.generation++;
    this.statsCache.clear();
    if (this.dfCache.size) this.dfCache = new Map();
  }
}
