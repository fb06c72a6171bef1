// The library store: documents, their texts and annotations, and the codebook, as plain files.
// It keeps in memory every document's description and the ids of its annotations (from the integrity
// check at open), and the annotations of the documents used lately; texts are read when asked for. It
// writes every change through at once, atomically, one write at a time (serialize), noting each file
// written in the check record (check-record.ts) so that the next open need not read it. The writes
// themselves are in document-writes.ts, annotation-writes.ts, codebook-writes.ts and record-upkeep.ts,
// over the memory they share with it (store-state.ts); every one of them runs inside serialize().
// Each write that succeeded is published once on `changes` (shared/library-changes.ts), in order.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { HealthIssue, LibraryHealth } from '../../../shared/health';
import type {
  Annotation,
  Codebook,
  DocumentText,
  LibraryDocument,
  LibraryInfo,
} from '../../../shared/model';
import { documentTextSchema } from '../../../shared/schemas';
import { AnnotationLists } from './annotation-lists';
import { addAnnotations, deleteAnnotation, saveAnnotation, type SaveAnnotationOptions } from './annotation-writes';
import { ChangeFeed } from './change-feed';
import { RecordKeeper } from './check-record';
import { changeCodebook, saveCodebook, type CodebookChanged, type CodebookChangeInput } from './codebook-writes';
import { LibraryCollections } from './collections';
import { addDocument, deleteDocument, replaceFile, restoreDocuments, updateMetadata } from './document-writes';
import { LibraryMemos } from './memos';
import { LibraryVariables } from './variables';
import { LibraryLinks } from './passage-links';
import { createIfNew, libraryPaths, readJsonFile, type LibraryPaths } from './files';
import { checkLibrary, type CheckedLibrary } from './integrity';
import { acquireLibraryLock, type LibraryLock } from './lock';
import { Quarantine } from './quarantine';
import { originalChanged, recheck, recordedHash, saveRecord } from './record-upkeep';
import { openRegularFile, type OpenedFile } from './regular-file';
import { readLibraryFile } from './safe-fs';
import { allAnnotationsOf, annotationsOf, documentIn, type StoreState, type WriteArguments } from './store-state';
import { Verifier, type VerificationListener } from './verify';
import type { LoadProblem, OpenOptions } from './store-types';

const textFileSchema = documentTextSchema;

export type { LoadProblem, NewDocument, OpenOptions, PageNumberingEdit, ReplacedFile } from './store-types';
export type { CodebookChangeInput } from './codebook-writes';

export class LibraryStore {
  readonly paths: LibraryPaths;
  readonly created: boolean;
  /** Every change, published after its write succeeded. */
  readonly changes = new ChangeFeed();
  private readonly lock: LibraryLock;
  /** What the writes change (store-state.ts); changed only inside serialize(). */
  private readonly state: StoreState;
  private name: string;
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly checked: { checkedAt: string; issues: HealthIssue[] };
  private readonly verifier: Verifier;
  /** Collections and document tags (collections.ts); their changes are published on `changes` too. */
  readonly collections: LibraryCollections;
  /** Memos (memos.ts), published on `changes` too. */
  readonly memos: LibraryMemos;
  /** Document variables and their values (variables.ts), published on `changes` too. */
  readonly variables: LibraryVariables;
  /** Links between passages (passage-links.ts); deleting a highlight takes its links along, Undo brings them back. */
  readonly links: LibraryLinks;

  private constructor(paths: LibraryPaths, lock: LibraryLock, library: CheckedLibrary, created: boolean, options: OpenOptions) {
    this.paths = paths;
    this.lock = lock;
    this.name = library.name;
    this.created = created;
    const documents = new Map<string, LibraryDocument>();
    const annotations = new AnnotationLists(options.annotationsHeld);
    this.collections = new LibraryCollections(paths, library.organisation, {
      serialize: (write) => this.serialize(write),
      publish: (change) => this.changes.publish(change),
      hasDocument: (id) => documents.has(id),
    });
    this.memos = new LibraryMemos(paths, library.memos, { serialize: (write) => this.serialize(write), publish: (change) => this.changes.publish(change) });
    this.variables = new LibraryVariables(paths.variablesFile, library.variables, {
      serialize: (write) => this.serialize(write),
      publish: (change) => this.changes.publish(change),
      hasDocument: (id) => documents.has(id),
    });
    this.links = new LibraryLinks(paths.linksFile, library.links, {
      serialize: (write) => this.serialize(write),
      publish: (change) => this.changes.publish(change),
      subscribe: (listener) => void this.changes.subscribe(listener),
      ownerOf: (id) => annotations.owner(id),
      annotationsOf: (id) => this.listAnnotations(id),
    });
    for (const document of library.documents) documents.set(document.id, document);
    for (const [id, ids] of library.annotationIds) annotations.known(id, ids);
    for (const [id, list] of library.annotations) annotations.loaded(id, list, 0);
    this.checked = { checkedAt: new Date().toISOString(), issues: library.issues };
    const record = new RecordKeeper(paths.root, library.record, () => this.serialize(() => saveRecord(this.state)));
    for (const file of library.read) record.hashed.add(file);
    this.state = { paths, changes: this.changes, record, links: this.links, documents, annotations, codebook: library.codebook };
    this.verifier = new Verifier(
      {
        root: paths.root,
        record,
        recheck: (id) => this.serialize(() => recheck(this.state, this.checked.issues, id)),
        originalChanged: (id, file) => originalChanged(this.state, this.checked.issues, id, file),
        saveRecord: () => record.saveNow(),
        closed: () => this.closed,
      },
      { full: library.full, filesRead: library.read.size },
    );
  }

  /** What the integrity check found at open, one line each (the health report has the details). */
  get problems(): LoadProblem[] {
    return this.checked.issues.map((issue) => ({ path: issue.path, message: `${issue.message} ${issue.action}` }));
  }

  /** The library health report: the findings of the check at open and since, and everything kept aside. */
  async health(): Promise<LibraryHealth> {
    const quarantine = new Quarantine(this.paths.root);
    return {
      checkedAt: this.checked.checkedAt,
      issues: [...this.checked.issues],
      verification: this.verifier.current,
      quarantine: await quarantine.list(),
      quarantinePath: quarantine.dir,
    };
  }

  /**
   * Checks the content of every file the open took as unchanged by its stamp (verify.ts): in the
   * background, once; resolves when done. What it finds is in health().
   */
  verify(onProgress?: VerificationListener): Promise<void> {
    return this.verifier.run(onProgress);
  }

  /** Open (creating if needed) the library in `dir`, taking its lock. */
  static async open(dir: string, options: OpenOptions): Promise<LibraryStore> {
    const paths = libraryPaths(path.resolve(dir));
    await mkdir(paths.root, { recursive: true });
    const lock = await acquireLibraryLock(paths.root);
    try {
      const created = await createIfNew(paths, options.defaultCodebook);
      // Every open checks the library (reading what changed since the last check); what cannot be used is
      // set aside and reported.
      const library = await checkLibrary(paths, options.defaultCodebook);
      const store = new LibraryStore(paths, lock, library, created, options);
      if (library.read.size > 0 || library.full || library.issues.length > 0 || library.foldersSeen > 0 || library.recordOutdated) store.state.record.changed();
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.state.record.unsaved) await this.state.record.saveNow().catch(() => undefined);
    this.closed = true;
    await this.writes.catch(() => undefined);
    await this.verifier.settled();
    await this.lock.release();
  }

  /** Run a write after every earlier one, so two changes to one file can never interleave. */
  private serialize<T>(write: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('internal', 'The library is closed.'));
    const result = this.writes.then(write, write);
    this.writes = result.catch(() => undefined);
    return result;
  }

  info(): LibraryInfo {
    return { path: this.paths.root, name: this.name, documentCount: this.state.documents.size, annotationCount: this.state.annotations.count() };
  }

  // ---- Documents ----------------------------------------------------------------------------------

  listDocuments(): LibraryDocument[] {
    return [...this.state.documents.values()].sort((a, b) => b.importedAt.localeCompare(a.importedAt));
  }

  getDocument(id: string): LibraryDocument {
    return documentIn(this.state, id);
  }

  hasDocument(id: string): boolean {
    return this.state.documents.has(id);
  }

  findByHash(contentHash: string): LibraryDocument | undefined {
    for (const document of this.state.documents.values()) if (document.contentHash === contentHash) return document;
    return undefined;
  }

  async readText(id: string): Promise<DocumentText> {
    this.getDocument(id);
    return readJsonFile(this.paths.document(id).text, textFileSchema);
  }

  /**
   * The document's original file, opened for reading in pieces (of any size: no 2 GiB limit): a regular
   * file inside the library, never a link followed out of it. The caller closes the handle.
   */
  async openOriginal(id: string): Promise<OpenedFile> {
    const document = this.getDocument(id);
    return openRegularFile(this.paths.root, this.paths.document(id).original(document.format), `The original file of "${document.metadata.title}"`);
  }

  async readOriginal(id: string): Promise<Uint8Array> {
    const document = this.getDocument(id);
    return new Uint8Array(await readLibraryFile(this.paths.document(id).original(document.format)));
  }

  /** `as`: the id and import time the document has elsewhere (a document that arrived by sync). */
  addDocument(...args: WriteArguments<typeof addDocument>): Promise<LibraryDocument> {
    return this.serialize(() => addDocument(this.state, ...args));
  }

  /**
   * New metadata; `fieldOrigins`, when given, replaces where the fields came from (else it is kept);
   * `numbering`, when given, sets a PDF's page offset (else it is kept).
   */
  updateMetadata(...args: WriteArguments<typeof updateMetadata>): Promise<LibraryDocument> {
    return this.serialize(() => updateMetadata(this.state, ...args));
  }

  /**
   * Replaces a document's file (same format) with a new version. The files as they were (original,
   * text, annotations, metadata) are first copied to versions/<time>/, so nothing is ever lost, and the
   * replace is journalled so that a crash half-way is undone at the next open (replace-journal.ts).
   * `unchanged` (sync's compare-and-set) is called with the document as it is, and throws to refuse.
   */
  replaceFile(...args: WriteArguments<typeof replaceFile>): Promise<LibraryDocument> {
    return this.serialize(() => replaceFile(this.state, ...args));
  }

  /** Deleting moves the document, its original and its annotations to trash/: nothing is erased. */
  /** `unchanged` (sync's compare-and-set) is called with the document as it is, and throws to refuse. */
  deleteDocument(...args: WriteArguments<typeof deleteDocument>): Promise<void> {
    return this.serialize(() => deleteDocument(this.state, ...args));
  }

  /** Brings documents back from trash/ (Undo after a delete): see trash.ts. */
  restoreDocuments(ids: readonly string[]): Promise<LibraryDocument[]> {
    return this.serialize(() => restoreDocuments(this.state, ids));
  }

  // ---- Annotations --------------------------------------------------------------------------------

  /** A document's annotations: from memory if it was used lately, else read from its file. */
  listAnnotations(documentId: string): Promise<Annotation[]> {
    return annotationsOf(this.state, documentId);
  }

  /**
   * The SHA-256 of a document's annotations file as the check record has it (the content last checked
   * or written), or null: what derived data kept between sessions (the analysis facts) is matched with.
   */
  annotationsHash(documentId: string): string | null {
    return recordedHash(this.state, this.paths.document(documentId).annotations);
  }

  /**
   * Runs `task` between two writes: no write is half-done, and every change written so far has been
   * published (so what subscribers hold matches annotationsHash()).
   */
  betweenWrites<T>(task: () => Promise<T>): Promise<T> {
    return this.serialize(task);
  }

  /** Every annotation of the library, read document by document (not held in memory). */
  allAnnotations(): Promise<Annotation[]> {
    return allAnnotationsOf(this.state);
  }

  /**
   * Create or replace an annotation. Returns it as stored (with its modified time set, unless
   * `keepModified`: an annotation that arrived by sync keeps the time it was changed elsewhere).
   * `ifModified`: written only if the annotation as stored has this modified time (null: only if it is
   * new), so that sync never overwrites an edit made while it was applying another's.
   * Who made it is fixed when it is added: a new one records `coder` (this installation's coder) unless
   * it names its maker already; a local update keeps the recorded one (sync brings the maker with it).
   */
  saveAnnotation(annotation: Annotation, options: SaveAnnotationOptions = {}): Promise<Annotation> {
    return this.serialize(() => saveAnnotation(this.state, annotation, options));
  }

  /** Adds new annotations to one document in a single write (an import). Every id must be unused. */
  addAnnotations(documentId: string, annotations: readonly Annotation[]): Promise<Annotation[]> {
    return this.serialize(() => addAnnotations(this.state, documentId, annotations));
  }

  /** `ifModified`: deleted only if it is as stored with that time of change (sync: see saveAnnotation). */
  deleteAnnotation(documentId: string, id: string, options: { ifModified?: string } = {}): Promise<Annotation> {
    return this.serialize(() => deleteAnnotation(this.state, documentId, id, options));
  }

  // ---- Codebook -----------------------------------------------------------------------------------

  getCodebook(): Codebook {
    return this.state.codebook;
  }

  /**
   * Writes a new codebook together with the annotations it recodes, in every document, as one change:
   * journalled (codebook-journal.ts), so that a crash half-way leaves the library as it was before.
   * The change is a value, or worked out from the library as it is when its turn comes (so no other
   * write slips in between). Every annotation must already be in the library, and afterwards every
   * link must point into the new codebook. Returns the codebook and the annotations as stored (their
   * modified time set), and those annotations as they were.
   */
  changeCodebook<T extends CodebookChangeInput>(
    make: T | ((current: { codebook: Codebook; annotations: Annotation[] }) => T),
  ): Promise<CodebookChanged<T>> {
    return this.serialize(() => changeCodebook(this.state, make));
  }

  /** The whole codebook, or (sync) one made from the codebook as it is when the write's turn comes. */
  saveCodebook(codebook: Codebook | ((current: Codebook) => Codebook)): Promise<Codebook> {
    return this.serialize(() => saveCodebook(this.state, codebook));
  }
}
