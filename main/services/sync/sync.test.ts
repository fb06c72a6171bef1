// Two libraries syncing through a real CouchDB-protocol server on 127.0.0.1 (express-pouchdb over an
// in-memory PouchDB): what one does arrives at the other, through the store, both ways.
import { describe, expect, it } from 'vitest';
import { sampleAnnotation } from '../../test-support/fixtures';
import { eventually, textDocument, useSyncServer, type SyncedLibrary } from '../../test-support/sync-libraries';

describe('sync through CouchDB', () => {
  const { server, newDb, library } = useSyncServer('library');

  it('brings a document, its file and its annotations to the other library, and edits and deletions both ways', async () => {
    const db = newDb();
    const a = await library(db);
    const b = await library(db);
    const doc = await a.store.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    const annotation = await a.store.saveAnnotation(sampleAnnotation(doc.id));

    await eventually(() => b.store.hasDocument(doc.id), 'the document to arrive');
    expect(b.store.getDocument(doc.id).metadata.title).toBe('Norms');
    expect((await b.store.readText(doc.id)).text).toBe('A first paragraph about norms.');
    expect(new TextDecoder().decode(await b.store.readOriginal(doc.id))).toBe('A first paragraph about norms.');
    await eventually(async () => (await b.store.listAnnotations(doc.id)).length === 1, 'the annotation to arrive');
    expect(await b.store.listAnnotations(doc.id)).toEqual([annotation]);

    // An edit on B comes back to A, as made (its time of change kept).
    const edited = await b.store.saveAnnotation({ ...annotation, body: { ...annotation.body, note: 'edited on B' } });
    await eventually(async () => (await a.store.listAnnotations(doc.id))[0]?.body.note === 'edited on B', 'the edit to reach A');
    expect(await a.store.listAnnotations(doc.id)).toEqual([edited]);

    await a.store.updateMetadata(doc.id, { ...doc.metadata, title: 'Norms, renamed' });
    await eventually(() => b.store.getDocument(doc.id).metadata.title === 'Norms, renamed', 'the new title to reach B');

    const memo = await a.store.memos.edit({ op: 'create', title: 'Reading notes', body: 'On *norms*.', target: { kind: 'document', documentId: doc.id } });
    await eventually(() => b.store.memos.list().some((m) => m.id === memo.id), 'the memo to reach B');
    expect(b.store.memos.list()[0]).toMatchObject({ title: 'Reading notes', body: 'On *norms*.', created: memo.created });
    await b.store.memos.edit({ op: 'update', id: memo.id, title: 'Reading notes', body: 'On norms, revised.', target: memo.target });
    await eventually(() => a.store.memos.list()[0]?.body === 'On norms, revised.', 'the memo edit to reach A');

    const [collection] = await a.store.collections.edit({ op: 'create', name: 'Treaties', parentId: null });
    await a.store.collections.edit({ op: 'addDocuments', id: collection!.id, documentIds: [doc.id] });
    await b.store.collections.editTags({ op: 'add', documentIds: [doc.id], tags: ['key-text'] });
    await eventually(() => b.store.collections.list()[0]?.documentIds.includes(doc.id) === true, 'the collection to reach B');
    expect(b.store.collections.list()).toEqual(a.store.collections.list());
    await eventually(() => a.store.collections.documentTags()[doc.id]?.[0] === 'key-text', 'the tag to reach A');

    const { variables } = await a.store.variables.edit({ op: 'create', name: 'Country', type: 'text', choices: [] });
    await a.store.variables.edit({ op: 'set', variableId: variables[0]!.id, documentIds: [doc.id], value: 'France' });
    await eventually(() => b.store.variables.get().values[doc.id]?.[variables[0]!.id] === 'France', 'the variable to reach B');
    expect(b.store.variables.get()).toEqual(a.store.variables.get());

    await a.store.deleteAnnotation(doc.id, annotation.id);
    await eventually(async () => (await b.store.listAnnotations(doc.id)).length === 0, 'the deletion to reach B');

    await b.store.deleteDocument(doc.id);
    await eventually(() => !a.store.hasDocument(doc.id), 'the deleted document to leave A');

    await a.sync.settled();
    await b.sync.settled();
    expect(a.sync.status()).toMatchObject({ phase: 'idle', waiting: 0, conflicts: 0, error: null, notAppliedCount: 0 });
  });

  it('converges after both sides worked while the server was down', async () => {
    const db = newDb();
    const a = await library(db);
    const b = await library(db);
    const doc = await a.store.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    await eventually(() => b.store.hasDocument(doc.id), 'the document to arrive');
    await a.sync.settled();
    await b.sync.settled();

    await server.stop();
    try {
      await a.store.saveAnnotation(sampleAnnotation(doc.id, { id: 'from-a' }));
      await b.store.saveAnnotation(sampleAnnotation(doc.id, { id: 'from-b', body: { ...sampleAnnotation(doc.id).body, note: 'b' } }));
      await b.store.updateMetadata(doc.id, { ...doc.metadata, title: 'Renamed offline' });
      await eventually(() => a.sync.status().phase === 'offline' && b.sync.status().phase === 'offline', 'both to notice');
      expect(a.sync.status().error).toMatch(/cannot be reached/);
      expect(a.sync.status().waiting).toBe(1);
    } finally {
      await server.start();
    }
    const ids = async (lib: SyncedLibrary) => (await lib.store.listAnnotations(doc.id)).map((x) => x.id).sort();
    await eventually(async () => (await ids(a)).length === 2 && (await ids(b)).length === 2, 'both to converge', 60_000);
    expect(await a.store.listAnnotations(doc.id)).toEqual(expect.arrayContaining(await b.store.listAnnotations(doc.id)));
    await eventually(() => a.store.getDocument(doc.id).metadata.title === 'Renamed offline', 'the title to reach A', 60_000);
  });

  it('keeps both versions of an annotation changed on both sides, and lists the conflict on both', async () => {
    const db = newDb();
    const a = await library(db);
    const b = await library(db);
    const doc = await a.store.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    const annotation = await a.store.saveAnnotation(sampleAnnotation(doc.id));
    await eventually(async () => b.store.hasDocument(doc.id) && (await b.store.listAnnotations(doc.id)).length === 1, 'the annotation to arrive');
    await a.sync.settled();
    await b.sync.settled();

    await server.stop();
    try {
      await a.store.saveAnnotation({ ...annotation, body: { ...annotation.body, note: 'A says so' } });
      await b.store.saveAnnotation({ ...annotation, body: { ...annotation.body, note: 'B says otherwise' } });
    } finally {
      await server.start();
    }
    await eventually(() => a.sync.status().conflicts === 1 && b.sync.status().conflicts === 1, 'the conflict to be listed on both', 60_000);
    // Both versions are on the server: the winning one and the other, in _conflicts.
    const held = await server.database(db).get(`annotation:${doc.id}:${annotation.id}`, { conflicts: true });
    expect(held._conflicts).toHaveLength(1);
    const other = (await server.database(db).get(held._id, { rev: held._conflicts![0] })) as unknown as { body: { body: { note: string } } };
    const notes = [(held as unknown as { body: { body: { note: string } } }).body.body.note, other.body.body.note].sort();
    expect(notes).toEqual(['A says so', 'B says otherwise']);
    // Both sides show the same (the server's winning) version meanwhile.
    await eventually(async () => (await a.store.listAnnotations(doc.id))[0]!.body.note === (await b.store.listAnnotations(doc.id))[0]!.body.note, 'both to show the winner');
  });
});
