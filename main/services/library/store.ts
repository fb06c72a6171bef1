// The library store: documents, their texts and annotations, and the codebook, as plain files.
// It keeps in memory every document's description and the ids of its annotations (from the integrity
// check at open), and the annotations of the documents used lately; texts are read when asked for. It
// writes every change through at once, atomically, one write at a time, noting each file written in the
// check record (check-record.ts) so that the next open need not read it.
// Each write that succeeded is published once on `changes` (shared/library-changes.ts), in order.
import { mkdir, rename } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { HealthIssue, LibraryHealth } from '../../../shared/health';
import type {
  Annotation,
  Codebook,
  DocumentMetadata,
  DocumentText,
  FieldOrigins,
  LibraryDocument,
  LibraryInfo,
} from '../../../shared/model';
import {
  annotationSchema,
  codebookSchema,
  documentTextSchema,
  libraryDocumentSchema,
} from '../../../shared/schemas';
import { AnnotationLists } from './annotation-lists';
import { syncDirectory } from './atomic';
import { ChangeFeed } from './change-feed';
import { RecordKeeper, type RecordedDocument } from './check-record';
import { LibraryCollections } from './collections';
import { LibraryMemos } from './memos';
import { LibraryVariables } from './variables';
import { LibraryLinks } from './passage-links';
import { createIfNew, libraryPaths, readJsonFile, type LibraryPaths } from './files';
import { annotationsFileSchema, checkLibrary, type CheckedLibrary } from './integrity';
import { acquireLibraryLock, type LibraryLock } from './lock';
import { Quarantine } from './quarantine';
import { openRegularFile, type OpenedFile } from './regular-file';
import { libraryFolder, readLibraryFile } from './safe-fs';
import { changedOriginal, changesFound, recheckDocument, Verifier, type VerificationListener } from './verify';
import { beginReplace, endReplace, undoInterruptedReplace } from './replace-journal';
import { restoreFromTrash, trashFolderName } from './trash';
import type { LoadProblem, NewDocument, OpenOptions, PageNumberingEdit, ReplacedFile } from './store-types';
import { checkAnnotationLinks, checkLinks, DanglingLinks } from './links';
import { beginCodebookChange, endCodebookChange, undoInterruptedCodebookChange } from './codebook-journal';

const textFileSchema = documentTextSchema;

export type { LoadProblem, NewDocument, OpenOptions, PageNumberingEdit, ReplacedFile } from './store-types';

/** A change to the codebook and the annotations it recodes (shared/codebooks/operations.ts makes them). */
export interface CodebookChangeInput {
  codebook: Codebook;
  /** New versions of existing annotations, in any documents. */
  annotations: readonly Annotation[];
}

export class LibraryStore {
  readonly paths: LibraryPaths;
  readonly created: boolean;
  /** Every change, published after its write succeeded. */
  readonly changes = new ChangeFeed();
  private readonly lock: LibraryLock;
  private readonly documents = new Map<string, LibraryDocument>();
  private readonly annotations: AnnotationLists;
  private codebook: Codebook;
  private name: string;
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly checked: { checkedAt: string; issues: HealthIssue[] };
  private readonly record: RecordKeeper;
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
    this.codebook = library.codebook;
    this.created = created;
    this.annotations = new AnnotationLists(options.annotationsHeld);
    this.collections = new LibraryCollections(paths, library.organisation, {
      serialize: (write) => this.serialize(write),
      publish: (change) => this.changes.publish(change),
      hasDocument: (id) => this.documents.has(id),
    });
    this.memos = new LibraryMemos(paths, library.memos, { serialize: (write) => this.serialize(write), publish: (change) => this.changes.publish(change) });
    this.variables = new LibraryVariables(paths.variablesFile, library.variables, {
      serialize: (write) => this.serialize(write),
      publish: (change) => this.changes.publish(change),
      hasDocument: (id) => this.documents.has(id),
    });
    this.links = new LibraryLinks(paths.linksFile, library.links, {
      serialize: (write) => this.serialize(write),
      publish: (change) => this.changes.publish(change),
      subscribe: (listener) => void this.changes.subscribe(listener),
      ownerOf: (id) => this.annotations.owner(id),
      annotationsOf: (id) => this.listAnnotations(id),
    });
    for (const document of library.documents) this.documents.set(document.id, document);
    for (const [id, ids] of library.annotationIds) this.annotations.known(id, ids);
    for (const [id, list] of library.annotations) this.annotations.loaded(id, list, 0);
    this.checked = { checkedAt: new Date().toISOString(), issues: library.issues };
    this.record = new RecordKeeper(paths.root, library.record, () => this.serialize(() => this.saveRecord()));
    for (const file of library.read) this.record.hashed.add(file);
    this.verifier = new Verifier(
      {
        root: paths.root,
        record: this.record,
        recheck: (id) => this.recheck(id),
        originalChanged: (id, file) => this.originalChanged(id, file),
        saveRecord: () => this.record.saveNow(),
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
      if (library.read.size > 0 || library.full || library.issues.length > 0) store.record.changed();
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.record.unsaved) await this.record.saveNow().catch(() => undefined);
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
    return { path: this.paths.root, name: this.name, documentCount: this.documents.size, annotationCount: this.annotations.count() };
  }

  // ---- Documents ----------------------------------------------------------------------------------

  listDocuments(): LibraryDocument[] {
    return [...this.documents.values()].sort((a, b) => b.importedAt.localeCompare(a.importedAt));
  }

  getDocument(id: string): LibraryDocument {
    const document = this.documents.get(id);
    if (!document) throw new AppError('not-found', `There is no document with id ${id} in this library.`);
    return document;
  }

  hasDocument(id: string): boolean {
    return this.documents.has(id);
  }

  findByHash(contentHash: string): LibraryDocument | undefined {
    for (const document of this.documents.values()) if (document.contentHash === contentHash) return document;
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
  addDocument(input: NewDocument, as?: { id: string; importedAt: string }): Promise<LibraryDocument> {
    return this.serialize(async () => {
      const id = as?.id ?? randomUUID();
      if (this.documents.has(id)) throw new AppError('duplicate', `Document ${id} is already in the library.`);
      const files = this.paths.document(id);
      const now = new Date().toISOString();
      const document: LibraryDocument = libraryDocumentSchema.parse({
        id,
        format: input.format,
        originalName: input.originalName,
        contentHash: input.contentHash,
        size: input.bytes.byteLength,
        importedAt: as?.importedAt ?? now,
        modifiedAt: now,
        pageCount: input.pageCount,
        ...(input.pageLabels ? { pageLabels: input.pageLabels } : {}),
        metadata: input.metadata,
        ...(input.fieldOrigins && Object.keys(input.fieldOrigins).length ? { fieldOrigins: input.fieldOrigins } : {}),
        warnings: input.warnings,
      });
      await libraryFolder(this.paths.root, `documents/${id}`);
      await this.record.writeFile(files.original(input.format), input.bytes);
      await this.record.writeJson(files.text, input.text);
      await this.record.writeJson(files.annotations, { version: 1, annotations: [] });
      await this.record.writeJson(files.meta, document);
      this.documents.set(id, document);
      this.annotations.set(id, []);
      this.changes.publish({ kind: 'document.added', document });
      return document;
    });
  }

  /**
   * New metadata; `fieldOrigins`, when given, replaces where the fields came from (else it is kept);
   * `numbering`, when given, sets a PDF's page offset (else it is kept).
   */
  updateMetadata(
    id: string,
    metadata: DocumentMetadata,
    fieldOrigins?: FieldOrigins,
    numbering?: PageNumberingEdit,
    unchanged?: (current: LibraryDocument) => void,
  ): Promise<LibraryDocument> {
    return this.serialize(async () => {
      const before = this.getDocument(id);
      unchanged?.(before);
      const { fieldOrigins: current, pageOffset: currentOffset, ...rest } = before;
      const origins = fieldOrigins ?? current;
      if (numbering && numbering.pageOffset !== null && rest.format !== 'pdf') {
        throw new AppError('invalid-input', `"${rest.metadata.title}" is not a PDF: only a PDF's pages have printed numbers to set.`);
      }
      const pageOffset = numbering ? numbering.pageOffset : (currentOffset ?? null);
      const document: LibraryDocument = libraryDocumentSchema.parse({
        ...rest,
        ...(pageOffset !== null ? { pageOffset } : {}),
        metadata,
        ...(origins && Object.keys(origins).length ? { fieldOrigins: origins } : {}),
        modifiedAt: new Date().toISOString(),
      });
      await this.record.writeJson(this.paths.document(id).meta, document);
      this.documents.set(id, document);
      this.changes.publish({ kind: 'document.metadataChanged', document });
      return document;
    });
  }

  /**
   * Replaces a document's file (same format) with a new version. The files as they were (original,
   * text, annotations, metadata) are first copied to versions/<time>/, so nothing is ever lost, and the
   * replace is journalled so that a crash half-way is undone at the next open (replace-journal.ts).
   */
  replaceFile(id: string, input: ReplacedFile): Promise<LibraryDocument> {
    return this.serialize(async () => {
      const current = this.getDocument(id);
      await this.listAnnotations(id);
      const files = this.paths.document(id);
      // The new file brings its own labels; the user's offset is kept (a new scan of the same pages).
      const { pageLabels: _oldLabels, ...kept } = current;
      const document: LibraryDocument = libraryDocumentSchema.parse({
        ...kept,
        ...(input.pageLabels ? { pageLabels: input.pageLabels } : {}),
        originalName: input.originalName,
        contentHash: input.contentHash,
        size: input.bytes.byteLength,
        modifiedAt: new Date().toISOString(),
        pageCount: input.pageCount,
        warnings: input.warnings,
      });
      const annotations = input.annotations.map((a) => annotationSchema.parse(a));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await beginReplace(files, [files.original(current.format), files.text, files.annotations, files.meta], stamp);
      try {
        await this.record.writeFile(files.original(current.format), input.bytes);
        await this.record.writeJson(files.text, input.text);
        await this.record.writeJson(files.annotations, { version: 1, annotations });
        await this.record.writeJson(files.meta, document);
        await endReplace(files);
      } catch (error) {
        // A failed write (a full disk, say) leaves the document as it was, as a crash would.
        await undoInterruptedReplace(files).catch(() => undefined);
        throw error;
      }
      this.documents.set(id, document);
      this.annotations.set(id, annotations);
      this.changes.publish({ kind: 'document.replaced', document, annotations });
      return document;
    });
  }

  /** Deleting moves the document, its original and its annotations to trash/: nothing is erased. */
  /** `unchanged` (sync's compare-and-set) is called with the document as it is, and throws to refuse. */
  deleteDocument(id: string, unchanged?: (current: LibraryDocument) => void): Promise<void> {
    return this.serialize(async () => {
      // Read first, whether or not sync checks it: an unknown id is refused in words.
      const current = this.getDocument(id);
      unchanged?.(current);
      await this.links.detach((end) => end.documentId === id);
      const trash = await libraryFolder(this.paths.root, 'trash');
      await rename(this.paths.document(id).dir, path.join(trash, trashFolderName(id)));
      // Both folders' entries made durable before the delete is acknowledged.
      await syncDirectory(this.paths.documents);
      await syncDirectory(trash);
      this.documents.delete(id);
      this.annotations.delete(id);
      this.changes.publish({ kind: 'document.deleted', documentId: id });
      await this.links.settle();
    });
  }

  /** Brings documents back from trash/ (Undo after a delete): see trash.ts. */
  restoreDocuments(ids: readonly string[]): Promise<LibraryDocument[]> {
    return this.serialize(async () => {
      const restored: LibraryDocument[] = [];
      for (const id of new Set(ids)) {
        if (this.documents.has(id)) continue;
        const { document, annotations } = await restoreFromTrash(this.paths, id, this.codebook);
        this.documents.set(id, document);
        this.annotations.set(id, annotations);
        this.changes.publish({ kind: 'document.restored', document, annotations });
        restored.push(document);
      }
      await this.links.reattach();
      return restored;
    });
  }

  // ---- Annotations --------------------------------------------------------------------------------

  /** A document's annotations: from memory if it was used lately, else read from its file. */
  async listAnnotations(documentId: string): Promise<Annotation[]> {
    for (;;) {
      this.getDocument(documentId);
      const held = this.annotations.get<Annotation>(documentId);
      if (held) return held;
      const version = this.annotations.version(documentId);
      const file = await readJsonFile(this.paths.document(documentId).annotations, annotationsFileSchema);
      // A change written while the file was read makes what was read stale: then read again.
      if (this.annotations.loaded(documentId, file.annotations, version)) return file.annotations;
    }
  }

  /**
   * The SHA-256 of a document's annotations file as the check record has it (the content last checked
   * or written), or null: what derived data kept between sessions (the analysis facts) is matched with.
   */
  annotationsHash(documentId: string): string | null {
    return this.record.files.get(this.record.relative(this.paths.document(documentId).annotations))?.sha256 ?? null;
  }

  /**
   * Runs `task` between two writes: no write is half-done, and every change written so far has been
   * published (so what subscribers hold matches annotationsHash()).
   */
  betweenWrites<T>(task: () => Promise<T>): Promise<T> {
    return this.serialize(task);
  }

  /** Every annotation of the library, read document by document (not held in memory). */
  async allAnnotations(): Promise<Annotation[]> {
    const all: Annotation[] = [];
    for (const id of [...this.documents.keys()]) {
      if (this.documents.has(id)) all.push(...(await this.listAnnotations(id)));
    }
    return all;
  }

  /**
   * Create or replace an annotation. Returns it as stored (with its modified time set, unless
   * `keepModified`: an annotation that arrived by sync keeps the time it was changed elsewhere).
   * `ifModified`: written only if the annotation as stored has this modified time (null: only if it is
   * new), so that sync never overwrites an edit made while it was applying another's.
   * Who made it is fixed when it is added: a new one records `coder` (this installation's coder) unless
   * it names its maker already; a local update keeps the recorded one (sync brings the maker with it).
   */
  saveAnnotation(annotation: Annotation, options: { keepModified?: boolean; ifModified?: string | null; coder?: string | null } = {}): Promise<Annotation> {
    return this.serialize(async () => {
      const current = await this.listAnnotations(annotation.documentId);
      checkAnnotationLinks(annotation, this.codebook);
      const index = current.findIndex((a) => a.id === annotation.id);
      const author = index === -1 ? (annotation.author ?? options.coder ?? undefined) : current[index]!.author;
      const { author: _sent, ...rest } = annotation;
      const stored: Annotation = options.keepModified
        ? annotationSchema.parse(annotation)
        : { ...rest, ...(author !== undefined ? { author } : {}), modified: new Date().toISOString() };
      if (options.ifModified !== undefined && (index === -1 ? null : current[index]!.modified) !== options.ifModified) {
        throw new AppError('in-use', `Annotation ${annotation.id} changed meanwhile.`);
      }
      if (index === -1 && this.annotationOwner(annotation.id)) {
        throw new AppError('invalid-input', `Annotation ${annotation.id} belongs to another document.`);
      }
      const next = index === -1 ? [...current, stored] : current.map((a, i) => (i === index ? stored : a));
      await this.writeAnnotations(annotation.documentId, next);
      const isNew = index === -1;
      this.changes.publish({ kind: 'annotations.changed', documentId: annotation.documentId, added: isNew ? [stored] : [], updated: isNew ? [] : [stored], removed: [] });
      if (isNew) await this.links.reattach();
      return stored;
    });
  }

  /** Adds new annotations to one document in a single write (an import). Every id must be unused. */
  addAnnotations(documentId: string, annotations: readonly Annotation[]): Promise<Annotation[]> {
    return this.serialize(async () => {
      if (annotations.length === 0) return [];
      const current = await this.listAnnotations(documentId);
      const ids = new Set<string>();
      for (const annotation of annotations) {
        annotationSchema.parse(annotation);
        if (annotation.documentId !== documentId) throw new AppError('invalid-input', `Annotation ${annotation.id} belongs to another document.`);
        if (ids.has(annotation.id) || this.annotationOwner(annotation.id)) throw new AppError('duplicate', `Annotation ${annotation.id} is already in the library.`);
        ids.add(annotation.id);
        checkAnnotationLinks(annotation, this.codebook);
      }
      await this.writeAnnotations(documentId, [...current, ...annotations]);
      this.changes.publish({ kind: 'annotations.changed', documentId, added: [...annotations], updated: [], removed: [] });
      await this.links.reattach();
      return [...annotations];
    });
  }

  /** `ifModified`: deleted only if it is as stored with that time of change (sync: see saveAnnotation). */
  deleteAnnotation(documentId: string, id: string, options: { ifModified?: string } = {}): Promise<Annotation> {
    return this.serialize(async () => {
      const current = await this.listAnnotations(documentId);
      const removed = current.find((a) => a.id === id);
      if (options.ifModified !== undefined && removed?.modified !== options.ifModified) throw new AppError('in-use', `Annotation ${id} changed meanwhile.`);
      if (!removed) throw new AppError('not-found', `There is no annotation ${id} in this document.`);
      // Its links go with it (written first, so a crash in between never leaves a link to nothing).
      await this.links.detach((end) => end.annotationId === id);
      await this.writeAnnotations(
        documentId,
        current.filter((a) => a.id !== id),
      );
      this.changes.publish({ kind: 'annotations.changed', documentId, added: [], updated: [], removed: [id] });
      await this.links.settle();
      return removed;
    });
  }

  private annotationOwner(id: string): string | undefined {
    return this.annotations.owner(id);
  }

  private async writeAnnotations(documentId: string, annotations: Annotation[]): Promise<void> {
    await this.record.writeJson(this.paths.document(documentId).annotations, { version: 1, annotations });
    // Only after the write succeeded does memory change: a failed write leaves both as they were.
    this.annotations.set(documentId, annotations);
  }

  // ---- Codebook -----------------------------------------------------------------------------------

  /** A codebook may not drop a principle or actor that annotations still link to. */
  private async checkStillLinked(codebook: Codebook): Promise<void> {
    const dangling = new DanglingLinks(codebook);
    // Document by document, so that a large library is not read into memory at once.
    for (const documentId of [...this.documents.keys()]) dangling.add(await this.listAnnotations(documentId));
    dangling.refuse();
  }

  getCodebook(): Codebook {
    return this.codebook;
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
  ): Promise<{ change: T; codebook: Codebook; annotations: Annotation[]; previous: Annotation[] }> {
    return this.serialize(async () => {
      const change = typeof make === 'function' ? make({ codebook: this.codebook, annotations: await this.allAnnotations() }) : make;
      const codebook = codebookSchema.parse(change.codebook);
      const now = new Date().toISOString();
      const byDocument = new Map<string, Map<string, Annotation>>();
      for (const input of change.annotations) {
        const annotation = { ...annotationSchema.parse(input), modified: now };
        const owner = this.annotationOwner(annotation.id);
        if (owner === undefined) throw new AppError('not-found', `There is no annotation ${annotation.id} in this library.`);
        if (owner !== annotation.documentId) throw new AppError('invalid-input', `Annotation ${annotation.id} belongs to another document.`);
        (byDocument.get(owner) ?? byDocument.set(owner, new Map()).get(owner)!).set(annotation.id, annotation);
      }
      const next = new Map<string, Annotation[]>();
      const previous: Annotation[] = [];
      for (const [documentId, changed] of byDocument) {
        const list = await this.listAnnotations(documentId);
        previous.push(...list.filter((a) => changed.has(a.id)));
        next.set(documentId, list.map((a) => changed.get(a.id) ?? a));
      }
      const all = (await this.allAnnotations()).map((a) => byDocument.get(a.documentId)?.get(a.id) ?? a);
      checkLinks(all, codebook);

      const liveFiles = [this.paths.codebookFile, ...[...next.keys()].map((id) => this.paths.document(id).annotations)];
      await beginCodebookChange(this.paths, liveFiles, now.replace(/[:.]/g, '-'));
      try {
        for (const [documentId, list] of next) await this.record.writeJson(this.paths.document(documentId).annotations, { version: 1, annotations: list });
        await this.record.writeJson(this.paths.codebookFile, codebook);
        await endCodebookChange(this.paths);
      } catch (error) {
        // A failed write (a full disk, say) leaves the library as it was, as a crash would.
        await undoInterruptedCodebookChange(this.paths).catch(() => undefined);
        throw error;
      }
      for (const [documentId, list] of next) this.annotations.set(documentId, list);
      this.codebook = codebook;
      const recoded = [...byDocument.values()].flatMap((m) => [...m.values()]);
      this.changes.publish({ kind: 'codebook.changed', codebook, recoded });
      return { change, codebook, annotations: recoded, previous };
    });
  }

  /** The whole codebook, or (sync) one made from the codebook as it is when the write's turn comes. */
  saveCodebook(codebook: Codebook | ((current: Codebook) => Codebook)): Promise<Codebook> {
    return this.serialize(async () => {
      const valid = codebookSchema.parse(typeof codebook === 'function' ? codebook(this.codebook) : codebook);
      await this.checkStillLinked(valid);
      await this.record.writeJson(this.paths.codebookFile, valid);
      this.codebook = valid;
      this.changes.publish({ kind: 'codebook.changed', codebook: valid, recoded: [] });
      return valid;
    });
  }

  // ---- The check record and the background check -------------------------------------------------

  /** Runs inside serialize(), so no write is half-done: the record matches the files. */
  private async saveRecord(): Promise<void> {
    const documents = new Map<string, RecordedDocument>();
    for (const [id, document] of this.documents) documents.set(id, { document, annotationIds: this.annotations.idsOf(id) });
    // A cache folder that cannot be written (a link set aside at the next open, a full disk) only means
    // that the next open checks every file.
    await this.record.write(await libraryFolder(this.paths.root, 'cache'), documents);
  }

  /** A document whose content changed under an unchanged stamp: checked again from its files, as at open. */
  private recheck(id: string): Promise<void> {
    return this.serialize(async () => {
      const before = this.documents.get(id);
      if (!before) return;
      const textBefore = this.record.files.get(this.record.relative(this.paths.document(id).text))?.sha256 ?? null;
      const annotationsBefore = { ids: this.annotations.idsOf(id), held: this.annotations.get<Annotation>(id) ?? null };
      const { checked, issues } = await recheckDocument(this.paths, this.codebook, this.record, id);
      this.checked.issues.push(...issues);
      if (!checked) {
        this.documents.delete(id);
        this.annotations.delete(id);
      } else {
        this.documents.set(id, checked.document);
        this.annotations.set(id, checked.annotations ?? []);
      }
      const textAfter = this.record.files.get(this.record.relative(this.paths.document(id).text))?.sha256 ?? null;
      for (const change of changesFound(before, checked, textBefore !== textAfter, annotationsBefore)) this.changes.publish(change);
    });
  }

  private originalChanged(id: string, file: string): void {
    const document = this.documents.get(id);
    if (document) this.checked.issues.push(changedOriginal(document, this.record.relative(file)));
  }
}

