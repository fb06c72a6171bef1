// Links between passages through a real CouchDB-protocol server (express-pouchdb on 127.0.0.1): one
// CouchDB document per link and one for the list of relations; a deleted link is a tombstone; a link
// that arrives before its passages is kept (hidden) and comes to life when they arrive.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { LibraryStore } from '../library/store';
import { sampleAnnotation } from '../../test-support/fixtures';
import { eventually, textDocument, useSyncServer } from '../../test-support/sync-libraries';

describe('links between passages through CouchDB', () => {
  const { server, tempDir, newDb, library } = useSyncServer('links');

  it('brings a link and its relation to the other library, edits back, and a deletion as a tombstone', async () => {
    const db = newDb();
    const a = await library(db);
    const b = await library(db);
    const doc = await a.store.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    const from = await a.store.saveAnnotation(sampleAnnotation(doc.id, { id: 'from' }));
    const to = await a.store.saveAnnotation(sampleAnnotation(doc.id, { id: 'to' }));
    await a.store.links.edit({ op: 'setRelations', relations: ['supports', 'qualifies'] });
    const state = await a.store.links.edit({
      op: 'create',
      from: { documentId: doc.id, annotationId: from.id },
      to: { documentId: doc.id, annotationId: to.id },
      relation: 'qualifies',
      note: 'narrows it',
    });
    const link = state.links[0]!;

    await eventually(async () => (await b.store.links.list()).links.length === 1, 'the link to reach B');
    const received = await b.store.links.list();
    expect(received.relations).toEqual(['supports', 'qualifies']);
    expect(received.links[0]).toMatchObject({ id: link.id, relation: 'qualifies', note: 'narrows it', status: 'live', created: link.created });
    expect(received.links[0]!.from.quote).toBe('norms');

    await b.store.links.edit({ op: 'update', id: link.id, note: 'narrows it a lot' });
    await eventually(async () => (await a.store.links.list()).links[0]?.note === 'narrows it a lot', 'the edit to reach A');

    await a.store.links.edit({ op: 'delete', id: link.id });
    await eventually(async () => (await b.store.links.list()).links.length === 0, 'the deletion to reach B');
    // On the server, a tombstone: the link's document is deleted, not left as it was.
    const held = await server.database(db).get(`link:${link.id}`).catch((error: { status?: number; reason?: string }) => error);
    expect(held).toMatchObject({ status: 404, reason: 'deleted' });
    expect(b.store.links.stored().links).toEqual([]);

    await a.sync.settled();
    await b.sync.settled();
    expect(b.sync.status()).toMatchObject({ waiting: 0, conflicts: 0, notAppliedCount: 0, error: null });
  });

  it('keeps a link whose passages have not arrived, hidden, and shows it once they do', async () => {
    const db = newDb();
    // A library whose document and highlights are not on the server yet (it has not connected).
    const aDir = await tempDir();
    const offline = await LibraryStore.open(path.join(aDir, 'library'), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const doc = await offline.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    await offline.saveAnnotation(sampleAnnotation(doc.id, { id: 'from' }));
    await offline.saveAnnotation(sampleAnnotation(doc.id, { id: 'to' }));
    await offline.close();

    const b = await library(db);
    // A link between those highlights reaches the server first (made by a third library).
    const link = {
      id: 'link-early',
      from: { documentId: doc.id, annotationId: 'from' },
      to: { documentId: doc.id, annotationId: 'to' },
      relation: 'contrasts with',
      note: '',
      created: '2026-02-01T00:00:00.000Z',
      modified: '2026-02-01T00:00:00.000Z',
    };
    await server.database(db).put({ _id: 'link:link-early', kind: 'link', body: link } as never);
    await eventually(() => b.store.links.stored().links.length === 1, 'the link to be kept on B');
    expect(b.store.links.stored().links[0]).toEqual({ ...link, detached: true });
    expect((await b.store.links.list()).links).toEqual([]);
    // Its relation joined the list, as the check of links.json adds a relation a link uses.
    expect(b.store.links.stored().relations).toContain('contrasts with');
    expect(b.sync.status().notAppliedCount).toBe(0);

    const a = await library(db, aDir);
    await eventually(() => b.store.links.stored().links[0]?.detached === undefined, 'the link to come alive on B once its passages arrived');
    expect(b.store.links.stored().links[0]).toEqual(link);
    expect((await b.store.links.list()).links[0]).toMatchObject({ id: link.id, status: 'live', from: { quote: 'norms' } });
    await eventually(async () => (await a.store.links.list()).links[0]?.status === 'live', 'the link to reach A, whose passages it links');
    await a.sync.settled();
    await b.sync.settled();
    // Nothing went back to the server as a change: hidden-then-live is each machine's own business.
    const held = (await server.database(db).get('link:link-early')) as unknown as { _rev: string };
    expect(held._rev.startsWith('1-')).toBe(true);
  });
});
