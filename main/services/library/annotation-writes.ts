// The store's annotation writes: save one, add many (an import), delete one. Each runs inside the
// store's serialize() (store-state.ts): the document's annotations file written atomically first, then
// memory, then the change event.
import { AppError } from '../../../shared/errors';
import type { Annotation } from '../../../shared/model';
import { annotationSchema } from '../../../shared/schemas';
import { checkAnnotationLinks } from './links';
import { annotationsOf, type StoreState } from './store-state';

export interface SaveAnnotationOptions {
  keepModified?: boolean;
  ifModified?: string | null;
  coder?: string | null;
}

/** See LibraryStore.saveAnnotation. */
export async function saveAnnotation(state: StoreState, annotation: Annotation, options: SaveAnnotationOptions): Promise<Annotation> {
  const current = await annotationsOf(state, annotation.documentId);
  checkAnnotationLinks(annotation, state.codebook);
  const index = current.findIndex((a) => a.id === annotation.id);
  const author = index === -1 ? (annotation.author ?? options.coder ?? undefined) : current[index]!.author;
  const { author: _sent, ...rest } = annotation;
  const stored: Annotation = options.keepModified
    ? annotationSchema.parse(annotation)
    : { ...rest, ...(author !== undefined ? { author } : {}), modified: new Date().toISOString() };
  if (options.ifModified !== undefined && (index === -1 ? null : current[index]!.modified) !== options.ifModified) {
    throw new AppError('in-use', `Annotation ${annotation.id} changed meanwhile.`);
  }
  if (index === -1 && state.annotations.owner(annotation.id)) {
    throw new AppError('invalid-input', `Annotation ${annotation.id} belongs to another document.`);
  }
  const next = index === -1 ? [...current, stored] : current.map((a, i) => (i === index ? stored : a));
  await writeAnnotations(state, annotation.documentId, next);
  const isNew = index === -1;
  state.changes.publish({ kind: 'annotations.changed', documentId: annotation.documentId, added: isNew ? [stored] : [], updated: isNew ? [] : [stored], removed: [] });
  if (isNew) await state.links.reattach();
  return stored;
}

/** Adds new annotations to one document in a single write (an import). Every id must be unused. */
export async function addAnnotations(state: StoreState, documentId: string, annotations: readonly Annotation[]): Promise<Annotation[]> {
  if (annotations.length === 0) return [];
  const current = await annotationsOf(state, documentId);
  const ids = new Set<string>();
  for (const annotation of annotations) {
    annotationSchema.parse(annotation);
    if (annotation.documentId !== documentId) throw new AppError('invalid-input', `Annotation ${annotation.id} belongs to another document.`);
    if (ids.has(annotation.id) || state.annotations.owner(annotation.id)) throw new AppError('duplicate', `Annotation ${annotation.id} is already in the library.`);
    ids.add(annotation.id);
    checkAnnotationLinks(annotation, state.codebook);
  }
  await writeAnnotations(state, documentId, [...current, ...annotations]);
  state.changes.publish({ kind: 'annotations.changed', documentId, added: [...annotations], updated: [], removed: [] });
  await state.links.reattach();
  return [...annotations];
}

/** `ifModified`: deleted only if it is as stored with that time of change (sync: see saveAnnotation). */
export async function deleteAnnotation(state: StoreState, documentId: string, id: string, options: { ifModified?: string }): Promise<Annotation> {
  const current = await annotationsOf(state, documentId);
  const removed = current.find((a) => a.id === id);
  if (options.ifModified !== undefined && removed?.modified !== options.ifModified) throw new AppError('in-use', `Annotation ${id} changed meanwhile.`);
  if (!removed) throw new AppError('not-found', `There is no annotation ${id} in this document.`);
  // Its links go with it (written first, so a crash in between never leaves a link to nothing).
  await state.links.detach((end) => end.annotationId === id);
  await writeAnnotations(
    state,
    documentId,
    current.filter((a) => a.id !== id),
  );
  state.changes.publish({ kind: 'annotations.changed', documentId, added: [], updated: [], removed: [id] });
  await state.links.settle();
  return removed;
}

async function writeAnnotations(state: StoreState, documentId: string, annotations: Annotation[]): Promise<void> {
  await state.record.writeJson(state.paths.document(documentId).annotations, { version: 1, annotations });
  // Only after the write succeeded does memory change: a failed write leaves both as they were.
  state.annotations.set(documentId, annotations);
}
