// Search over every annotation and every source passage, kept up to date edit by edit.
//
// The index is a list of segments (segmented-index.ts). An annotation saved or deleted changes the index
// at once: a one-entry segment is built on the spot (well under a millisecond) or the old entry is
// masked. Whole documents, full rebuilds and merges of small segments are built in a worker thread.
// Segments persist under the library's cache folder and are loaded at start; a missing or damaged index
// is rebuilt in the background with progress reported as 'task.progress' events.
import path from 'node:path';
import type { Annotation, Codebook, LibraryDocument } from '../../../shared/model';
import { completeQuery, type CompletionResult } from '../../../shared/search/complete';
import type { SearchResults } from '../../../shared/search/types';
import { EventBus } from '../events';
import type { LibraryStore } from '../library/store';
import { InlineBuilder, type IndexBuilder } from './builder';
import { annotationEntry, annotationEntryId, type EntryInput } from './entries';
import { documentInfo, planQuery, type DocumentInfo } from './plan';
import { answer, tagsByUse, type HitContext } from './results';
import { Segment } from './segment';
import { documentStamp, stampIsOfFile } from './stamps';
import { buildSegment } from './segment-build';
import { SegmentedIndex } from './segmented-index';
import { SegmentStore } from './segment-store';
import { codebookFingerprint, liveEntries, pickMerge } from './merge-policy';
import { findWorkerScript, WorkerBuilder } from './worker-builder';

export const INDEX_TASK = 'search-index';
/**
 * Up to this many documents, a query waits for indexing still under way (a rebuild, changes found at
 * start): it takes a moment there, and complete results are worth it. Larger libraries answer at once
 * from what is indexed, with the progress in the results.
 */
const WAIT_FOR_INDEXING_DOCUMENTS = 200;
/** Documents per passage segment of a full build, annotations per annotation segment. */
const PASSAGE_BATCH = 1_000;
const ANNOTATION_BATCH = 25_000;

export interface SearchServiceOptions {
  /** Where segments are built; by default a worker thread, inline where the worker script is missing. */
  builder?: IndexBuilder;
  /** How long after a change the index is written to disk. */
  persistDelayMs?: number;
  log?: (message: string) => void;
}

export interface QueryOptions {
  limit?: number;
  /** The last word is still being typed: match it as a prefix too. */
  typing?: boolean;
}

export class SearchService {
  readonly index = new SegmentedIndex();
  readonly segmentStore: SegmentStore;
  private readonly builder: IndexBuilder;
  private readonly log: (message: string) => void;
  private readonly persistDelayMs: number;
  private loaded: Promise<void> | null = null;
  private background: Promise<void> = Promise.resolve();
  private merging: Promise<void> | null = null;
  private persisting: Promise<void> = Promise.resolve();
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private progress: { done: number; total: number } | null = null;
  /** Per document, the stamp of its annotations file as indexed. */
  private stamps: Record<string, string> = {};
  private indexedCodebook = '';
  private documentCache: Map<string, DocumentInfo> | null = null;
  /** The store's document objects the cache was made from (the store replaces one when it changes). */
  private documentSources: LibraryDocument[] = [];
  /** Per document, the store's list of annotations as last indexed (the store replaces it on a change). */
  private readonly indexedLists = new Map<string, readonly Annotation[]>();
  private documentsVersion = 0;
  private tagCache: { generation: number; tags: string[] } | null = null;
  private closed = false;

  constructor(
    private readonly store: LibraryStore,
    private readonly events: Pick<EventBus, 'emit'> = new EventBus(),
    options: SearchServiceOptions = {},
  ) {
    this.segmentStore = new SegmentStore(path.join(store.paths.cache, 'search'));
    this.log = options.log ?? ((message) => console.warn(`Search: ${message}`));
    this.persistDelayMs = options.persistDelayMs ?? 1_000;
    if (options.builder) this.builder = options.builder;
    else {
      const script = findWorkerScript();
      this.builder = script ? new WorkerBuilder(script) : new InlineBuilder();
    }
  }

  /** Loads the persisted index (quick), then brings it up to date with the library in the background. */
  start(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  /** Resolves when background indexing, merging and writing are done (for tests and benchmarks). */
  async idle(): Promise<void> {
    await this.start();
    for (;;) {
      const [background, merging, persisting] = [this.background, this.merging, this.persisting];
      await background;
      await merging;
      if (this.persistTimer) await this.flush();
      else await persisting;
      const settled = background === this.background && merging === this.merging && persisting === this.persisting;
      if (settled && !this.persistTimer) return;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.start().catch(() => undefined);
    this.closed = true;
    await this.builder.close();
    await Promise.allSettled([this.background, this.merging]);
    await this.flush().catch((error: unknown) => this.log(`the index could not be saved: ${(error as Error).message}`));
  }

  // ---- Queries ------------------------------------------------------------------------------------

  async query(text: string, options: QueryOptions = {}): Promise<SearchResults> {
    await this.start();
    if (this.store.listDocuments().length <= WAIT_FOR_INDEXING_DOCUMENTS) {
      this.enqueue(() => this.catchUp());
      await this.background;
    }
    const began = performance.now();
    const codebook = this.store.getCodebook();
    const planned = text.trim() ? planQuery(text, { codebook, documents: [...this.documents().values()] }, { typing: options.typing }) : null;
    const results = answer(this.index, text, planned, options.limit ?? 20, this.hitContext(codebook));
    return { ...results, indexing: this.progress, tookMs: Math.round((performance.now() - began) * 100) / 100 };
  }

  async complete(query: string, cursor: number): Promise<CompletionResult> {
    await this.start();
    const documents = [...this.documents().values()];
    return completeQuery(query, cursor, {
      codebook: this.store.getCodebook(),
      tags: this.tags(),
      documents: documents.map((d) => ({ id: d.id, title: d.title })),
      years: [...new Set(documents.map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => b - a),
    });
  }

  // ---- Changes ------------------------------------------------------------------------------------

  /** An annotation was created or changed: searchable as soon as this returns. */
  async annotationSaved(annotation: Annotation): Promise<void> {
    await this.start();
    const entry = annotationEntry(annotation, this.store.getCodebook());
    this.index.add(Segment.fromBytes(buildSegment('annotation', [entry])));
    await this.touchedAnnotations(annotation.documentId);
  }

  async annotationDeleted(documentId: string, annotationId: string): Promise<void> {
    await this.start();
    this.index.remove(annotationEntryId(annotationId));
    await this.touchedAnnotations(documentId);
  }

  /** A document was imported: its passages are built in the worker, its annotations (if any) here. */
  async documentAdded(documentId: string): Promise<void> {
    await this.start();
    this.documentCache = null;
    await this.indexDocuments([documentId]);
    this.afterChange();
  }

  /** A document's file was replaced by a new version: its text and annotations are indexed afresh. */
  async documentReplaced(documentId: string): Promise<void> {
    await this.documentDeleted(documentId);
    await this.documentAdded(documentId);
  }

  /** Title, kind or date changed: they are read live, so nothing is re-indexed. */
  documentUpdated(): void {
    this.documentCache = null;
  }

  async documentDeleted(documentId: string): Promise<void> {
    await this.start();
    this.documentCache = null;
    this.index.removeDocument(documentId);
    delete this.stamps[documentId];
    this.afterChange();
  }

  /**
   * Documents changed in bulk elsewhere (references imported, annotation files imported): new ones are
   * indexed, removed ones dropped, and the annotations of the others re-read, in the background.
   */
  documentsChanged(documentIds: string[]): void {
    this.documentCache = null;
    if (documentIds.length === 0) return;
    this.enqueue(async () => {
      const gone = documentIds.filter((id) => !this.exists(id));
      for (const id of gone) {
        this.index.removeDocument(id);
        delete this.stamps[id];
      }
      const present = documentIds.filter((id) => this.exists(id));
      const fresh = present.filter((id) => !(id in this.stamps));
      if (fresh.length) await this.indexDocuments(fresh, fresh.length > 20);
      const known = present.filter((id) => !fresh.includes(id));
      if (known.length) await this.reindexAnnotations(known);
      this.afterChange();
    });
  }

  /** Principle and actor names are part of annotations' searchable text: re-index them in the background. */
  codebookChanged(): void {
    if (codebookFingerprint(this.store.getCodebook()) === this.indexedCodebook) return;
    this.enqueue(() => this.reindexAnnotations(this.store.listDocuments().map((d) => d.id)));
  }

  // ---- Loading, rebuilding, reconciling -----------------------------------------------------------

  private async load(): Promise<void> {
    const { index, problem } = await this.segmentStore.load();
    if (index) {
      this.index.restore(index.segments);
      this.stamps = { ...index.documents };
      this.indexedCodebook = index.codebook;
      this.enqueue(() => this.reconcile());
      // Positions and texts are read, and typo automata built, in the background (one segment at a time,
      // so queries get in between), so the first phrase or word~1 query need not wait.
      for (const segment of index.segments) {
        this.enqueue(() => segment.prefetch());
        this.enqueue(async () => segment.warmFuzzy());
      }
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

  /** After loading: documents added, removed or annotated while the index was not watching. */
  private async reconcile(): Promise<void> {
    const documents = this.store.listDocuments();
    const present = new Set(documents.map((d) => d.id));
    for (const id of this.index.documentIds()) if (!present.has(id) && this.index.entriesOf(id).length) this.index.removeDocument(id);
    for (const id of Object.keys(this.stamps)) if (!present.has(id)) delete this.stamps[id];
    // A file replaced while the index was not watching: its passages are stale, so it is indexed afresh.
    for (const d of documents) {
      if (d.id in this.stamps && !stampIsOfFile(this.stamps[d.id]!, d.contentHash)) {
        this.index.removeDocument(d.id);
        delete this.stamps[d.id];
      }
    }
    const missing = documents.filter((d) => !(d.id in this.stamps)).map((d) => d.id);
    if (missing.length) await this.indexDocuments(missing, missing.length > 20);
    const codebookChanged = codebookFingerprint(this.store.getCodebook()) !== this.indexedCodebook;
    const changed: string[] = [];
    for (const d of documents) {
      if (missing.includes(d.id)) continue;
      if (codebookChanged || (await documentStamp(this.store, d.id)) !== this.stamps[d.id]) changed.push(d.id);
    }
    if (changed.length) await this.reindexAnnotations(changed);
    this.afterChange();
  }

  /**
   * Changes made through the store without telling search (tools, bulk imports, tests): found by the
   * identity of the store's objects, which it replaces on every change. Used where checking every
   * document per query is cheap (small libraries); large ones rely on notifications and the check at start.
   */
  private async catchUp(): Promise<void> {
    const documents = this.store.listDocuments();
    if (documents.length !== this.documentSources.length || documents.some((d, i) => d !== this.documentSources[i])) {
      this.documentCache = null;
    }
    const present = new Set(documents.map((d) => d.id));
    for (const id of this.index.documentIds()) if (!present.has(id) && this.index.entriesOf(id).length) this.index.removeDocument(id);
    const fresh: string[] = [];
    const stale: string[] = [];
    for (const d of documents) {
      if (!(d.id in this.stamps)) fresh.push(d.id);
      else if ((await this.store.listAnnotations(d.id).catch(() => null)) !== (this.indexedLists.get(d.id) ?? null)) stale.push(d.id);
    }
    if (fresh.length) await this.indexDocuments(fresh);
    if (stale.length) await this.reindexAnnotations(stale);
  }

  /** Passages (in the worker) and annotations of documents, in batches that become segments. */
  private async indexDocuments(ids: string[], report = false): Promise<void> {
    const total = ids.length * 2;
    const step = (done: number, label: string) => {
      if (!report) return;
      this.progress = done >= total ? null : { done, total };
      this.events.emit('task.progress', { task: INDEX_TASK, done, total, label });
    };
    step(0, 'Indexing sources');
    for (let i = 0; i < ids.length && !this.closed; i += PASSAGE_BATCH) {
      const batch = ids.slice(i, i + PASSAGE_BATCH).filter((id) => this.exists(id));
      const readAt = this.index.generation;
      const built = await this.builder.buildPassages(
        batch.map((documentId) => ({ documentId, textFile: this.store.paths.document(documentId).text })),
        (done) => step(i + done, 'Indexing sources'),
      );
      for (const problem of built.problems) this.log(`document ${problem.documentId}: ${problem.message}`);
      this.index.add(Segment.fromBytes(built.bytes), readAt);
    }
    await this.reindexAnnotations(ids, (done) => step(ids.length + done, 'Indexing annotations'));
    step(total, 'Search index ready');
  }

  /** Replaces the indexed annotations of documents with what is on disk now. */
  private async reindexAnnotations(ids: string[], onProgress?: (done: number) => void): Promise<void> {
    const codebook = this.store.getCodebook();
    let batch: EntryInput[] = [];
    let readAt = this.index.generation;
    const flushBatch = async () => {
      if (!batch.length) return;
      const entries = batch;
      batch = [];
      const bytes = await this.builder.build('annotation', entries);
      this.index.add(Segment.fromBytes(bytes), readAt);
      readAt = this.index.generation;
    };
    for (let i = 0; i < ids.length && !this.closed; i++) {
      const id = ids[i]!;
      if (!this.exists(id)) continue;
      this.index.removeDocument(id, 'annotation', true);
      const stampBefore = await documentStamp(this.store, id);
      try {
        const list = await this.store.listAnnotations(id);
        for (const annotation of list) batch.push(annotationEntry(annotation, codebook));
        this.indexedLists.set(id, list);
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

  private exists(documentId: string): boolean {
    try {
      this.store.getDocument(documentId);
      return true;
    } catch {
      return false;
    }
  }

  private async touchedAnnotations(documentId: string): Promise<void> {
    this.stamps[documentId] = await documentStamp(this.store, documentId);
    const list = await this.store.listAnnotations(documentId).catch(() => null);
    if (list) this.indexedLists.set(documentId, list);
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
        const entries = plan.sources.flatMap((segment) => liveEntries(segment));
        const merged = Segment.fromBytes(await this.builder.build(plan.kind, entries));
        if (!this.closed) this.index.replace(plan.sources, merged);
      } catch (error) {
        if (!this.closed) this.log(`merging segments failed: ${(error as Error).message}`);
      } finally {
        this.merging = null;
      }
      this.afterChange();
    })();
  }

  private schedulePersist(): void {
    if (this.closed) return;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => void this.flush().catch((e: unknown) => this.log(`the index could not be saved: ${(e as Error).message}`)), this.persistDelayMs);
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

  // ---- Live library facts -------------------------------------------------------------------------

  private documents(): Map<string, DocumentInfo> {
    if (!this.documentCache) {
      this.documentsVersion++;
      this.documentSources = this.store.listDocuments();
      this.documentCache = new Map(
        this.documentSources.map((d) => [d.id, documentInfo(d)]),
      );
    }
    return this.documentCache;
  }

  private hitContext(codebook: Codebook): HitContext {
    const documents = this.documents();
    return { index: this.index, codebook, version: this.documentsVersion, document: (id) => documents.get(id) };
  }

  private tags(): string[] {
    if (this.tagCache?.generation !== this.index.generation) this.tagCache = { generation: this.index.generation, tags: tagsByUse(this.index) };
    return this.tagCache.tags;
  }

}
