// The synced documents as this library has them now, read from the store: what is sent is always the
// library's current state (never a copy taken when the change happened), so sending twice is harmless.
import { createHash } from 'node:crypto';
import {
  annotationDoc,
  canonicalJson,
  codebookDocs,
  collectionDocs,
  docIds,
  documentDoc,
  kindOf,
  linkDoc,
  linkDocs,
  memoDoc,
  SYNC_KINDS,
  variableDocs,
  type SyncBody,
  type SyncDoc,
} from '../../../shared/sync/sync-docs';
import type { LibraryStore } from '../library/store';

/** The hash of a body as synced ("deleted" for a tombstone): equal bodies, equal hashes, on every machine. */
export function bodyHash(body: SyncBody | null): string {
  return body === null ? 'deleted' : createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** The current body of each id (null when the library no longer has it). */
export async function readLocalDocs(store: LibraryStore, ids: readonly string[]): Promise<Map<string, SyncDoc>> {
  const found = new Map<string, SyncDoc>();
  const codebook = new Map(codebookDocs(store.getCodebook()).map((d) => [d.id, d]));
  const collections = new Map(collectionDocs(store.collections.list()).map((d) => [d.id, d]));
  const tags = store.collections.documentTags();
  const variables = new Map(variableDocs(store.variables.get()).map((d) => [d.id, d]));
  for (const id of ids) {
    const kind = kindOf(id);
    if (!kind) continue;
    const rest = id.slice(SYNC_KINDS[kind].prefix.length);
    let body: SyncBody | null = null;
    switch (kind) {
      case 'annotation': {
        const [documentId, annotationId] = rest.split(':') as [string, string];
        if (store.hasDocument(documentId)) {
          const annotation = (await store.listAnnotations(documentId)).find((a) => a.id === annotationId);
          if (annotation) body = annotationDoc(annotation).body;
        }
        break;
      }
      case 'document':
        if (store.hasDocument(rest)) body = documentDoc(store.getDocument(rest)).body;
        break;
      case 'principle':
      case 'actor':
      case 'codebookSettings':
        body = codebook.get(id)?.body ?? null;
        break;
      case 'collection':
        body = collections.get(id)?.body ?? null;
        break;
      case 'documentTags':
        body = tags[rest] ? { tags: tags[rest] } : null;
        break;
      case 'variable':
      case 'variableValues':
        body = variables.get(id)?.body ?? null;
        break;
      case 'memo': {
        const memo = store.memos.list().find((m) => m.id === rest);
        body = memo ? memoDoc(memo).body : null;
        break;
      }
      case 'link': {
        // As stored, hidden ones too (a link hidden with a deleted passage is not deleted).
        const link = store.links.stored().links.find((l) => l.id === rest);
        body = link ? linkDoc(link).body : null;
        break;
      }
      case 'linkRelations':
        body = { relations: store.links.stored().relations };
        break;
    }
    found.set(id, { id, kind, body });
  }
  return found;
}

/** Every synced document the library has, document by document (a large library is not held at once). */
export async function* allLocalDocs(store: LibraryStore): AsyncGenerator<SyncDoc> {
  yield* codebookDocs(store.getCodebook());
  yield* collectionDocs(store.collections.list());
  for (const [documentId, tags] of Object.entries(store.collections.documentTags())) {
    yield { id: docIds.documentTags(documentId), kind: 'documentTags', body: { tags } };
  }
  yield* store.memos.list().map(memoDoc);
  yield* variableDocs(store.variables.get());
  yield* linkDocs(store.links.stored());
  for (const document of store.listDocuments()) {
    if (!store.hasDocument(document.id)) continue;
    yield documentDoc(document);
    for (const annotation of await store.listAnnotations(document.id)) yield annotationDoc(annotation);
  }
}
