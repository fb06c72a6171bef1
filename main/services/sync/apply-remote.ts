// Applies documents that arrived from the server to the library, through the store's own calls (each
// write atomic, checked, published as a change, undoable like a local edit): never by writing the
// library's files. What cannot be applied yet (an annotation whose document has not arrived, a code
// that annotations here still use) is deferred with the reason in words and tried again later.
// Compare-and-set: each row is applied only if this library's version is still the one it had when the
// engine chose the row (`before`), checked inside the store's write queue; an edit made here meanwhile
// is never overwritten: the row waits, this side's version is sent, and the server keeps both.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Memo } from '../../../shared/memos/model';
import type { Annotation, LibraryDocument } from '../../../shared/model';
import { annotationSchema, documentTextSchema } from '../../../shared/schemas';
import {
  annotationRange,
  checkBody,
  codebookDocs,
  collectionDocs,
  docIds,
  documentDoc,
  fileDocId,
  linkDocs,
  memoDoc,
  mergeCodebook,
  mergeCollections,
  mergeDocumentTags,
  mergeLinks,
  mergeVariables,
  SYNC_KINDS,
  variableDocs,
  type SyncBody,
  type SyncDoc,
  type SyncKind,
} from '../../../shared/sync/sync-docs';
import type { LibraryStore } from '../library/store';
import { bodyHash, readLocalDocs } from './local-docs';
import type { RemoteDb, RemoteDoc } from './remote';

/** One synced document as the server's winning revision has it. */
export interface RemoteRow {
  id: string;
  kind: SyncKind;
  rev: string;
  body: SyncBody | null;
}

export interface ApplyContext {
  store: LibraryStore;
  remote: RemoteDb;
  /** Says that the store's next write of `id` carries this body hash (so it is not sent back). */
  expect(id: string, hash: string): void;
  /** This library's version of each row's id when the rows were chosen (readLocalDocs); read here if not given. */
  before?: Map<string, SyncDoc>;
}

export const CHANGED_HERE = 'It was changed here while it arrived: this version is sent too, and the server keeps both as a conflict.';

/** Whether this library's body of `id` is still the one it had when the rows were chosen. */
const same = (ctx: Required<ApplyContext>, id: string, now: SyncBody | null | undefined) => bodyHash(now ?? null) === bodyHash(ctx.before.get(id)?.body ?? null);

export interface ApplyResult {
  applied: { id: string; rev: string; hash: string }[];
  deferred: { id: string; message: string }[];
}

/** A server document as a row, or null when it is not one of ours. */
export function toRow(doc: RemoteDoc, kind: SyncKind): RemoteRow | { id: string; invalid: string } {
  if (doc._deleted) return { id: doc._id, kind, rev: doc._rev, body: null };
  const checked = checkBody(kind, doc.body);
  if (!checked.ok) return { id: doc._id, invalid: `It arrived damaged (${checked.message}).` };
  return { id: doc._id, kind, rev: doc._rev, body: checked.value };
}

export async function applyRows(context: ApplyContext, rows: readonly RemoteRow[]): Promise<ApplyResult> {
  const ctx: Required<ApplyContext> = { ...context, before: context.before ?? (await readLocalDocs(context.store, rows.map((r) => r.id))) };
  const { store } = ctx;
  const result: ApplyResult = { applied: [], deferred: [] };
  const sorted = [...rows].sort((a, b) => SYNC_KINDS[a.kind].order - SYNC_KINDS[b.kind].order);
  const of = (...kinds: SyncKind[]) => sorted.filter((r) => kinds.includes(r.kind));
  // Parts the store writes whole (one small file each): their rows in one write, made from the part as
  // it is inside the write queue.
  await applyWhole(ctx, of('principle', 'actor', 'codebookSettings'), result, (pick) =>
    store.saveCodebook((current) => mergeCodebook(current, pick(codebookDocs(current)))).then(() => undefined),
  );
  const organisation = of('collection', 'documentTags');
  await applyWhole(ctx, organisation, result, (pick) =>
    store.collections.replaceSynced(({ collections, tags }) => {
      const docs = pick([...collectionDocs(collections), ...Object.entries(tags).map(([id, list]): SyncDoc => ({ id: docIds.documentTags(id), kind: 'documentTags', body: { tags: list } }))]);
      return {
        ...(organisation.some((r) => r.kind === 'collection') ? { collections: mergeCollections(collections, docs) } : {}),
        ...(organisation.some((r) => r.kind === 'documentTags') ? { tags: mergeDocumentTags(tags, docs) } : {}),
      };
    }),
  );
  await applyWhole(ctx, of('variable', 'variableValues'), result, (pick) => store.variables.replaceSynced((current) => mergeVariables(current, pick(variableDocs(current)))));
  await applyWhole(ctx, of('link', 'linkRelations'), result, (pick) => store.links.replaceSynced((current) => mergeLinks(current, pick(linkDocs(current)), store.links.exists)));
  for (const row of of('document', 'annotation', 'memo')) {
    try {
      if (row.kind === 'document') await applyDocument(ctx, row, result);
      else if (row.kind === 'annotation') await applyAnnotation(ctx, row);
      else await applyMemo(ctx, row);
      result.applied.push({ id: row.id, rev: row.rev, hash: bodyHash(row.body) });
    } catch (error) {
      result.deferred.push({ id: row.id, message: (error as Error).message });
    }
  }
  return result;
}

/**
 * Rows of a part the store writes whole, applied in one write. `write` is given `pick`, which takes the
 * part's synced documents as they are inside the write queue and returns the rows to apply: those whose
 * version here changed meanwhile are left out (deferred), the others are applied.
 */
async function applyWhole(
  ctx: Required<ApplyContext>,
  rows: RemoteRow[],
  result: ApplyResult,
  write: (pick: (current: readonly SyncDoc[]) => SyncDoc[]) => Promise<void>,
): Promise<void> {
  if (rows.length === 0) return;
  const changedHere = new Set<string>();
  const pick = (current: readonly SyncDoc[]): SyncDoc[] => {
    const now = new Map(current.map((d) => [d.id, d.body]));
    changedHere.clear();
    const usable: SyncDoc[] = [];
    for (const row of rows) {
      if (same(ctx, row.id, now.get(row.id))) usable.push({ id: row.id, kind: row.kind, body: row.body });
      else changedHere.add(row.id);
    }
    return usable;
  };
  try {
    for (const row of rows) ctx.expect(row.id, bodyHash(row.body));
    await write(pick);
    for (const row of rows) {
      if (changedHere.has(row.id)) result.deferred.push({ id: row.id, message: CHANGED_HERE });
      else result.applied.push({ id: row.id, rev: row.rev, hash: bodyHash(row.body) });
    }
  } catch (error) {
    const codebook = ['principle', 'actor', 'codebookSettings'].includes(rows[0]!.kind);
    const message = `${codebook ? 'The codebook change from the server could not be applied: ' : ''}${(error as Error).message}`;
    for (const row of rows) result.deferred.push({ id: row.id, message });
  }
}

async function applyAnnotation(ctx: Required<ApplyContext>, row: RemoteRow): Promise<void> {
  const { store } = ctx;
  const [documentId, annotationId] = row.id.slice(SYNC_KINDS.annotation.prefix.length).split(':') as [string, string];
  if (!store.hasDocument(documentId)) {
    if (row.body === null) return;
    throw new AppError('not-found', 'Its document has not arrived (or was deleted here).');
  }
  const before = ctx.before.get(row.id)?.body as Annotation | null | undefined;
  const hash = bodyHash(row.body);
  // Already as the server has it (it came with its document, earlier in this batch): nothing to do.
  if (bodyHash((await readLocalDocs(store, [row.id])).get(row.id)!.body) === hash) return;
  ctx.expect(row.id, hash);
  if (row.body === null) {
    if (before) await store.deleteAnnotation(documentId, annotationId, { ifModified: before.modified }).catch(changedHere);
    return;
  }
  const annotation = annotationSchema.parse(row.body);
  if (annotation.id !== annotationId || annotation.documentId !== documentId) throw new AppError('invalid-input', 'Its id does not match its content.');
  await store.saveAnnotation(annotation, { keepModified: true, ifModified: before?.modified ?? null }).catch(changedHere);
}

/** A refusal of the store's compare-and-set, said as what it means for sync. */
function changedHere(error: unknown): never {
  if (error instanceof AppError && error.code === 'in-use') throw new AppError('in-use', CHANGED_HERE);
  throw error;
}

async function applyMemo(ctx: Required<ApplyContext>, row: RemoteRow): Promise<void> {
  const id = row.id.slice(SYNC_KINDS.memo.prefix.length);
  const memo = row.body as Omit<Memo, 'modified'> | null;
  if (memo && memo.id !== id) throw new AppError('invalid-input', 'Its id does not match its content.');
  ctx.expect(row.id, bodyHash(row.body));
  const applied = await ctx.store.memos.replaceSynced(id, memo, (current) => same(ctx, row.id, current ? memoDoc(current).body : null));
  if (!applied) throw new AppError('in-use', CHANGED_HERE);
}

async function applyDocument(ctx: Required<ApplyContext>, row: RemoteRow, result: ApplyResult): Promise<void> {
  const { store } = ctx;
  const id = row.id.slice(SYNC_KINDS.document.prefix.length);
  ctx.expect(row.id, bodyHash(row.body));
  const unchanged = (current: LibraryDocument) => {
    if (!same(ctx, row.id, documentDoc(current).body)) throw new AppError('in-use', CHANGED_HERE);
  };
  if (row.body === null) {
    if (store.hasDocument(id)) await store.deleteDocument(id, unchanged);
    return;
  }
  const remote = row.body as Omit<LibraryDocument, 'modifiedAt'>;
  if (remote.id !== id) throw new AppError('invalid-input', 'Its id does not match its content.');
  if (!store.hasDocument(id)) {
    // Deleted here and changed there: it comes back from this machine's trash, with its annotations.
    const restored = await store.restoreDocuments([id]).catch(() => []);
    if (restored.length === 0) {
      const file = await fetchFile(ctx.remote, remote.contentHash);
      await store.addDocument(
        {
          originalName: remote.originalName,
          bytes: file.bytes,
          contentHash: remote.contentHash,
          format: remote.format,
          text: file.text,
          metadata: remote.metadata,
          ...(remote.fieldOrigins ? { fieldOrigins: remote.fieldOrigins } : {}),
          pageCount: remote.pageCount,
          ...(remote.pageLabels ? { pageLabels: remote.pageLabels } : {}),
          warnings: remote.warnings,
        },
        { id, importedAt: remote.importedAt },
      );
      await receiveAnnotations(ctx, id, result);
    }
  } else if (store.getDocument(id).contentHash !== remote.contentHash) {
    const file = await fetchFile(ctx.remote, remote.contentHash);
    await store.replaceFile(
      id,
      {
      originalName: remote.originalName,
      bytes: file.bytes,
      contentHash: remote.contentHash,
      text: file.text,
      pageCount: remote.pageCount,
      ...(remote.pageLabels ? { pageLabels: remote.pageLabels } : {}),
      warnings: remote.warnings,
      // Re-anchored in the new text by the machine that replaced it: its versions arrive as annotations.
      annotations: (current) => current,
    },
    unchanged,
    );
  }
  const now = (await readLocalDocs(store, [row.id])).get(row.id)!.body;
  if (bodyHash(now) !== bodyHash(row.body)) {
    await store.updateMetadata(id, remote.metadata, remote.fieldOrigins ?? {}, remote.format === 'pdf' ? { pageOffset: remote.pageOffset ?? null } : undefined, unchanged);
  }
}

/** A document that just arrived takes every annotation the server has for it, in one write. */
async function receiveAnnotations(ctx: Required<ApplyContext>, documentId: string, result: ApplyResult): Promise<void> {
  const page = await ctx.remote.allDocs({ ...annotationRange(documentId), include_docs: true });
  const annotations: Annotation[] = [];
  const revs: { id: string; rev: string; hash: string }[] = [];
  for (const row of page.rows) {
    const doc = row.doc;
    if (!doc || doc._deleted) continue;
    const checked = annotationSchema.safeParse(doc.body);
    if (!checked.success || checked.data.documentId !== documentId) continue; // left for the changes feed to report
    annotations.push(checked.data);
    revs.push({ id: doc._id, rev: doc._rev, hash: bodyHash(doc.body as SyncBody) });
  }
  if (annotations.length === 0) return;
  for (const r of revs) ctx.expect(r.id, r.hash);
  try {
    await ctx.store.addAnnotations(documentId, annotations);
    result.applied.push(...revs);
  } catch {
    // One that cannot be added (a code not here yet) must not keep the others out: one at a time.
    for (const [i, annotation] of annotations.entries()) {
      try {
        await ctx.store.saveAnnotation(annotation, { keepModified: true, ifModified: null });
        result.applied.push(revs[i]!);
      } catch (error) {
        result.deferred.push({ id: revs[i]!.id, message: (error as Error).message });
      }
    }
  }
}

/** An original file and its text, from the server, checked against the hash it is filed under. */
export async function fetchFile(remote: RemoteDb, contentHash: string): Promise<{ bytes: Uint8Array; text: ReturnType<typeof documentTextSchema.parse> }> {
  const doc = await remote.get(fileDocId(contentHash), { attachments: true, binary: true }).catch((error: { status?: number }) => {
    if (error.status === 404) throw new AppError('not-found', 'Its file has not reached the server yet.');
    throw error;
  });
  const original = doc._attachments?.original?.data;
  const text = doc._attachments?.text?.data;
  if (!original || !text) throw new AppError('corrupt', 'Its file on the server is incomplete.');
  const bytes = typeof original === 'string' ? Buffer.from(original, 'base64') : original;
  if (createHash('sha256').update(bytes).digest('hex') !== contentHash) throw new AppError('corrupt', 'Its file on the server does not match its hash.');
  const textBytes = typeof text === 'string' ? Buffer.from(text, 'base64') : text;
  return { bytes: new Uint8Array(bytes), text: documentTextSchema.parse(JSON.parse(textBytes.toString('utf8'))) };
}
