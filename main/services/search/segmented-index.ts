// The index as a list of segments: a few large ones, built rarely, and small recent ones, one per edit,
// that background merges fold together. An entry has at most one live copy; replacing or deleting it
// masks the old copy, so a deleted annotation is never returned even before any merge. Nothing here is
// built per entry at load: entries are found through each segment's own tables when an edit needs them.
import { LengthNorms } from './bm25';
import type { EntryKind } from './entries';
import type { Segment } from './segment';

/** Above this many entries, a new segment's older copies are found in one walk (copiesOf). */
const BULK = 64;

export interface Location {
  segment: Segment;
  ordinal: number;
}

export interface KindStats {
  /** Live entries. */
  count: number;
  /** Average indexed length per field (BM25's avgdl). */
  avgFieldLen: number[];
  lengths?: LengthNorms;
}

export class SegmentedIndex {
  private list: Segment[] = [];
  private statsCache = new Map<EntryKind, KindStats>();
  private dfCache = new Map<string, number>();
  /** When entries and whole documents were last deleted, for builds that read them before. */
  private readonly tombstones = new Map<string, number>();
  private readonly deletedDocuments = new Map<string, number>();
  /** Bumped on every change, so work started before a change can tell it is stale. */
  generation = 0;

  get segments(): readonly Segment[] {
    return this.list;
  }

  ofKind(kind: EntryKind): Segment[] {
    return this.list.filter((s) => s.kind === kind);
  }

  get size(): number {
    return this.list.reduce((sum, s) => sum + s.live, 0);
  }

  /** Segments loaded from disk, already consistent with each other (masks included). */
  restore(segments: readonly Segment[]): void {
    this.list.push(...segments);
    this.changed();
  }

  /** Where the live copy of an entry is. */
  locate(entryId: string): Location | undefined {
    const kind: EntryKind = entryId.startsWith('a:') ? 'annotation' : 'passage';
    for (let i = this.list.length - 1; i >= 0; i--) {
      const segment = this.list[i]!;
      if (segment.kind !== kind) continue;
      const ordinal = segment.ordinalOf(entryId);
      if (ordinal !== -1 && !segment.deleted[ordinal]) return { segment, ordinal };
    }
    return undefined;
  }

  /** Live entries of a document. */
  entriesOf(documentId: string, kind?: EntryKind): Location[] {
    const out: Location[] = [];
    for (const segment of this.list) {
      if (kind && segment.kind !== kind) continue;
      for (const ordinal of segment.ordinalsOfDocument(documentId)) if (!segment.deleted[ordinal]) out.push({ segment, ordinal });
    }
    return out;
  }

  documentIds(): string[] {
    return [...new Set(this.list.flatMap((s) => s.docs))];
  }

  /**
   * Adds a segment; its entries replace any older copies. A segment built from data read at generation
   * `readAt` (a background build) does not override what changed after that: an entry saved, deleted, or
   * a document deleted since then keeps its newer state, and the segment's copy is masked.
   */
  add(segment: Segment, readAt = Infinity): void {
    const placed = ++this.generation;
    const older = segment.n > BULK ? this.copiesOf(segment) : null;
    for (let ordinal = 0; ordinal < segment.n; ordinal++) {
      if (segment.deleted[ordinal]) continue;
      const id = segment.entryId(ordinal);
      const current = older ? older.get(id) : this.locate(id);
      const newer =
        (current ? current.segment.placed[current.ordinal]! : -1) > readAt ||
        (this.tombstones.get(id) ?? -1) > readAt ||
        (this.deletedDocuments.get(segment.documentId(ordinal)) ?? -1) > readAt;
      if (newer) segment.markDeleted(ordinal);
      else {
        current?.segment.markDeleted(current.ordinal);
        segment.placed[ordinal] = placed;
      }
    }
    this.list.push(segment);
    this.changed();
  }

  /**
   * The live copies, in older segments, of a large new segment's entries: found by walking the older
   * segments once (by document for passages) rather than looking each entry up.
   */
  private copiesOf(segment: Segment): Map<string, Location> {
    const ids = new Set<string>();
    for (let o = 0; o < segment.n; o++) ids.add(segment.entryId(o));
    const found = new Map<string, Location>();
    for (const other of this.list) {
      if (other.kind !== segment.kind) continue;
      const visit = (ordinal: number) => {
        if (other.deleted[ordinal]) return;
        const id = other.entryId(ordinal);
        if (ids.has(id)) found.set(id, { segment: other, ordinal });
      };
      if (segment.kind === 'passage') for (const documentId of segment.docs) for (const o of other.ordinalsOfDocument(documentId)) visit(o);
      else for (let o = 0; o < other.n; o++) visit(o);
    }
    return found;
  }

  remove(entryId: string): boolean {
    this.tombstones.set(entryId, this.generation + 1);
    const at = this.locate(entryId);
    if (at) at.segment.markDeleted(at.ordinal);
    this.changed();
    return at !== undefined;
  }

  /**
   * Removes every entry of a document, or only those of one kind. `reindexing`: the caller is about to
   * add them again from what it reads next, so the removal must not mask what it adds.
   */
  removeDocument(documentId: string, kind?: EntryKind, reindexing = false): number {
    if (!kind && !reindexing) this.deletedDocuments.set(documentId, this.generation + 1);
    const found = this.entriesOf(documentId, kind);
    for (const { segment, ordinal } of found) {
      if (kind && !reindexing) this.tombstones.set(segment.entryId(ordinal), this.generation + 1);
      segment.markDeleted(ordinal);
    }
    this.changed();
    return found.length;
  }

  /**
   * Puts a merged segment in place of its sources. Entries that were deleted or replaced while the merge
   * ran (their live copy is no longer in a source) are masked in the merged segment.
   */
  replace(sources: readonly Segment[], merged: Segment): void {
    const from = new Set(sources);
    const older = merged.n > BULK ? this.copiesOf(merged) : null;
    for (let ordinal = 0; ordinal < merged.n; ordinal++) {
      const id = merged.entryId(ordinal);
      const current = older ? older.get(id) : this.locate(id);
      if (current && from.has(current.segment)) merged.placed[ordinal] = current.segment.placed[current.ordinal]!;
      else merged.markDeleted(ordinal);
    }
    this.list = [...this.list.filter((s) => !from.has(s)), merged];
    for (const source of sources) source.close();
    this.changed();
  }

  clear(): void {
    for (const segment of this.list) segment.close();
    this.list = [];
    this.changed();
  }

  /** BM25's length tables for the kind's current average lengths (kept until the index changes). */
  lengthNorms(kind: EntryKind): LengthNorms {
    const stats = this.stats(kind);
    stats.lengths ??= new LengthNorms(Float64Array.from(stats.avgFieldLen));
    return stats.lengths;
  }

  stats(kind: EntryKind): KindStats {
    let stats = this.statsCache.get(kind);
    if (!stats) {
      let count = 0;
      let built = 0;
      let sums: number[] = [];
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
        if (t !== -1) df += segment.r.termDf[t]!;
      }
      this.dfCache.set(key, df);
    }
    return df;
  }

  private changed(): void {
    this.generation++;
    this.statsCache.clear();
    if (this.dfCache.size) this.dfCache = new Map();
  }
}
