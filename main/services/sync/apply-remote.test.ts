// Compare-and-set on apply: a change from the server is applied only if this library's version is still
// the one it had when sync chose to apply it. An edit made here in between is never overwritten: the
// row is set aside (this side's version goes to the server, which keeps both as a conflict).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { docIds, type SyncBody } from '../../../shared/sync/sync-docs';
import { LibraryStore } from '../library/store';
import { sampleAnnotation } from '../../test-support/fixtures';
import { textDocument } from '../../test-support/sync-libraries';
import { useTempDir } from '../../test-support/temp';
import { applyRows, CHANGED_HERE, type RemoteRow } from './apply-remote';
import { readLocalDocs } from './local-docs';
import type { RemoteDb } from './remote';

const NO_SERVER = {} as RemoteDb;

describe('applying changes from the server (compare-and-set)', () => {
  const tempDir = useTempDir();

  async function library() {
    const store = await LibraryStore.open(path.join(await tempDir(), 'library'), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const doc = await store.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    const annotation = await store.saveAnnotation(sampleAnnotation(doc.id));
    const memo = await store.memos.edit({ op: 'create', title: 'Memo', body: 'first', target: { kind: 'project' } });
    const [collection] = await store.collections.edit({ op: 'create', name: 'Treaties', parentId: null });
    const { variables } = await store.variables.edit({ op: 'create', name: 'Country', type: 'text', choices: [] });
    const links = await store.links.edit({
      op: 'create',
      from: { documentId: doc.id, annotationId: annotation.id },
      to: { documentId: doc.id, annotationId: (await store.saveAnnotation(sampleAnnotation(doc.id, { id: 'ann-2' }))).id },
      relation: 'supports',
    });
    return { store, doc, annotation, memo, collection: collection!, variable: variables[0]!, link: links.links[0]! };
  }

  /** Rows that change each kind (as another machine would), from this library's own versions. */
  async function remoteRows(store: LibraryStore, ids: string[]): Promise<RemoteRow[]> {
    const local = await readLocalDocs(store, ids);
    return ids.map((id) => {
      const { kind, body } = local.get(id)!;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a body of any kind, changed where it says
      const there = structuredClone(body!) as any;
      if (kind === 'memo') there.body += ' (there)';
      else if (kind === 'document') there.metadata!.title += ' (there)';
      else if (kind === 'annotation') there.body!.note += ' (there)';
      else if (kind === 'collection') there.collection!.name += ' (there)';
      else if (kind === 'variable') there.variable!.name += ' (there)';
      else if (kind === 'link') there.note += ' (there)';
      else if (kind === 'principle') there.name += ' (there)';
      else throw new Error(`No change made for ${kind}.`);
      return { id, kind, rev: '9-there', body: there as SyncBody };
    });
  }

  it('never overwrites an edit made here while the server’s version of it was being applied', async () => {
    const { store, doc, annotation, memo, collection, variable, link } = await library();
    const principle = PARIS_CALL_CODEBOOK.principles[0]!;
    const ids = [
      docIds.memo(memo.id),
      docIds.document(doc.id),
      docIds.annotation(annotation),
      docIds.collection(collection.id),
      docIds.variable(variable.id),
      docIds.link(link.id),
      docIds.principle(principle.id),
    ];
    const rows = await remoteRows(store, ids);
    const before = await readLocalDocs(store, ids);

    // Meanwhile, here: every one of them edited.
    await store.memos.edit({ op: 'update', id: memo.id, title: 'Memo', body: 'edited here', target: memo.target });
    await store.updateMetadata(doc.id, { ...doc.metadata, title: 'Edited here' });
    await store.saveAnnotation({ ...annotation, body: { ...annotation.body, note: 'edited here' } });
    await store.collections.edit({ op: 'rename', id: collection.id, name: 'Edited here' });
    await store.variables.edit({ op: 'update', id: variable.id, name: 'Edited here', choices: [] });
    await store.links.edit({ op: 'update', id: link.id, note: 'edited here' });
    await store.saveCodebook({ ...store.getCodebook(), principles: store.getCodebook().principles.map((p) => (p.id === principle.id ? { ...p, name: 'Edited here' } : p)) });

    const result = await applyRows({ store, remote: NO_SERVER, expect: () => undefined, before }, rows);
    expect(result.applied).toEqual([]);
    expect(result.deferred.map((d) => d.id).sort()).toEqual([...ids].sort());
    for (const d of result.deferred) expect(d.message).toBe(CHANGED_HERE);

    expect(store.memos.list()[0]!.body).toBe('edited here');
    expect(store.getDocument(doc.id).metadata.title).toBe('Edited here');
    expect((await store.listAnnotations(doc.id)).find((a) => a.id === annotation.id)!.body.note).toBe('edited here');
    expect(store.collections.list()[0]!.name).toBe('Edited here');
    expect(store.variables.get().variables[0]!.name).toBe('Edited here');
    expect(store.links.stored().links[0]!.note).toBe('edited here');
    expect(store.getCodebook().principles.find((p) => p.id === principle.id)!.name).toBe('Edited here');
  });

  it('a new file from the server never overwrites an annotation or details changed here while it was fetched', async () => {
    const { store, doc, annotation } = await library();
    const newer = textDocument('A first paragraph about norms, revised.', 'Norms');
    const id = docIds.document(doc.id);
    const before = await readLocalDocs(store, [id]);
    const there = structuredClone(before.get(id)!.body!) as unknown as Record<string, unknown>;
    Object.assign(there, { contentHash: newer.contentHash, originalName: 'Norms v2.txt', size: newer.bytes.byteLength });
    const row: RemoteRow = { id, kind: 'document', rev: '9-there', body: there as unknown as SyncBody };
    let edit: Promise<unknown> = Promise.resolve();
    const remote = {
      // While the new file travels, the user edits here; each edit is queued before the replace.
      get: async () => {
        edit = store.saveAnnotation({ ...annotation, body: { ...annotation.body, note: 'edited while the file travelled' } });
        return {
          _id: 'file',
          _rev: '1-x',
          _attachments: { original: { data: Buffer.from(newer.bytes) }, text: { data: Buffer.from(JSON.stringify(newer.text)) } },
        };
      },
    } as unknown as RemoteDb;

    await applyRows({ store, remote, expect: () => undefined, before }, [row]);
    await edit;
    expect((await store.listAnnotations(doc.id)).find((a) => a.id === annotation.id)!.body.note).toBe('edited while the file travelled');

    // Details edited here meanwhile: the server's new file is refused, not applied over them.
    const again = await readLocalDocs(store, [id]);
    const newest = textDocument('A first paragraph about norms, revised twice.', 'Norms');
    const there2 = structuredClone(again.get(id)!.body!) as unknown as Record<string, unknown>;
    Object.assign(there2, { contentHash: newest.contentHash, originalName: 'Norms v3.txt', size: newest.bytes.byteLength });
    const remote2 = {
      get: async () => {
        edit = store.updateMetadata(doc.id, { ...store.getDocument(doc.id).metadata, title: 'Retitled here' });
        return {
          _id: 'file',
          _rev: '1-x',
          _attachments: { original: { data: Buffer.from(newest.bytes) }, text: { data: Buffer.from(JSON.stringify(newest.text)) } },
        };
      },
    } as unknown as RemoteDb;
    const result = await applyRows({ store, remote: remote2, expect: () => undefined, before: again }, [{ id, kind: 'document', rev: '10-there', body: there2 as unknown as SyncBody }]);
    await edit;
    expect(result.deferred.map((d) => d.message)).toEqual([CHANGED_HERE]);
    expect(store.getDocument(doc.id).metadata.title).toBe('Retitled here');
    expect(store.getDocument(doc.id).originalName).toBe('Norms v2.txt');
  });

  it('applies what was not changed here, beside what was, in the same write', async () => {
    const { store, memo } = await library();
    const [first, second] = PARIS_CALL_CODEBOOK.principles;
    const ids = [docIds.principle(first!.id), docIds.principle(second!.id), docIds.memo(memo.id)];
    const rows = await remoteRows(store, ids);
    const before = await readLocalDocs(store, ids);
    await store.saveCodebook({ ...store.getCodebook(), principles: store.getCodebook().principles.map((p) => (p.id === first!.id ? { ...p, name: 'Edited here' } : p)) });

    const result = await applyRows({ store, remote: NO_SERVER, expect: () => undefined, before }, rows);
    expect(result.deferred.map((d) => d.id)).toEqual([docIds.principle(first!.id)]);
    expect(result.applied.map((a) => a.id).sort()).toEqual([docIds.principle(second!.id), docIds.memo(memo.id)].sort());
    const principles = store.getCodebook().principles;
    expect(principles.find((p) => p.id === first!.id)!.name).toBe('Edited here');
    expect(principles.find((p) => p.id === second!.id)!.name).toBe(`${second!.name} (there)`);
    expect(store.memos.list()[0]!.body).toBe('first (there)');
  });
});
