// Changes to collections and to document tags, as values (they cross the contract) and as pure
// functions from the state before to the state after. A change that makes no sense is refused with a
// message in words and changes nothing.
import { z } from 'zod';
import { AppError } from '../errors';
import type { Collection, DocumentTags } from '../model';
import { collectionNameSchema, idSchema, MAX_COLLECTIONS, tagSchema } from '../schemas';
import { collectionPath, withDescendants } from './tree';

const documentIds = z.array(idSchema).min(1, 'choose at least one document').max(100_000);

export const collectionEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), name: collectionNameSchema, parentId: idSchema.nullable() }),
  z.strictObject({ op: z.literal('rename'), id: idSchema, name: collectionNameSchema }),
  /** Puts a collection inside another (or at the top, parentId null). */
  z.strictObject({ op: z.literal('move'), id: idSchema, parentId: idSchema.nullable() }),
  /** Deletes the collection and those nested in it; their documents stay in the library. */
  z.strictObject({ op: z.literal('delete'), id: idSchema }),
  z.strictObject({ op: z.literal('addDocuments'), id: idSchema, documentIds }),
  z.strictObject({ op: z.literal('removeDocuments'), id: idSchema, documentIds }),
]);
export type CollectionEdit = z.output<typeof collectionEditSchema>;

export const documentTagEditSchema = z.strictObject({
  op: z.enum(['add', 'remove']),
  documentIds,
  tags: z.array(tagSchema.transform((t) => t.replace(/^#/, ''))).min(1, 'type a tag').max(100),
});
export type DocumentTagEdit = z.output<typeof documentTagEditSchema>;

export interface EditContext {
  /** A fresh id for a new collection. */
  newId: string;
  now: string;
  /** Whether a document is in the library (documents added to a collection must be). */
  hasDocument(id: string): boolean;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

export function applyCollectionEdit(collections: readonly Collection[], edit: CollectionEdit, context: EditContext): Collection[] {
  const find = (id: string): Collection => {
    const found = collections.find((c) => c.id === id);
    if (!found) throw new AppError('not-found', 'That collection no longer exists.');
    return found;
  };
  const refuseTwin = (name: string, parentId: string | null, self: string | null) => {
    const twin = collections.find((c) => c.parentId === parentId && c.id !== self && sameName(c.name, name));
    if (twin) {
      const where = parentId ? `in “${collectionPath(collections, parentId).join(' › ')}”` : 'at the top level';
      throw new AppError('duplicate', `There is already a collection called “${twin.name}” ${where}.`);
    }
  };
  const replace = (id: string, change: Partial<Collection>) => collections.map((c) => (c.id === id ? { ...c, ...change } : c));

  switch (edit.op) {
    case 'create': {
      if (edit.parentId !== null) find(edit.parentId);
      if (collections.length >= MAX_COLLECTIONS) throw new AppError('too-large', `A library can hold ${MAX_COLLECTIONS} collections.`);
      refuseTwin(edit.name, edit.parentId, null);
      return [...collections, { id: context.newId, name: edit.name, parentId: edit.parentId, documentIds: [], created: context.now }];
    }
    case 'rename': {
      const collection = find(edit.id);
      refuseTwin(edit.name, collection.parentId, collection.id);
      return replace(edit.id, { name: edit.name });
    }
    case 'move': {
      const collection = find(edit.id);
      if (edit.parentId !== null) {
        find(edit.parentId);
        if (withDescendants(collections, edit.id).has(edit.parentId)) {
          throw new AppError('invalid-input', `“${collection.name}” cannot go inside itself or one of its own sub-collections.`);
        }
      }
      refuseTwin(collection.name, edit.parentId, collection.id);
      return replace(edit.id, { parentId: edit.parentId });
    }
    case 'delete': {
      find(edit.id);
      const gone = withDescendants(collections, edit.id);
      return collections.filter((c) => !gone.has(c.id));
    }
    case 'addDocuments': {
      const collection = find(edit.id);
      const unknown = edit.documentIds.filter((id) => !context.hasDocument(id));
      if (unknown.length) throw new AppError('not-found', `${unknown.length === 1 ? 'A document is' : `${unknown.length} documents are`} no longer in the library.`);
      const present = new Set(collection.documentIds);
      const added = [...new Set(edit.documentIds)].filter((id) => !present.has(id));
      return added.length ? replace(edit.id, { documentIds: [...collection.documentIds, ...added] }) : [...collections];
    }
    case 'removeDocuments': {
      const collection = find(edit.id);
      const removed = new Set(edit.documentIds);
      return replace(edit.id, { documentIds: collection.documentIds.filter((id) => !removed.has(id)) });
    }
  }
}

/** Adds or removes tags on documents. Tags compare without regard to case; a document keeps its first spelling. */
export function applyDocumentTagEdit(tags: DocumentTags, edit: DocumentTagEdit, hasDocument: (id: string) => boolean): DocumentTags {
  const next: DocumentTags = { ...tags };
  const lower = (t: string) => t.toLowerCase();
  if (edit.op === 'add') {
    const unknown = edit.documentIds.filter((id) => !hasDocument(id));
    if (unknown.length) throw new AppError('not-found', `${unknown.length === 1 ? 'A document is' : `${unknown.length} documents are`} no longer in the library.`);
    // A tag the library already uses keeps the spelling it has there.
    const spelling = new Map<string, string>();
    for (const list of Object.values(tags)) for (const t of list) if (!spelling.has(lower(t))) spelling.set(lower(t), t);
    const wanted = edit.tags.map((t) => spelling.get(lower(t)) ?? t);
    for (const id of new Set(edit.documentIds)) {
      const current = next[id] ?? [];
      const have = new Set(current.map(lower));
      const added: string[] = [];
      for (const t of wanted) {
        if (have.has(lower(t))) continue;
        have.add(lower(t));
        added.push(t);
      }
      if (current.length + added.length > 100) throw new AppError('too-large', 'A document can have at most 100 tags.');
      if (added.length) next[id] = [...current, ...added];
    }
    return next;
  }
  const removed = new Set(edit.tags.map(lower));
  for (const id of new Set(edit.documentIds)) {
    const current = next[id];
    if (!current) continue;
    const kept = current.filter((t) => !removed.has(lower(t)));
    if (kept.length) next[id] = kept;
    else delete next[id];
  }
  return next;
}
