// The library store: documents, their texts and annotations, and the codebook, as plain files.
// It keeps an in-memory view (metadata of every document, annotations loaded on first use) and writes
// every change through at once, atomically, one write at a time.
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type {
  Annotation,
  Codebook,
  DocumentMetadata,
  DocumentText,
  LibraryDocument,
  LibraryInfo,
} from '../../../shared/model';
import {
  annotationSchema,
  codebookSchema,
  documentTextSchema,
  libraryDocumentSchema,
} from '../../../shared/schemas';
import { removeStaleTempFiles, writeFileAtomic, writeJsonAtomic } from './atomic';
import { LIBRARY_FORMAT_VERSION, libraryPaths, readJsonFile, type LibraryPaths } from './files';
import { acquireLibraryLock, type LibraryLock } from './lock';

const libraryFileSchema = z.object({ version: z.literal(LIBRARY_FORMAT_VERSION), name: z.string(), created: z.string() });
const annotationsFileSchema = z.object({ version: z.literal(1), annotations: z.array(annotationSchema) });
const textFileSchema = documentTextSchema;

/** What an importer hands the store to add a document. */
export interface NewDocument {
  originalName: string;
  bytes: Uint8Array;
  contentHash: string;
  format: LibraryDocument['format'];
  text: DocumentText;
  metadata: DocumentMetadata;
  pageCount: number | null;
  warnings: string[];
}

/** Something found at open that could not be loaded; kept on disk untouched and reported. */
export interface LoadProblem {
  path: string;
  message: string;
}

export class LibraryStore {
  readonly paths: LibraryPaths;
  readonly created: boolean;
  private readonly lock: LibraryLock;
  private readonly documents = new Map<string, LibraryDocument>();
  private readonly annotations = new Map<string, Annotation[]>();
  private codebook: Codebook;
  private name: string;
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly problems: LoadProblem[] = [];

  private constructor(paths: LibraryPaths, lock: LibraryLock, name: string, codebook: Codebook, created: boolean) {
    this.paths = paths;
    this.lock = lock;
    this.name = name;
    this.codebook = codebook;
    this.created = created;
  }

  /** Open (creating if needed) the library in `dir`, taking its lock. */
  static async open(dir: string, options: { defaultCodebook: Codebook }): Promise<LibraryStore> {
    const paths = libraryPaths(path.resolve(dir));
    await mkdir(paths.root, { recursive: true });
    const lock = await acquireLibraryLock(paths.root);
    try {
      const created = !(await exists(paths.libraryFile));
      if (created) {
        await writeJsonAtomic(paths.codebookFile, options.defaultCodebook);
        await writeJsonAtomic(paths.libraryFile, {
          version: LIBRARY_FORMAT_VERSION,
          name: path.basename(paths.root),
          created: new Date().toISOString(),
        });
      }
      const library = await readJsonFile(paths.libraryFile, libraryFileSchema);
      const codebook = await readJsonFile(paths.codebookFile, codebookSchema);
      await mkdir(paths.documents, { recursive: true });
      const store = new LibraryStore(paths, lock, library.name, codebook, created);
      await store.loadDocuments();
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private async loadDocuments(): Promise<void> {
    await removeStaleTempFiles(this.paths.root);
    for (const id of await readdir(this.paths.documents)) {
      const files = this.paths.document(id);
      await removeStaleTempFiles(files.dir);
      if (!(await exists(files.meta))) {
        // An import that did not finish (meta.json is written last). Left on disk, never shown.
        this.problems.push({ path: files.dir, message: 'An unfinished import (no meta.json); it is ignored.' });
        continue;
      }
      try {
        const document = await readJsonFile(files.meta, libraryDocumentSchema);
        if (document.id !== id) throw new AppError('corrupt', `${files.meta} names another document (${document.id}).`);
        this.documents.set(id, document);
      } catch (error) {
        this.problems.push({ path: files.meta, message: (error as Error).message });
      }
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

  findByHash(contentHash: string): LibraryDocument | undefined {
    for (const document of this.documents.values()) if (document.contentHash === contentHash) return document;
    return undefined;
  }

  async readText(id: string): Promise<DocumentText> {
    this.getDocument(id);
    return readJsonFile(this.paths.document(id).text, textFileSchema);
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
        warnings: input.warnings,
      });
      await mkdir(files.dir, { recursive: true });
      await writeFileAtomic(files.original(input.format), input.bytes);
      await writeJsonAtomic(files.text, input.text);
      await writeJsonAtomic(files.annotations, { version: 1, annotations: [] });
      await writeJsonAtomic(files.meta, document);
      this.documents.set(id, document);
      this.annotations.set(id, []);
      return document;
    });
  }

  updateMetadata(id: string, metadata: DocumentMetadata): Promise<LibraryDocument> {
    return this.serialize(async () => {
      const document = { ...this.getDocument(id), metadata, modifiedAt: new Date().toISOString() };
      await writeJsonAtomic(this.paths.document(id).meta, document);
      this.documents.set(id, document);
      return document;
    });
  }

  /** Deleting moves the document, its original and its annotations to trash/: nothing is erased. */
  deleteDocument(id: string): Promise<void> {
    return this.serialize(async () => {
      this.getDocument(id);
      await mkdir(this.paths.trash, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await rename(this.paths.document(id).dir, path.join(this.paths.trash, `${id}-${stamp}`));
      this.documents.delete(id);
      this.annotations.delete(id);
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
    for (const id of this.documents.keys()) {
      try {
        all.push(...(await this.listAnnotations(id)));
      } catch (error) {
        this.problems.push({ path: this.paths.document(id).annotations, message: (error as Error).message });
      }
    }
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
      return stored;
    });
  }

  /** Adds new annotations to one document in a single write (an import). Every id must be unused. */
  addAnnotations(documentId: string, annotations: readonly Annotation[]): Promise<Annotation[]> {
    return this.serialize(async () => {
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
    await writeJsonAtomic(this.paths.document(documentId).annotations, { version: 1, annotations });
    // Only after the write succeeded does memory change: a failed write leaves both as they were.
    this.annotations.set(documentId, annotations);
  }

  // ---- Codebook -----------------------------------------------------------------------------------

  getCodebook(): Codebook {
    return this.codebook;
  }

  saveCodebook(codebook: Codebook): Promise<Codebook> {
    return this.serialize(async () => {
      const valid = codebookSchema.parse(codebook);
      await writeJsonAtomic(this.paths.codebookFile, valid);
      this.codebook = valid;
      return valid;
    });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
