// Keeps the search index up to date with the library: loads it at start (or rebuilds it), reconciles it
// with what changed while it was not watching (by the stamps it keeps), then follows the store's change
// events, in order. Segments persist under the library's cache folder.
//
// An annotation saved or deleted changes the index at once: a small segment is built on the spot (well
// under a millisecond) or the old entry is masked. Whole documents, full rebuilds and merges of small
// segments are built in a worker thread. Changes that queue up while one is being applied (a bulk
// import) are applied together, so a thousand annotation writes make one segment, not a thousand.
import path from 'node:path';
import type { LibraryChange } from '../../../shared/library-changes';
import type { Annotation } from '../../../shared/model';
import type { EventBus } from '../events';
import type { LibraryStore } from '../library/store';
import type { IndexBuilder } from './builder';
import { annotationEntry, annotationEntryId, type EntryInput, type EntryKind } from './entries';
import { codebookFingerprint, documentsWithLiveEntries, liveAnnotationIds, pickMerge } from './merge-policy';
import { Segment } from './segment';
import { buildSegment } from './segment-build';
import { SegmentedIndex } from './segmented-index';
import { SegmentStore } from './segment-store';
import { documentStamp, stampIsOfFile } from './stamps';

export const INDEX_TASK = 'search-index';
/**
 * Documents per passage segment of a full build, annotations per annotation segment: large, since each
 * segment has its own term dictionary, but small enough that building one stays within ~150 MB.
 */
const PASSAGE_BATCH = 2_000;
const ANNOTATION_BATCH = 50_000;
/** Up to this many annotations, a changed segment is built on the spot rather than in the worker. */
const INLINE_BUILD = 500;

export interface IndexKeeperOptions {
  builder: IndexBuilder;
  /** How long after a change the index is written to disk. */
  persistDelayMs: number;
  log: (message: string) => void;
  /** Where the index is kept (by default the library's cache/search). */
  indexDir?: string;
}

export class IndexKeeper {
  readonly index = new SegmentedIndex();
  readonly segmentStore: SegmentStore;
  private loaded: Promise<void> | null = null;
  private background: Promise<void> = Promise.resolve();
  private readonly queue: LibraryChange[] = [];
  private following: Promise<void> | null = null;
  private merging: Promise<void> | null = null;
  private persisting: Promise<void> = Promise.resolve();
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private indexing: { done: number; total: number } | null = null;
  /** Per document, the stamps of its file and annotations file as indexed (for reconciling at start). */
  private stamps: Record<string, string> = {};
  private indexedCodebook = '';
  private closed = false;

  constructor(
    private readonly store: LibraryStore,
    private readonly events: Pick<EventBus, 'emit'>,
    private readonly options: IndexKeeperOptions,
  ) {
    this.segmentStore = new SegmentStore(options.indexDir ?? path.join(store.paths.cache, 'search'));
  }

  /** How far a rebuild is, or null when none is under way. */
  get progress(): { done: number; total: number } | null {
    return this.indexing;
  }

  /** Loads the persisted index (quick), then brings it up to date with the library in the background. */
  start(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  /** A change the store published: applied after every earlier one. */
  follow(change: LibraryChange): void {
    if (this.closed) return;
    this.queue.push(change);
    this.following ??= this.applyQueued();
  }

  /** Resolves when every change published so far is in the index (not the background rebuild). */
  async changesApplied(): Promise<void> {
    await this.start();
    while (this.following) await this.following;
  }

  /** Resolves when background indexing (rebuild, reconcile) is done, not counting merges and writes. */
  async backgroundDone(): Promise<void> {
    await this.start();
    await this.background;
  }

  /** Resolves when changes, background indexing, merging and writing are all done (tests, benchmarks). */
  async idle(): Promise<void> {
    await this.start();
    for (;;) {
      const [following, background, merging, persisting] = [this.following, this.background, this.merging, this.persisting];
      await following;
      await background;
      await merging;
      if (this.persistTimer) await this.flush();
      else await persisting;
      const settled = following === this.following && background === this.background && merging === this.merging && persisting === this.persisting;
      if (settled && !this.persistTimer) return;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.start().catch(() => undefined);
    this.closed = true;
    await this.options.builder.close();
    await Promise.allSettled([this.following, this.background, this.merging]);
    await this.flush().catch((error: unknown) => this.log(`the index could not be saved: ${(error as Error).message}`));
  }

  // ---- Following changes --------------------------------------------------------------------------

  private async applyQueued(): Promise<void> {
    try {
      await this.start();
      while (this.queue.length && !this.closed) {
        const change = this.queue.shift()!;
        try {
          if (change.kind === 'annotations.changed') await this.applyAnnotationChanges([change, ...this.takeAnnotationChanges()]);
          else await this.apply(change);
        } catch (error) {
          if (!this.closed) this.log(`a change (${change.kind}) could not be indexed: ${(error as Error).message}`);
        }
      }
    } finally {
      this.following = null;
    }
  }

  /** The annotation changes queued next, to apply in one go. */
  private takeAnnotationChanges(): Extract<LibraryChange, { kind: 'annotations.changed' }>[] {
    const run: Extract<LibraryChange, { kind: 'annotations.changed' }>[] = [];
    while (this.queue[0]?.kind === 'annotations.changed') run.push(this.queue.shift() as (typeof run)[number]);
    return run;
  }

  private async apply(change: Exclude<LibraryChange, { kind: 'annotations.changed' }>): Promise<void> {
    switch (change.kind) {
      case 'document.added':
      case 'document.restored':
        await this.indexDocuments([change.document.id]);
        break;
      case 'document.replaced':
        this.dropDocument(change.document.id);
        await this.indexDocuments([change.document.id]);
        break;
      case 'document.deleted':
        this.dropDocument(change.documentId);
        break;
      case 'codebook.changed':
        // Principle and actor names are part of annotations' searchable text: a renamed code re-indexes
        // every annotation, in the background; recoded annotations are indexed at once.
        await this.indexAnnotations(change.recoded);
        if (codebookFingerprint(change.codebook) !== this.indexedCodebook) {
          this.enqueue(() => this.reindexAnnotations(this.store.listDocuments().map((d) => d.id)));
        }
        break;
      case 'document.metadataChanged': // titles, kinds and dates are read live when answering
      case 'references.changed':
      case 'collections.changed': // a scope is resolved to documents when a query is asked
      case 'documentTags.changed':
      case 'memos.changed': // memos are searched from the store's list (memo-search.ts), not indexed
        return;
    }
    this.afterChange();
  }

  private async applyAnnotationChanges(changes: Extract<LibraryChange, { kind: 'annotations.changed' }>[]): Promise<void> {
    const latest = new Map<string, Annotation>();
    for (const change of changes) {
      for (const id of change.removed) {
        latest.delete(id);
        this.index.remove(annotationEntryId(id));
      }
      for (const annotation of [...change.added, ...change.updated]) latest.set(annotation.id, annotation);
    }
    await this.indexAnnotations([...latest.values()]);
    for (const documentId of new Set(changes.map((c) => c.documentId))) {
      if (this.store.hasDocument(documentId)) this.stamps[documentId] = documentStamp(this.store, documentId);
    }
    this.afterChange();
  }

  private async indexAnnotations(annotations: readonly Annotation[]): Promise<void> {
    if (!annotations.length) return;
    const codebook = this.store.getCodebook();
    const entries = annotations.map((a) => annotationEntry(a, codebook));
    const bytes = entries.length <= INLINE_BUILD ? buildSegment('annotation', entries) : await this.options.builder.build('annotation', entries);
    this.index.add(Segment.fromBytes(bytes));
  }

  private dropDocument(documentId: string): void {
    this.index.removeDocument(documentId);
    delete this.stamps[documentId];
  }

  // ---- Loading, rebuilding, reconciling -----------------------------------------------------------

  private async load(): Promise<void> {
    const { index, problem } = await this.segmentStore.load();
    if (index) {
      this.index.restore(index.segments);
      this.stamps = { ...index.documents };
      this.indexedCodebook = index.codebook;
      this.enqueue(() => this.reconcile());
    } else {
      if (problem) this.log(`${problem} It is rebuilt.`);
      this.enqueue(() => this.rebuild());
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.background = this.background.then(async () => {
      if (this.closed) return;
      try {
        await task();
      } catch (error) {
        if (!this.closed) this.log(`indexing failed: ${(error as Error).message}`);
      }
    });
  }

  /** Everything from scratch, with progress. */
  private async rebuild(): Promise<void> {
    this.index.clear();
    this.stamps = {};
    // A cache folder that cannot be cleared (replaced by a file, read-only) must not stop the rebuild:
    // search then works from memory and says why it could not save.
    await this.segmentStore.clear().catch((error: unknown) => this.log(`the old index could not be removed: ${(error as Error).message}`));
    await this.indexDocuments(this.store.listDocuments().map((d) => d.id), true);
    this.indexedCodebook = codebookFingerprint(this.store.getCodebook());
    await this.flush().catch((error: unknown) => this.log(`the index could not be saved: ${(error as Error).message}`));
  }

  /** After loading: documents added, removed, replaced or annotated while the index was not watching. */
  private async reconcile(): Promise<void> {
    const documents = this.store.listDocuments();
    const present = new Set(documents.map((d) => d.id));
    for (const id of this.index.documentIds()) if (!present.has(id) && this.index.entriesOf(id).length) this.index.removeDocument(id);
    for (const id of Object.keys(this.stamps)) if (!present.has(id)) delete this.stamps[id];
    // A file replaced while the index was not watching: its passages are stale, so it is indexed afresh.
    for (const d of documents) {
      if (d.id in this.stamps && !stampIsOfFile(this.stamps[d.id]!, d.contentHash)) this.dropDocument(d.id);
    }
    const missing = documents.filter((d) => !(d.id in this.stamps)).map((d) => d.id);
    if (missing.length) await this.indexDocuments(missing, missing.length > 20);
    const codebookChanged = codebookFingerprint(this.store.getCodebook()) !== this.indexedCodebook;
    const changed: string[] = [];
    for (const d of documents) {
      if (missing.includes(d.id)) continue;
      if (codebookChanged || documentStamp(this.store, d.id) !== this.stamps[d.id]) changed.push(d.id);
    }
    if (changed.length) await this.reindexAnnotations(changed);
    this.afterChange();
  }

  /** Passages (in the worker) and annotations of documents, in batches that become segments. */
  private async indexDocuments(ids: string[], report = false): Promise<void> {
    const total = ids.length * 2;
    const step = (done: number, label: string) => {
      if (!report) return;
      this.indexing = done >= total ? null : { done, total };
      this.events.emit('task.progress', { task: INDEX_TASK, done, total, label });
    };
    step(0, 'Indexing sources');
    for (let i = 0; i < ids.length && !this.closed; i += PASSAGE_BATCH) {
      const batch = ids.slice(i, i + PASSAGE_BATCH).filter((id) => this.store.hasDocument(id));
      const readAt = this.index.generation;
      const built = await this.options.builder.buildPassages(
        batch.map((documentId) => ({ documentId, textFile: this.store.paths.document(documentId).text })),
        (done) => step(i + done, 'Indexing sources'),
      );
      for (const problem of built.problems) this.log(`document ${problem.documentId}: ${problem.message}`);
      this.index.add(Segment.fromBytes(built.bytes), readAt);
    }
    await this.reindexAnnotations(ids, (done) => step(ids.length + done, 'Indexing annotations'));
    step(total, 'Search index ready');
  }

  /** Replaces the indexed annotations of documents with the store's. */
  private async reindexAnnotations(ids: string[], onProgress?: (done: number) => void): Promise<void> {
    const codebook = this.store.getCodebook();
    let batch: EntryInput[] = [];
    let readAt = this.index.generation;
    const flushBatch = async () => {
      if (!batch.length) return;
      const entries = batch;
      batch = [];
      const bytes = await this.options.builder.build('annotation', entries);
      this.index.add(Segment.fromBytes(bytes), readAt);
      readAt = this.index.generation;
    };
    for (let i = 0; i < ids.length && !this.closed; i++) {
      const id = ids[i]!;
      if (!this.store.hasDocument(id)) continue;
      this.index.removeDocument(id, 'annotation', true);
      const stampBefore = documentStamp(this.store, id);
      try {
        for (const annotation of await this.store.listAnnotations(id)) batch.push(annotationEntry(annotation, codebook));
        this.stamps[id] = stampBefore;
      } catch (error) {
        this.log(`the annotations of ${id} could not be read: ${(error as Error).message}`);
      }
      if (batch.length >= ANNOTATION_BATCH) await flushBatch();
      onProgress?.(i + 1);
    }
    await flushBatch();
    this.indexedCodebook = codebookFingerprint(codebook);
    this.afterChange();
  }

  // ---- Merging and persisting ---------------------------------------------------------------------

  private afterChange(): void {
    this.schedulePersist();
    this.scheduleMerge();
  }

  /** Tiered merging: segments of similar size (a factor of 8) are merged once there are eight of them. */
  private scheduleMerge(): void {
    if (this.merging || this.closed) return;
    const plan = pickMerge(this.index);
    if (!plan) return;
    this.merging = (async () => {
      try {
        const merged = Segment.fromBytes(await this.buildMerged(plan.kind, plan.sources));
        if (!this.closed) this.index.replace(plan.sources, merged);
      } catch (error) {
        if (!this.closed) this.log(`merging segments failed: ${(error as Error).message}`);
      } finally {
        this.merging = null;
      }
      this.afterChange();
    })();
  }

  /**
   * The index keeps no texts: a merge reads its entries again from the library (the annotations that are
   * live in the sources, the passages of their documents). An entry changed meanwhile has a newer copy,
   * which the merged one does not replace (SegmentedIndex.replace).
   */
  private async buildMerged(kind: EntryKind, sources: readonly Segment[]): Promise<Uint8Array> {
    const documents = documentsWithLiveEntries(sources).filter((id) => this.store.hasDocument(id));
    if (kind === 'annotation') {
      const live = liveAnnotationIds(sources);
      const codebook = this.store.getCodebook();
      const entries: EntryInput[] = [];
      for (const id of documents) {
        for (const annotation of await this.store.listAnnotations(id)) if (live.has(annotation.id)) entries.push(annotationEntry(annotation, codebook));
      }
      return this.options.builder.build(kind, entries);
    }
    const built = await this.options.builder.buildPassages(documents.map((documentId) => ({ documentId, textFile: this.store.paths.document(documentId).text })));
    // A document that cannot be read now keeps its entries where they are.
    if (built.problems.length) throw new Error(`document ${built.problems[0]!.documentId}: ${built.problems[0]!.message}`);
    return built.bytes;
  }

  private schedulePersist(): void {
    if (this.closed) return;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(
      () => void this.flush().catch((e: unknown) => this.log(`the index could not be saved: ${(e as Error).message}`)),
      this.options.persistDelayMs,
    );
    this.persistTimer.unref?.();
  }

  /** Writes the index now. */
  flush(): Promise<void> {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    const segments = [...this.index.segments];
    const state = { codebook: this.indexedCodebook, documents: { ...this.stamps } };
    this.persisting = this.persisting.catch(() => undefined).then(() => this.segmentStore.save(segments, state));
    return this.persisting;
  }

  private log(message: string): void {
    this.options.log(message);
  }
}
