// Applies documents that arrived from the server to the library, through the store's own calls (each
// write atomic, checked, published as a change, undoable like a local edit): never by writing the
// library's files. What cannot be applied yet (an annotation whose document has not arrived, a code
// that annotations here still use) is deferred with the reason in words and tried again later.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Memo } from '../../../shared/memos/model';
import type { Annotation, LibraryDocument } from '../../../shared/model';
import { annotationSchema, documentTextSchema } from '../../../shared/schemas';
import { annotationRange, checkBody, fileDocId, mergeCodebook, mergeCollections, mergeDocumentTags, mergeVariables, SYNC_KINDS, type SyncBody, type SyncDoc, type SyncKind } from '../../../shared/sync/sync-docs';
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
}

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

export async function applyRows(ctx: ApplyContext, rows: readonly RemoteRow[]): Promise<ApplyResult> {
  const result: ApplyResult = { applied: [], deferred: [] };
  const sorted = [...rows].sort((a, b) => SYNC_KINDS[a.kind].order - SYNC_KINDS[b.kind].order);
  const codebookRows = sorted.filter((r) => r.kind === 'principle' || r.kind === 'actor' || r.kind === 'codebookSettings');
  if (codebookRows.length) await applyCodebook(ctx, codebookRows, result);
  const organisationRows = sorted.filter((r) => r.kind === 'collection' || r.kind === 'documentTags');
  if (organisationRows.length) await applyOrganisation(ctx, organisationRows, result);
  const variableRows = sorted.filter((r) => r.kind === 'variable' || r.kind === 'variableValues');
  if (variableRows.length) await applyWhole(ctx, variableRows, result, () => ctx.store.variables.replaceSynced(mergeVariables(ctx.store.variables.get(), toDocs(variableRows))));
  for (const row of sorted) {
    if (codebookRows.includes(row) || organisationRows.includes(row) || variableRows.includes(row)) continue;
    try {
      if (row.kind === 'document') await applyDocument(ctx, row, result);
      else if (row.kind === 'annotation') await applyAnnotation(ctx, row);
      else if (row.kind === 'memo') await applyMemo(ctx, row);
      else throw new AppError('unsupported', `This version of Apostil cannot apply ${row.kind} from the server.`);
      result.applied.push({ id: row.id, rev: row.rev, hash: bodyHash(row.body) });
    } catch (error) {
      result.deferred.push({ id: row.id, message: (error as Error).message });
    }
  }
  return result;
}

async function applyCodebook(ctx: ApplyContext, rows: RemoteRow[], result: ApplyResult): Promise<void> {
  const { store } = ctx;
  try {
    const docs: SyncDoc[] = rows.map((r) => ({ id: r.id, kind: r.kind, body: r.body }));
    const codebook = mergeCodebook(store.getCodebook(), docs);
    for (const row of rows) ctx.expect(row.id, bodyHash(row.body));
    await store.saveCodebook(codebook);
    for (const row of rows) result.applied.push({ id: row.id, rev: row.rev, hash: bodyHash(row.body) });
  } catch (error) {
    const message = `The codebook change from the server could not be applied: ${(error as Error).message}`;
    for (const row of rows) result.deferred.push({ id: row.id, message });
  }
}

const toDocs = (rows: readonly RemoteRow[]): SyncDoc[] => rows.map((r) => ({ id: r.id, kind: r.kind, body: r.body }));

/** Rows of a part the store writes whole (one small file), applied in one write. */
async function applyWhole(ctx: ApplyContext, rows: RemoteRow[], result: ApplyResult, write: () => Promise<void>): Promise<void> {
  try {
    for (const row of rows) ctx.expect(row.id, bodyHash(row.body));
    await write();
    for (const row of rows) result.applied.push({ id: row.id, rev: row.rev, hash: bodyHash(row.body) });
  } catch (error) {
    for (const row of rows) result.deferred.push({ id: row.id, message: (error as Error).message });
  }
}

async function applyOrganisation(ctx: ApplyContext, rows: RemoteRow[], result: ApplyResult): Promise<void> {
  const { collections } = ctx.store;
  try {
    const docs: SyncDoc[] = rows.map((r) => ({ id: r.id, kind: r.kind, body: r.body }));
    for (const row of rows) ctx.expect(row.id, bodyHash(row.body));
    await collections.replaceSynced({
      ...(rows.some((r) => r.kind === 'collection') ? { collections: mergeCollections(collections.list(), docs) } : {}),
      ...(rows.some((r) => r.kind === 'documentTags') ? { tags: mergeDocumentTags(collections.documentTags(), docs) } : {}),
    });
    for (const row of rows) result.applied.push({ id: row.id, rev: row.rev, hash: bodyHash(row.body) });
  } catch (error) {
    for (const row of rows) result.deferred.push({ id: row.id, message: (error as Error).message });
  }
}

async function applyAnnotation(ctx: ApplyContext, row: RemoteRow): Promise<void> {
  const { store } = ctx;
  const [documentId, annotationId] = row.id.slice(SYNC_KINDS.annotation.prefix.length).split(':') as [string, string];
  if (!store.hasDocument(documentId)) {
    if (row.body === null) return;
    throw new AppError('not-found', 'Its document has not arrived (or was deleted here).');
  }
  const current = (await store.listAnnotations(documentId)).find((a) => a.id === annotationId);
  const hash = bodyHash(row.body);
  if (current && bodyHash((await readLocalDocs(store, [row.id])).get(row.id)!.body) === hash) return;
  ctx.expect(row.id, hash);
  if (row.body === null) {
    if (current) await store.deleteAnnotation(documentId, annotationId);
    return;
  }
  const annotation = annotationSchema.parse(row.body);
  if (annotation.id !== annotationId || annotation.documentId !== documentId) throw new AppError('invalid-input', 'Its id does not match its content.');
  await store.saveAnnotation(annotation, { keepModified: true, ifModified: current?.modified ?? null });
}

async function applyMemo(ctx: ApplyContext, row: RemoteRow): Promise<void> {
  const { store } = ctx;
  const id = row.id.slice(SYNC_KINDS.memo.prefix.length);
  const current = store.memos.list().find((m) => m.id === id);
  ctx.expect(row.id, bodyHash(row.body));
  if (row.body === null) {
    if (current) await store.memos.edit({ op: 'delete', id });
    return;
  }
  const memo = row.body as Omit<Memo, 'modified'>;
  if (memo.id !== id) throw new AppError('invalid-input', 'Its id does not match its content.');
  if (current) await store.memos.edit({ op: 'update', id, title: memo.title, body: memo.body, target: memo.target });
  // A new memo arrives as it was made (its id and dates), as an Undo brings one back.
  else await store.memos.edit({ op: 'restore', memo: { ...memo, modified: memo.created } });
}

async function applyDocument(ctx: ApplyContext, row: RemoteRow, result: ApplyResult): Promise<void> {
  const { store } = ctx;
  const id = row.id.slice(SYNC_KINDS.document.prefix.length);
  ctx.expect(row.id, bodyHash(row.body));
  if (row.body === null) {
    if (store.hasDocument(id)) await store.deleteDocument(id);
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
    await store.replaceFile(id, {
      originalName: remote.originalName,
      bytes: file.bytes,
      contentHash: remote.contentHash,
      text: file.text,
      pageCount: remote.pageCount,
      ...(remote.pageLabels ? { pageLabels: remote.pageLabels } : {}),
      warnings: remote.warnings,
      // Re-anchored in the new text by the machine that replaced it: its versions arrive as annotations.
      annotations: await store.listAnnotations(id),
    });
  }
  const now = (await readLocalDocs(store, [row.id])).get(row.id)!.body;
  if (bodyHash(now) !== bodyHash(row.body)) {
    await store.updateMetadata(id, remote.metadata, remote.fieldOrigins ?? {}, remote.format === 'pdf' ? { pageOffset: remote.pageOffset ?? null } : undefined);
  }
}

/** A document that just arrived takes every annotation the server has for it, in one write. */
async function receiveAnnotations(ctx: ApplyContext, documentId: string, result: ApplyResult): Promise<void> {
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
