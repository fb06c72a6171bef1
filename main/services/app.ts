// One open library with its services: what every transport (Electron, browser-mode host, CLI, tests)
// works with. No Electron here.
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { LIBRARY_CHECK_TASK } from '../../shared/health';
import { AnalysisService } from './analysis/analysis-service';
import { WELCOME_DOCUMENT } from '../../shared/welcome/welcome';
import { CodebookEditor } from './codebook/codebook-editor';
import { CitationFormatter } from './interchange/citations';
import { EventBus } from './events';
import { importFile } from './importing';
import { LibraryStore } from './library/store';
import { SavedSearches } from './search/saved-searches';
import { ReferenceShelf } from './references/shelf';
import { SearchService } from './search/search-service';
import type { SettingsService } from './settings';
import type { SecretStore } from './sync/secrets';
import { SyncService } from './sync/sync-service';
import { TaskRegistry } from './tasks';

export interface AppServices {
  store: LibraryStore;
  search: SearchService;
  /** The analysis views' counts, kept up to date from the library's changes. */
  analysis: AnalysisService;
  savedSearches: SavedSearches;
  settings: SettingsService;
  events: EventBus;
  /** Sources known from reference files, waiting for their document. */
  references: ReferenceShelf;
  /** Long work that reports progress and can be cancelled (exports, annotation imports). */
  tasks: TaskRegistry;
  /** Every change to the codebook, with its undo history. */
  codebook: CodebookEditor;
  /** Citation styles applied in a worker thread (citeproc-js is slow to build a style). */
  citations: CitationFormatter;
  /** Sync through CouchDB (null where no data dir was given, as in some tests). */
  sync: SyncService | null;
  /**
   * The library's list has been answered: the start-up work that waited for it begins (with
   * `background: 'after-list'`; once, on the next turn, after the answer is on its way). Idempotent.
   */
  listServed(): void;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  libraryPath: string;
  settings: SettingsService;
  /** Where sync keeps its state (the data dir) and passwords; without it the library does not sync. */
  sync?: { dataDir: string; secrets: SecretStore };
  /**
   * When the start-up work (bringing the search index up to date, reading the analysis facts, the
   * background check of the files the open trusted by their stamps) begins: 'now' (the default), or
   * 'after-list', once the first list of documents has been answered, so that a window opening the
   * library is not kept waiting behind seconds of work that nothing on its first screen needs. Each
   * part still starts at once when something asks for it (a search, an analysis view).
   */
  background?: 'now' | 'after-list';
  /** Where the services' events go (a transport that listens before the library is open passes its own). */
  events?: EventBus;
}

export async function openApp(options: OpenAppOptions): Promise<AppServices> {
  const store = await LibraryStore.open(options.libraryPath, { defaultCodebook: PARIS_CALL_CODEBOOK });
  if (store.created) {
    // A new library starts with a welcome document, so the first screen is never empty.
    try {
      await importFile(store, WELCOME_DOCUMENT.fileName, new TextEncoder().encode(WELCOME_DOCUMENT.markdown));
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const events = options.events ?? new EventBus();
  let references: ReferenceShelf;
  try {
    references = await ReferenceShelf.open(store.paths.root, store.listDocuments(), store.changes);
  } catch (error) {
    await store.close();
    throw error;
  }
  store.problems.push(...references.problems);
  // The renderer follows the library's changes as they are published, in order.
  const forward = store.changes.subscribe((change) => events.emit('library.change', change));
  const search = new SearchService(store, events);
  const codebook = new CodebookEditor(store);
  const citations = new CitationFormatter();
  const analysis = new AnalysisService(store);
  let backgroundStarted = false;
  let closing = false;
  const startBackground = () => {
    if (backgroundStarted) return;
    backgroundStarted = true;
    // One after another, so that their peaks of memory do not add up: the passages' facts for the
    // analysis; the search index loaded (quick), then brought up to date (or rebuilt) in the background;
    // the check of the content of every file the open took as unchanged by its stamp. Each of the first
    // two still starts at once when something asks for it.
    const verify = () => store.verify(({ done, total }) => events.emit('task.progress', { task: LIBRARY_CHECK_TASK, done, total, label: 'Checking the library\'s files' }));
    const unlessClosing = (step: () => Promise<void>) => () => (closing ? undefined : step());
    void analysis
      .start()
      .catch(() => undefined)
      .then(unlessClosing(() => search.start()))
      .catch(() => undefined)
      .then(unlessClosing(verify));
  };
  if ((options.background ?? 'now') === 'now') startBackground();
  // A library that was never connected to a server starts nothing here.
  const sync = options.sync
    ? await SyncService.open(store, { ...options.sync, onChange: (view) => events.emit('sync.status', view) }).catch((error: unknown) => {
        console.error(`Sync could not start: ${(error as Error).message}`);
        return null;
      })
    : null;
  return {
    store,
    search,
    analysis,
    savedSearches: new SavedSearches(store.paths.root),
    settings: options.settings,
    events,
    references,
    tasks: new TaskRegistry(events),
    codebook,
    citations,
    sync,
    listServed: () => {
      if (!backgroundStarted) setImmediate(startBackground);
    },
    close: async () => {
      backgroundStarted = closing = true; // nothing starts on a library being closed
      await sync?.close();
      forward();
      await citations.close();
      // Before the store closes: the analysis saves its facts between the store's writes.
      await analysis.close();
      await search.close();
      await store.close();
    },
  };
}
