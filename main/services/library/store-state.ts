// What the library store holds in memory, shared with the modules that write it (document-writes.ts,
// annotation-writes.ts, codebook-writes.ts, record-upkeep.ts). Those modules' functions run inside the
// store's serialize(): one write at a time. Each changes memory only after its files are written, and
// publishes on `changes` only what was written.
import { AppError } from '../../../shared/errors';
import type { Annotation, Codebook, LibraryDocument } from '../../../shared/model';
import type { AnnotationLists } from './annotation-lists';
import type { ChangeFeed } from './change-feed';
import type { RecordKeeper } from './check-record';
import { readJsonFile, type LibraryPaths } from './files';
import { annotationsFileSchema } from './integrity';
import type { LibraryLinks } from './passage-links';

export interface StoreState {
  readonly paths: LibraryPaths;
  readonly changes: ChangeFeed;
  readonly record: RecordKeeper;
  readonly links: LibraryLinks;
  readonly documents: Map<string, LibraryDocument>;
  readonly annotations: AnnotationLists;
  codebook: Codebook;
}

/** A write's parameters after the state: the store's method that runs it takes just these. */
export type WriteArguments<Write> = Write extends (state: StoreState, ...args: infer Rest) => unknown ? Rest : never;

export function documentIn(state: StoreState, id: string): LibraryDocument {
  const document = state.documents.get(id);
  if (!document) throw new AppError('not-found', `There is no document with id ${id} in this library.`);
  return document;
}

/** A document's annotations: from memory if it was used lately, else read from its file. */
export async function annotationsOf(state: StoreState, documentId: string): Promise<Annotation[]> {
  for (;;) {
    documentIn(state, documentId);
    const held = state.annotations.get<Annotation>(documentId);
    if (held) return held;
    const version = state.annotations.version(documentId);
    const file = await readJsonFile(state.paths.document(documentId).annotations, annotationsFileSchema);
    // A change written while the file was read makes what was read stale: then read again.
    if (state.annotations.loaded(documentId, file.annotations, version)) return file.annotations;
  }
}

/** Every annotation of the library, read document by document (not held in memory). */
export async function allAnnotationsOf(state: StoreState): Promise<Annotation[]> {
  const all: Annotation[] = [];
  for (const id of [...state.documents.keys()]) {
    if (state.documents.has(id)) all.push(...(await annotationsOf(state, id)));
  }
  return all;
}
