// Reading collections.json and document-tags.json back: each entry is judged on its own, so one bad
// entry never sinks the rest. Entries that cannot be used are returned to be set aside (the caller
// keeps them in the quarantine); small repairs that lose nothing are made and listed.
import { z } from 'zod';
import type { Collection, DocumentTags } from '../model';
import { collectionSchema, describeZodError, documentTagListSchema, idSchema } from '../schemas';

export const COLLECTIONS_FORMAT_VERSION = 1;

/** The files' outer shapes: what must hold for any entry in them to be read. */
export const collectionsFileShape = z.object({ version: z.literal(COLLECTIONS_FORMAT_VERSION), collections: z.array(z.unknown()) });
export const documentTagsFileShape = z.object({ version: z.literal(COLLECTIONS_FORMAT_VERSION), documents: z.record(z.string(), z.unknown()) });

export interface CheckedFile<T> {
  value: T;
  /** Entries that could not be used, each with why, to keep aside. */
  invalid: { entry: unknown; reason: string }[];
  /** Repairs made that lost nothing (a parent that went missing, a document listed twice). */
  repairs: string[];
}

export function checkCollections(entries: readonly unknown[]): CheckedFile<Collection[]> {
  const invalid: CheckedFile<unknown>['invalid'] = [];
  const repairs: string[] = [];
  const collections: Collection[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    const parsed = collectionSchema.safeParse(entry);
    if (!parsed.success) {
      invalid.push({ entry, reason: describeZodError(parsed.error) });
      continue;
    }
    const collection = parsed.data;
    if (ids.has(collection.id)) {
      invalid.push({ entry, reason: `the id ${collection.id} is used by another collection` });
      continue;
    }
    ids.add(collection.id);
    const unique = [...new Set(collection.documentIds)];
    if (unique.length !== collection.documentIds.length) repairs.push(`“${collection.name}” listed a document twice; it is listed once now.`);
    collections.push({ ...collection, documentIds: unique });
  }
  // A parent that is gone, or a loop of parents (a hand edit), puts the collection at the top level.
  const byId = new Map(collections.map((c) => [c.id, c]));
  for (const collection of collections) {
    if (collection.parentId === null) continue;
    if (!byId.has(collection.parentId)) {
      repairs.push(`“${collection.name}” was inside a collection that no longer exists; it is at the top level now.`);
      collection.parentId = null;
      continue;
    }
    const seen = new Set<string>([collection.id]);
    for (let at = byId.get(collection.parentId); at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      if (seen.has(at.id)) {
        repairs.push(`“${collection.name}” was inside itself (through its parents); it is at the top level now.`);
        collection.parentId = null;
        break;
      }
      seen.add(at.id);
    }
  }
  return { value: collections, invalid, repairs };
}

export function checkDocumentTags(documents: Readonly<Record<string, unknown>>): CheckedFile<DocumentTags> {
  const invalid: CheckedFile<unknown>['invalid'] = [];
  const repairs: string[] = [];
  const tags: DocumentTags = {};
  for (const [id, entry] of Object.entries(documents)) {
    const key = idSchema.safeParse(id);
    const list = documentTagListSchema.safeParse(entry);
    if (!key.success || !list.success) {
      invalid.push({ entry: { [id]: entry }, reason: key.success ? describeZodError(list.error!) : `“${id}” is not a document id` });
      continue;
    }
    const seen = new Set<string>();
    const unique = list.data.filter((t) => !seen.has(t.toLowerCase()) && !!seen.add(t.toLowerCase()));
    if (unique.length !== list.data.length) repairs.push(`Document ${id} had a tag twice; it has it once now.`);
    if (unique.length) tags[id] = unique;
  }
  return { value: tags, invalid, repairs };
}
