// The library store: documents, their texts and annotations, and the codebook, as plain files.
// It keeps an in-memory view (every document's metadata and annotations, read and checked by the
// integrity check at open) and writes every change through at once, atomically, one write at a time.
// Each write that succeeded is published once on `changes` (shared/library-changes.ts), in order.
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { LibraryHealth } from '../../../shared/health';
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
import { writeFileAtomic, writeJsonAtomic } from './atomic';
import { ChangeFeed } from './change-feed';
import { LibraryCollections } from './collections';
import { LIBRARY_FORMAT_VERSION, libraryPaths, readJsonFile, type LibraryPaths } from './files';
import { annotationsFileSchema, checkLibrary, type CheckedLibrary } from './integrity';
import { acquireLibraryLock, type LibraryLock } from './lock';
import { Quarantine } from './quarantine';
import { openRegularFile, type OpenedFile } from './regular-file';
import { beginReplace, endReplace, undoInterruptedReplace } from './replace-journal';
import { restoreFromTrash, trashFolderName } from './trash';

const textFileSchema = documentTextSchema;

/** What an importer hands the store to add a document. */
export interface NewDocument {
  originalName: string;
  bytes: Uint8Array;
  contentHash: string;
  format: LibraryDocument['format'];
  text: DocumentText;
  metadata: DocumentMetadata;
  /** Where some fields came from (a PDF's creation date standing in for its date). */
  fieldOrigins?: FieldOrigins;
  pageCount: number | null;
  warnings: string[];
}

/** A new version of a document's file, its text, and its annotations re-anchored in that text. */
export interface ReplacedFile {
  originalName: string;
  bytes: Uint8Array;
  contentHash: string;
  text: DocumentText;
  pageCount: number | null;
  warnings: string[];
  annotations: Annotation[];
}

/** Something the integrity check found at open (see health() for the full report). */
export interface LoadProblem {
  path: string;
  message: string;
}

export class LibraryStore {
  readonly paths: LibraryPaths;
  readonly created: boolean;
  /** Every change, published after its write succeeded. */
  readonly changes = new ChangeFeed();
  private readonly lock: LibraryLock;
  private readonly documents = new Map<string, LibraryDocument>();
  private readonly annotations = new Map<string, Annotation[]>();
  private codebook: Codebook;
  private name: string;
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly checked: Pick<LibraryHealth, 'checkedAt' | 'issues'>;
  /** Collections and document tags (collections.ts); their changes are published on `changes` too. */
  readonly collections: LibraryCollections;

  private constructor(paths: LibraryPaths, lock: LibraryLock, library: CheckedLibrary, created: boolean) {
    this.paths = paths;
    this.lock = lock;
    this.name = library.name;
    this.codebook = library.codebook;
    this.created = created;
    this.collections = new LibraryCollections(paths, library.organisation, {
      serialize: (write) => this.serialize(write),
      publish: (change) => this.changes.publish(change),
      hasDocument: (id) => this.documents.has(id),
    });
    for (const document of library.documents) this.documents.set(document.id, document);
    for (const [id, list] of library.annotations) this.annotations.set(id, list);
    this.checked = { checkedAt: new Date().toISOString(), issues: library.issues };
  }

  /** What the integrity check found at open, one line each (the health report has the details). */
  get problems(): LoadProblem[] {
    return this.checked.issues.map((issue) => ({ path: issue.path, message: `${issue.message} ${issue.action}` }));
  }

  /** The library health report: the findings of the check at open and everything kept aside. */
  async health(): Promise<LibraryHealth> {
    const quarantine = new Quarantine(this.paths.root);
    return { ...this.checked, quarantine: await quarantine.list(), quarantinePath: quarantine.dir };
  }

  /** Open (creating if needed) the library in `dir`, taking its lock. */
  static async open(dir: string, options: { defaultCodebook: Codebook }): Promise<LibraryStore> {
    const paths = libraryPaths(path.resolve(dir));
    await mkdir(paths.root, { recursive: true });
    const lock = await acquireLibraryLock(paths.root);
    try {
      // New only if nothing of a library is there: a missing library.json alone is repaired by the check.
      const created = !(await exists(paths.libraryFile)) && !(await exists(paths.codebookFile)) && !(await exists(paths.documents));
      if (created) {
        await writeJsonAtomic(paths.codebookFile, options.defaultCodebook);
        await writeJsonAtomic(paths.libraryFile, {
          version: LIBRARY_FORMAT_VERSION,
          name: path.basename(paths.root),
          created: new Date().toISOString(),
        });
      }
      await mkdir(paths.documents, { recursive: true });
      // Every open checks the whole library; what cannot be used is set aside and reported.
      const library = await checkLibrary(paths, options.defaultCodebook);
      return new LibraryStore(paths, lock, library, created);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.catch(() => undefined);
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
    let annotationCount = 0;
    for (const list of this.annotations.values()) annotationCount += list.length;
    return { path: this.paths.root, name: this.name, documentCount: this.documents.size, annotationCount };
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
    return new Uint8Array(await readFile(this.paths.document(id).original(document.format)));
  }

  addDocument(input: NewDocument): Promise<LibraryDocument> {
    return this.serialize(async () => {
      const id = randomUUID();
      const files = this.paths.document(id);
      const now = new Date().toISOString();
      const document: LibraryDocument = libraryDocumentSchema.parse({
        id,
        format: input.format,
        originalName: input.originalName,
        contentHash: input.contentHash,
        size: input.bytes.byteLength,
        importedAt: now,
        modifiedAt: now,
        pageCount: input.pageCount,
        metadata: input.metadata,
        ...(input.fieldOrigins && Object.keys(input.fieldOrigins).length ? { fieldOrigins: input.fieldOrigins } : {}),
        warnings: input.warnings,
      });
      await mkdir(files.dir, { recursive: true });
      await writeFileAtomic(files.original(input.format), input.bytes);
      await writeJsonAtomic(files.text, input.text);
      await writeJsonAtomic(files.annotations, { version: 1, annotations: [] });
      await writeJsonAtomic(files.meta, document);
      this.documents.set(id, document);
      this.annotations.set(id, []);
      this.changes.publish({ kind: 'document.added', document });
      return document;
    });
  }

  /** New metadata; `fieldOrigins`, when given, replaces where the fields came from (else it is kept). */
  updateMetadata(id: string, metadata: DocumentMetadata, fieldOrigins?: FieldOrigins): Promise<LibraryDocument> {
    return this.serialize(async () => {
      const { fieldOrigins: current, ...rest } = this.getDocument(id);
      const origins = fieldOrigins ?? current;
      const document: LibraryDocument = libraryDocumentSchema.parse({
        ...rest,
        metadata,
        ...(origins && Object.keys(origins).length ? { fieldOrigins: origins } : {}),
        modifiedAt: new Date().toISOString(),
      });
      await writeJsonAtomic(this.paths.document(id).meta, document);
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
      const document: LibraryDocument = libraryDocumentSchema.parse({
        ...current,
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
        await writeFileAtomic(files.original(current.format), input.bytes);
        await writeJsonAtomic(files.text, input.text);
        await writeAnnotationsFile(files.annotations, annotations);
        await writeJsonAtomic(files.meta, document);
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
  deleteDocument(id: string): Promise<void> {
    return this.serialize(async () => {
      this.getDocument(id);
      await mkdir(this.paths.trash, { recursive: true });
      await rename(this.paths.document(id).dir, path.join(this.paths.trash, trashFolderName(id)));
      this.documents.delete(id);
      this.annotations.delete(id);
      this.changes.publish({ kind: 'document.deleted', documentId: id });
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
      return restored;
    });
  }

  // ---- Annotations --------------------------------------------------------------------------------

  async listAnnotations(documentId: string): Promise<Annotation[]> {
    this.getDocument(documentId);
    let list = this.annotations.get(documentId);
    if (!list) {
      const file = await readJsonFile(this.paths.document(documentId).annotations, annotationsFileSchema);
      // Another read may have filled the cache meanwhile; keep the first so no write is lost.
      list = this.annotations.get(documentId) ?? file.annotations;
      this.annotations.set(documentId, list);
    }
    return list;
  }

  /** Every annotation of the library (loads any not yet read). */
  async allAnnotations(): Promise<Annotation[]> {
    const all: Annotation[] = [];
    for (const id of this.documents.keys()) all.push(...(await this.listAnnotations(id)));
    return all;
  }

  /** Create or replace an annotation. Returns it as stored (with its modified time set). */
  saveAnnotation(annotation: Annotation): Promise<Annotation> {
    return this.serialize(async () => {
      const current = await this.listAnnotations(annotation.documentId);
      this.checkCodebookLinks(annotation);
      const stored: Annotation = { ...annotation, modified: new Date().toISOString() };
      const index = current.findIndex((a) => a.id === annotation.id);
      if (index === -1 && this.annotationOwner(annotation.id)) {
        throw new AppError('invalid-input', `Annotation ${annotation.id} belongs to another document.`);
      }
      const next = index === -1 ? [...current, stored] : current.map((a, i) => (i === index ? stored : a));
      await this.writeAnnotations(annotation.documentId, next);
      const isNew = index === -1;
      this.changes.publish({ kind: 'annotations.changed', documentId: annotation.documentId, added: isNew ? [stored] : [], updated: isNew ? [] : [stored], removed: [] });
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
        this.checkCodebookLinks(annotation);
      }
      await this.writeAnnotations(documentId, [...current, ...annotations]);
      this.changes.publish({ kind: 'annotations.changed', documentId, added: [...annotations], updated: [], removed: [] });
      return [...annotations];
    });
  }

  deleteAnnotation(documentId: string, id: string): Promise<Annotation> {
    return this.serialize(async () => {
      const current = await this.listAnnotations(documentId);
      const removed = current.find((a) => a.id === id);
      if (!removed) throw new AppError('not-found', `There is no annotation ${id} in this document.`);
      await this.writeAnnotations(
        documentId,
        current.filter((a) => a.id !== id),
      );
      this.changes.publish({ kind: 'annotations.changed', documentId, added: [], updated: [], removed: [id] });
      return removed;
    });
  }

  private checkCodebookLinks(annotation: Annotation): void {
    const principles = new Set(this.codebook.principles.map((p) => p.id));
    const actors = new Set(this.codebook.actors.map((a) => a.id));
    const unknown = [
      ...annotation.body.principles.filter((id) => !principles.has(id)),
      ...annotation.body.actors.map((a) => a.actorId).filter((id) => !actors.has(id)),
    ];
    if (unknown.length) {
      throw new AppError('invalid-input', `The codebook has no principle or actor with id ${unknown.join(', ')}.`);
    }
  }

  private annotationOwner(id: string): string | undefined {
    for (const [documentId, list] of this.annotations) if (list.some((a) => a.id === id)) return documentId;
    return undefined;
  }

  private async writeAnnotations(documentId: string, annotations: Annotation[]): Promise<void> {
    await writeAnnotationsFile(this.paths.document(documentId).annotations, annotations);
    // Only after the write succeeded does memory change: a failed write leaves both as they were.
    this.annotations.set(documentId, annotations);
  }

  // ---- Codebook -----------------------------------------------------------------------------------

  /** A codebook may not drop a principle or actor that annotations still link to. */
  private async checkStillLinked(codebook: Codebook): Promise<void> {
    const principles = new Set(codebook.principles.map((p) => p.id));
    const actors = new Set(codebook.actors.map((a) => a.id));
    const missing = new Map<string, number>();
    for (const annotation of await this.allAnnotations()) {
      const ids = [
        ...annotation.body.principles.filter((id) => !principles.has(id)),
        ...annotation.body.actors.map((a) => a.actorId).filter((id) => !actors.has(id)),
      ];
      for (const id of ids) missing.set(id, (missing.get(id) ?? 0) + 1);
    }
    if (missing.size > 0) {
      const list = [...missing].slice(0, 10).map(([id, n]) => `${id} (${n} annotation${n === 1 ? '' : 's'})`);
      throw new AppError(
        'invalid-input',
        `The codebook cannot drop principles or actors that annotations link to: ${list.join(', ')}. Remove those links first.`,
      );
    }
  }

  getCodebook(): Codebook {
    return this.codebook;
  }

  saveCodebook(codebook: Codebook): Promise<Codebook> {
    return this.serialize(async () => {
      const valid = codebookSchema.parse(codebook);
      await this.checkStillLinked(valid);
      await writeJsonAtomic(this.paths.codebookFile, valid);
      this.codebook = valid;
      this.changes.publish({ kind: 'codebook.changed', codebook: valid, recoded: [] });
      return valid;
    });
  }
}

function writeAnnotationsFile(file: string, annotations: Annotation[]): Promise<void> {
  return writeJsonAtomic(file, { version: 1, annotations });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
