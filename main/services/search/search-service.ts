// Search over every annotation and every source passage: answers queries and completions from the
// index that IndexKeeper (index-keeper.ts) keeps up to date by following the library store's changes.
// An edit is searchable as soon as the store has published it: a query first waits for the changes
// published before it to be in the index (well under a millisecond for an annotation).
import type { Codebook } from '../../../shared/model';
import { completeQuery, type CompletionResult } from '../../../shared/search/complete';
import type { SearchResults } from '../../../shared/search/types';
import { EventBus } from '../events';
import type { LibraryStore } from '../library/store';
import { InlineBuilder, type IndexBuilder } from './builder';
import { HitAnnotations } from './hit-annotations';
import { HitPassages } from './hit-passages';
import { IndexKeeper } from './index-keeper';
import { linkedAnnotationIds } from '../../../shared/links/search';
import { documentInfo, planQuery, restrictToDocuments, type DocumentInfo } from './plan';
import { answer, tagsByUse, type HitContext } from './results';
import type { SegmentedIndex } from './segmented-index';
import type { SegmentStore } from './segment-store';
import { findWorkerScript, WorkerBuilder } from './worker-builder';
import { searchMemos } from './memo-search';

/**
 * Up to this many documents, a query waits for indexing still under way (a rebuild, changes found at
 * start): it takes a moment there, and complete results are worth it. Larger libraries answer at once
 * from what is indexed, with the progress in the results.
 */
const WAIT_FOR_INDEXING_DOCUMENTS = 200;

export interface SearchServiceOptions {
  /** Where segments are built; by default a worker thread, inline where the worker script is missing. */
  builder?: IndexBuilder;
  /** How long after a change the index is written to disk. */
  persistDelayMs?: number;
  log?: (message: string) => void;
  /** Where the index is kept (by default the library's cache/search). */
  indexDir?: string;
}

export interface QueryOptions {
  limit?: number;
  /** The last word is still being typed: match it as a prefix too. */
  typing?: boolean;
  /** Only entries of these documents (a search scoped to a collection or a tag). */
  documents?: ReadonlySet<string>;
}

export class SearchService {
  private readonly keeper: IndexKeeper;
  private readonly unsubscribe: () => void;
  private documentCache: Map<string, DocumentInfo> | null = null;
  private documentListCache: DocumentInfo[] | null = null;
  private documentsVersion = 0;
  private tagCache: { generation: number; tags: string[] } | null = null;
  private readonly hitAnnotations: HitAnnotations;
  private readonly hitPassages = new HitPassages();

  constructor(
    private readonly store: LibraryStore,
    events: Pick<EventBus, 'emit'> = new EventBus(),
    options: SearchServiceOptions = {},
  ) {
    const script = options.builder ? null : findWorkerScript();
    this.keeper = new IndexKeeper(store, events, {
      builder: options.builder ?? (script ? new WorkerBuilder(script) : new InlineBuilder()),
      persistDelayMs: options.persistDelayMs ?? 1_000,
      log: options.log ?? ((message) => console.warn(`Search: ${message}`)),
      indexDir: options.indexDir,
    });
    this.hitAnnotations = new HitAnnotations((id) => store.paths.document(id).annotations);
    this.unsubscribe = store.changes.subscribe((change) => {
      if (change.kind.startsWith('document.')) this.documentCache = null;
      this.hitAnnotations.follow(change);
      this.hitPassages.follow(change);
      this.keeper.follow(change);
    });
  }

  get index(): SegmentedIndex {
    return this.keeper.index;
  }

  get segmentStore(): SegmentStore {
    return this.keeper.segmentStore;
  }

  /** Loads the persisted index (quick), then brings it up to date with the library in the background. */
  start(): Promise<void> {
    return this.keeper.start();
  }

  /** Resolves when changes, background indexing, merging and writing are done (for tests and benchmarks). */
  idle(): Promise<void> {
    return this.keeper.idle();
  }

  /** Writes the index now. */
  flush(): Promise<void> {
    return this.keeper.flush();
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.keeper.close();
  }

  // ---- Queries ------------------------------------------------------------------------------------

  async query(text: string, options: QueryOptions = {}): Promise<SearchResults> {
    await this.keeper.changesApplied();
    // The documents as last listed (listing the store's sorts them all: too slow to do per query).
    const documents = this.documents();
    if (documents.size <= WAIT_FOR_INDEXING_DOCUMENTS) await this.keeper.backgroundDone();
    const began = performance.now();
    const codebook = this.store.getCodebook();
    const links = this.store.links;
    const context = {
      codebook,
      documents: this.documentList(),
      linked: (value: string) => linkedAnnotationIds(links.stored(), links.exists, value),
      relations: links.stored().relations,
      variables: this.store.variables.get(),
    };
    const planned = text.trim() ? planQuery(text, context, { typing: options.typing }) : null;
    if (planned?.ok && options.documents) restrictToDocuments(planned.plan, options.documents);
    const results = await answer(this.index, text, planned, options.limit ?? 20, this.hitContext(codebook));
    if (planned?.ok) {
      const documents = this.documents();
      const memos = searchMemos(this.store.memos.list(), text, {
        codebook,
        document: (id) => documents.get(id),
        names: {
          documentTitle: (id) => documents.get(id)?.title,
          principleName: (id) => codebook.principles.find((p) => p.id === id)?.name,
          actorName: (id) => codebook.actors.find((a) => a.id === id)?.name,
        },
        documents: options.documents,
        typing: options.typing,
        variables: context.variables,
      }, options.limit ?? 20);
      results.memos = memos.hits;
      results.total.memos = memos.total;
    }
    return { ...results, indexing: this.keeper.progress, tookMs: Math.round((performance.now() - began) * 100) / 100 };
  }

  async complete(query: string, cursor: number): Promise<CompletionResult> {
    await this.keeper.changesApplied();
    const documents = this.documentList();
    return completeQuery(query, cursor, {
      codebook: this.store.getCodebook(),
      tags: this.tags(),
      coders: tagsByUse(this.index, 'coder'),
      documents: documents.map((d) => ({ id: d.id, title: d.title })),
      years: [...new Set(documents.map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => b - a),
      relations: this.store.links.stored().relations,
      variables: this.store.variables.get(),
    });
  }

  // ---- Live library facts -------------------------------------------------------------------------

  private documents(): Map<string, DocumentInfo> {
    if (!this.documentCache) {
      this.documentsVersion++;
      this.documentCache = new Map(this.store.listDocuments().map((d) => [d.id, documentInfo(d)]));
      this.documentListCache = null;
    }
    return this.documentCache;
  }

  private documentList(): DocumentInfo[] {
    const documents = this.documents();
    return (this.documentListCache ??= [...documents.values()]);
  }

  private hitContext(codebook: Codebook): HitContext {
    const documents = this.documents();
    return {
      index: this.index,
      codebook,
      version: this.documentsVersion,
      document: (id) => documents.get(id),
      textFile: (id) => this.store.paths.document(id).text,
      passages: this.hitPassages,
      annotationText: (documentId, annotationId) => this.hitAnnotations.get(documentId, annotationId),
    };
  }

  private tags(): string[] {
    if (this.tagCache?.generation !== this.index.generation) this.tagCache = { generation: this.index.generation, tags: tagsByUse(this.index) };
    return this.tagCache.tags;
  }
}
