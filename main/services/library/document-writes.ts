// The store's document writes: add, new metadata, replace the file, delete to trash/, restore from it.
// Each runs inside the store's serialize() (store-state.ts): files first, atomically, then memory, then
// the change event.
import { rename } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { DocumentMetadata, FieldOrigins, LibraryDocument } from '../../../shared/model';
import { annotationSchema, libraryDocumentSchema } from '../../../shared/schemas';
import { syncDirectory } from './atomic';
import { beginReplace, endReplace, undoInterruptedReplace } from './replace-journal';
import { libraryFolder } from './safe-fs';
import { annotationsOf, documentIn, type StoreState } from './store-state';
import type { NewDocument, PageNumberingEdit, ReplacedFile } from './store-types';
import { restoreFromTrash, trashFolderName } from './trash';

/** `as`: the id and import time the document has elsewhere (a document that arrived by sync). */
export async function addDocument(state: StoreState, input: NewDocument, as?: { id: string; importedAt: string }): Promise<LibraryDocument> {
  const id = as?.id ?? randomUUID();
  if (state.documents.has(id)) throw new AppError('duplicate', `Document ${id} is already in the library.`);
  const files = state.paths.document(id);
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
    ...fieldOriginsProperty(input.fieldOrigins),
    warnings: input.warnings,
  });
  await libraryFolder(state.paths.root, `documents/${id}`);
  await state.record.writeFile(files.original(input.format), input.bytes);
  await state.record.writeJson(files.text, input.text);
  await state.record.writeJson(files.annotations, { version: 1, annotations: [] });
  state.annotations.set(id, []);
  await saveMeta(state, document);
  state.changes.publish({ kind: 'document.added', document });
  return document;
}

/** See LibraryStore.updateMetadata. */
export async function updateMetadata(
  state: StoreState,
  id: string,
  metadata: DocumentMetadata,
  fieldOrigins?: FieldOrigins,
  numbering?: PageNumberingEdit,
  unchanged?: (current: LibraryDocument) => void,
): Promise<LibraryDocument> {
  const before = documentIn(state, id);
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
    ...fieldOriginsProperty(origins),
    modifiedAt: new Date().toISOString(),
  });
  await saveMeta(state, document);
  state.changes.publish({ kind: 'document.metadataChanged', document });
  return document;
}

/** A document's fieldOrigins, left out when it has none. */
function fieldOriginsProperty(origins: FieldOrigins | undefined): { fieldOrigins?: FieldOrigins } {
  return origins && Object.keys(origins).length ? { fieldOrigins: origins } : {};
}

/** The document's meta.json written (atomically), then the document in memory. */
async function saveMeta(state: StoreState, document: LibraryDocument): Promise<void> {
  await state.record.writeJson(state.paths.document(document.id).meta, document);
  state.documents.set(document.id, document);
}

/** See LibraryStore.replaceFile: the old files kept in versions/<time>/, the replace journalled. */
export async function replaceFile(
  state: StoreState,
  id: string,
  input: ReplacedFile,
  unchanged?: (current: LibraryDocument) => void,
): Promise<LibraryDocument> {
  const current = documentIn(state, id);
  unchanged?.(current);
  const before = await annotationsOf(state, id);
  const files = state.paths.document(id);
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
  const annotations = input.annotations(before).map((a) => annotationSchema.parse(a));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await beginReplace(files, [files.original(current.format), files.text, files.annotations, files.meta], stamp);
  try {
    await state.record.writeFile(files.original(current.format), input.bytes);
    await state.record.writeJson(files.text, input.text);
    await state.record.writeJson(files.annotations, { version: 1, annotations });
    await state.record.writeJson(files.meta, document);
    await endReplace(files);
  } catch (error) {
    // A failed write (a full disk, say) leaves the document as it was, as a crash would.
    await undoInterruptedReplace(files).catch(() => undefined);
    throw error;
  }
  state.documents.set(id, document);
  state.annotations.set(id, annotations);
  state.changes.publish({ kind: 'document.replaced', document, annotations });
  return document;
}

/** Moves the document's folder to trash/ (nothing is erased); its links go first. */
export async function deleteDocument(state: StoreState, id: string, unchanged?: (current: LibraryDocument) => void): Promise<void> {
  // Read first, whether or not sync checks it: an unknown id is refused in words.
  const current = documentIn(state, id);
  unchanged?.(current);
  await state.links.detach((end) => end.documentId === id);
  const trash = await libraryFolder(state.paths.root, 'trash');
  await rename(state.paths.document(id).dir, path.join(trash, trashFolderName(id)));
  // Both folders' entries made durable before the delete is acknowledged.
  await syncDirectory(state.paths.documents);
  await syncDirectory(trash);
  state.documents.delete(id);
  state.annotations.delete(id);
  state.changes.publish({ kind: 'document.deleted', documentId: id });
  await state.links.settle();
}

/** Brings documents back from trash/ (Undo after a delete): see trash.ts. */
export async function restoreDocuments(state: StoreState, ids: readonly string[]): Promise<LibraryDocument[]> {
  const restored: LibraryDocument[] = [];
  for (const id of new Set(ids)) {
    if (state.documents.has(id)) continue;
    const { document, annotations } = await restoreFromTrash(state.paths, id, state.codebook);
    state.documents.set(id, document);
    state.annotations.set(id, annotations);
    state.changes.publish({ kind: 'document.restored', document, annotations });
    restored.push(document);
  }
  await state.links.reattach();
  return restored;
}
