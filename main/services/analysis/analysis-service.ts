// The analysis in main: the facts of every passage in compact columns and the whole library's tally,
// both filled once at start and then kept up to date from the store's change events. The facts are kept
// between sessions (facts-file.ts): a start reads only the annotations files whose content changed since. A view is drawn
// from the whole tally when it can be (no filter, or only sources for the coverage and timeline), else
// from a tally summed over the passages the filter keeps (cached until the next change). Passages are
// read from the store only for the page of a drill-down being shown.
import { setImmediate as yieldToIo } from 'node:timers/promises';
import {
  annotationFacts,
  coverageSource,
  drawnFromSources,
  drawView,
  filterSources,
  isFiltering,
  keepsPassage,
  PassageColumns,
  selects,
  Tally,
  toCodedPassage,
  valueOf,
  type AnalysisCounts,
  type AnalysisFilter,
  type AnalysisPassagesPage,
  type AnalysisPassagesRequest,
  type AnalysisViewRequest,
  type PassageFacts,
} from '../../../shared/analysis';
import type { LibraryChange } from '../../../shared/library-changes';
import type { Annotation, PageRange } from '../../../shared/model';
import type { LibraryStore } from '../library/store';
import { libraryFolder } from '../library/safe-fs';
import { factsFile, readFacts, writeFacts, type DocumentFacts } from './facts-file';

/** Documents read between two breaks at start, so that calls are answered while the columns fill. */
const START_BATCH = 250;
/** How long after a change the facts are saved (they are also saved at close). */
const SAVE_DELAY_MS = 10_000;

export class AnalysisService {
  private readonly columns = new PassageColumns();
  private readonly whole = new Tally();
  /** Changes published before the columns were filled: applied once they are. */
  private pending: LibraryChange[] | null = [];
  private started: Promise<void> | null = null;
  private generation = 0;
  private filtered: { key: string; generation: number; tally: Tally } | null = null;
  private readonly pages = new Map<string, readonly PageRange[] | null>();
  private readonly unsubscribe: () => void;
  /** The facts differ from those saved. */
  private unsaved = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly store: LibraryStore) {
    this.unsubscribe = store.changes.subscribe((change) => {
      this.generation++;
      if (this.pending) this.pending.push(change);
      else this.apply(change);
      if (changesPassages(change)) this.changed();
    });
  }

  /** Reads every passage's facts (in the background at start: a first view waits for it). */
  start(): Promise<void> {
    this.started ??= this.fill();
    return this.started;
  }

  /** Stops following the library; the facts are saved if they changed (call before the store closes). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    await this.started?.catch(() => undefined);
    await this.saving;
    if (this.unsaved) await this.save();
  }

  async counts(request: AnalysisViewRequest): Promise<AnalysisCounts> {
    await this.start();
    const variables = this.store.variables.get();
    const sources = filterSources(this.store.listDocuments(), request.filter, variables.values).map(coverageSource);
    const tally = !isFiltering(request.filter) || drawnFromSources(request) ? this.whole : this.filteredTally(request.filter);
    let passages = 0;
    for (const source of sources) passages += tally.documents.get(source.id)?.passages ?? 0;
    const view = drawView(request, tally, sources, this.store.getCodebook(), variables);
    return { ...view, passages, sources: sources.length, tags: this.whole.tagNames(), coders: this.whole.coderCounts() };
  }

  /** The coders with passages in the library, most first (null: no coder recorded). */
  async coders(): Promise<{ coder: string | null; annotations: number }[]> {
    await this.start();
    return this.whole.coderCounts();
  }

  /** One page of the passages behind a mark, in library order. */
  async passages(request: AnalysisPassagesRequest): Promise<AnalysisPassagesPage> {
    await this.start();
    const { values } = this.store.variables.get();
    const kept = new Map(filterSources(this.store.listDocuments(), request.filter, values).map((d) => [d.id, d.metadata.date]));
    const chosen: { annotationId: string; documentId: string }[] = [];
    let total = 0;
    const value = (documentId: string, variableId: string) => valueOf(values, documentId, variableId);
    this.columns.forEach((facts) => {
      const date = kept.get(facts.documentId);
      if (date === undefined || !keepsPassage(facts, request.filter) || !selects(request.selector, facts, date, value)) return;
      if (total >= request.offset && chosen.length < request.limit) chosen.push({ annotationId: facts.annotationId, documentId: facts.documentId });
      total++;
    });
    const passages = [];
    for (const { annotationId, documentId } of chosen) {
      const annotation = (await this.store.listAnnotations(documentId)).find((a) => a.id === annotationId);
      if (annotation) passages.push(toCodedPassage(annotation, await this.pagesOf(documentId), this.store.getDocument(documentId)));
    }
    return { total, passages };
  }

  // ---- Following the library ----------------------------------------------------------------------

  private async fill(): Promise<void> {
    const saved = await readFacts(factsFile(this.store.paths.cache)).catch(() => null);
    const documents = this.store.listDocuments();
    let read = 0;
    for (let i = 0; i < documents.length; i++) {
      const id = documents[i]!.id;
      // Facts saved from the annotations file as the check record still has it: nothing to read.
      const kept = saved?.get(id);
      if (kept && kept.annotations === this.store.annotationsHash(id)) {
        kept.forEach((annotationId, facts) => this.setFacts(annotationId, facts));
        continue;
      }
      if (++read % START_BATCH === 0) await yieldToIo();
      // A document deleted meanwhile is simply not there; its deletion is among the pending changes.
      const annotations = await this.store.listAnnotations(id).catch(() => [] as Annotation[]);
      for (const annotation of annotations) this.set(annotation);
    }
    // Changes published meanwhile: applying one that what was read already shows changes nothing.
    const pending = this.pending ?? [];
    this.pending = null;
    for (const change of pending) this.apply(change);
    if (read > 0 || !saved || saved.size !== documents.length || this.unsaved) this.changed();
  }

  // ---- Keeping the facts between sessions ---------------------------------------------------------

  private changed(): void {
    this.unsaved = true;
    if (this.saveTimer || this.closed || this.pending) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saving = this.save();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  /**
   * Writes the facts with each document's annotations file hash, between the store's writes (so both
   * describe the same files). Facts that cannot be saved only mean a slower next start.
   */
  private save(): Promise<void> {
    if (this.pending) return Promise.resolve();
    return this.store
      .betweenWrites(async () => {
        this.unsaved = false;
        const documents = new Map<string, DocumentFacts>();
        for (const document of this.store.listDocuments()) {
          const annotations = this.store.annotationsHash(document.id);
          if (annotations) documents.set(document.id, { annotations, passages: [] });
        }
        this.columns.forEach((facts) => {
          const { annotationId, documentId, principles, actors, tags, quoteLength, coder } = facts;
          documents.get(documentId)?.passages.push([annotationId, { documentId, principles: [...principles], actors: [...actors], tags: [...tags], quoteLength, coder }]);
        });
        // cache/ made if missing, as a real folder of the library (never through a link).
        await writeFacts(factsFile(await libraryFolder(this.store.paths.root, 'cache')), documents);
      })
      .catch(() => {
        this.unsaved = true;
      });
  }

  private apply(change: LibraryChange): void {
    switch (change.kind) {
      case 'annotations.changed':
        for (const id of change.removed) this.unset(id);
        for (const annotation of [...change.added, ...change.updated]) this.set(annotation);
        break;
      case 'document.replaced': {
        const kept = new Set(change.annotations.map((a) => a.id));
        for (const id of this.columns.idsOfDocument(change.document.id)) if (!kept.has(id)) this.unset(id);
        for (const annotation of change.annotations) this.set(annotation);
        this.pages.delete(change.document.id);
        break;
      }
      case 'document.deleted':
        for (const id of this.columns.idsOfDocument(change.documentId)) this.unset(id);
        this.pages.delete(change.documentId);
        break;
      case 'codebook.changed':
        for (const annotation of change.recoded) this.set(annotation);
        break;
      case 'document.restored': // back from the trash with its annotations
        for (const annotation of change.annotations) this.set(annotation);
        break;
      case 'document.added': // no annotations yet
      case 'document.metadataChanged': // titles and dates are read from the store when drawing
      case 'references.changed':
      case 'collections.changed': // scopes are resolved to documents when a view is asked for
      case 'documentTags.changed':
      case 'memos.changed':
      case 'variables.changed': // values are read from the store when a view is drawn (filteredTally's cache is by generation)
        break;
    }
  }

  private set(annotation: Annotation): void {
    this.setFacts(annotation.id, annotationFacts(annotation));
  }

  private setFacts(annotationId: string, facts: PassageFacts): void {
    this.unset(annotationId);
    this.columns.set(annotationId, facts);
    this.whole.add(facts);
  }

  private unset(annotationId: string): void {
    const old = this.columns.get(annotationId);
    if (!old) return;
    this.whole.add(old, -1);
    this.columns.remove(annotationId);
  }

  private filteredTally(filter: AnalysisFilter): Tally {
    const key = JSON.stringify(filter);
    if (this.filtered?.key === key && this.filtered.generation === this.generation) return this.filtered.tally;
    const kept = new Set(filterSources(this.store.listDocuments(), filter, this.store.variables.get().values).map((d) => d.id));
    const tally = new Tally();
    this.columns.forEach((facts) => {
      if (kept.has(facts.documentId) && keepsPassage(facts, filter)) tally.add(facts);
    });
    this.filtered = { key, generation: this.generation, tally };
    return tally;
  }

  /** A PDF's page offsets, to give passages their page (read once per document shown). */
  private async pagesOf(documentId: string): Promise<readonly PageRange[] | null> {
    if (this.store.getDocument(documentId).format !== 'pdf') return null;
    let pages = this.pages.get(documentId);
    if (pages === undefined) {
      pages = (await this.store.readText(documentId)).pages;
      if (this.pages.size > 200) this.pages.clear();
      this.pages.set(documentId, pages);
    }
    return pages;
  }
}

/** Whether a change can change the passages' facts (and so what is to be saved). */
function changesPassages(change: LibraryChange): boolean {
  return ['annotations.changed', 'document.replaced', 'document.deleted', 'codebook.changed', 'document.restored'].includes(change.kind);
}
