// Connecting a library to a server, the password kept apart from the library, and conflicts resolved
// by the user: keep one version, or merge annotations.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { CouchServer } from '../../test-support/couch-server';
import { sampleAnnotation } from '../../test-support/fixtures';
import { eventually, textDocument } from '../../test-support/sync-libraries';
import { useTempDir } from '../../test-support/temp';
import { LibraryStore } from '../library/store';
import { hostSecretStore } from './secrets';
import { SyncService } from './sync-service';

describe('connecting a library to a CouchDB database', () => {
  const tempDir = useTempDir();
  const server = new CouchServer();
  const opened: { store: LibraryStore; sync: SyncService }[] = [];
  const open = async (dir: string) => {
    const store = await LibraryStore.open(path.join(dir, 'library'), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const sync = await SyncService.open(store, { dataDir: path.join(dir, 'data'), secrets: hostSecretStore(path.join(dir, 'data')) });
    const entry = { store, sync };
    opened.push(entry);
    return entry;
  };
  const close = async (entry: { store: LibraryStore; sync: SyncService }) => {
    opened.splice(opened.indexOf(entry), 1);
    await entry.sync.close();
    await entry.store.close();
  };

  beforeAll(async () => {
    await server.start();
  });
  afterEach(async () => {
    for (const entry of opened.splice(0)) {
      await entry.sync.close();
      await entry.store.close();
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  it('does nothing for a library never connected, and refuses a server it cannot reach, in words', async () => {
    const dir = await tempDir();
    const { sync } = await open(dir);
    expect(sync.view()).toEqual({ connection: null, status: null });
    await expect(sync.connect({ url: 'http://127.0.0.1:9/nowhere', username: 'u', password: 'p' })).rejects.toThrow(/Could not connect: The server cannot be reached/);
    expect(sync.view()).toEqual({ connection: null, status: null });
    expect(await readdir(path.join(dir, 'library'))).not.toContain('sync');
  });

  it('keeps the password in a 0600 file under the data dir, never in the library, and reconnects at the next open', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.sync.connect({ url: server.url('service-1'), username: 'ana', password: 's3cret-pass' });
    expect(first.sync.view().connection).toEqual({ url: server.url('service-1'), username: 'ana' });
    const secrets = path.join(dir, 'data', 'sync-passwords.json');
    expect((await stat(secrets)).mode & 0o777).toBe(0o600);
    expect(await readFile(secrets, 'utf8')).toContain('s3cret-pass');
    const library = await readdir(path.join(dir, 'library'), { recursive: true });
    for (const name of library) {
      const file = path.join(dir, 'library', name);
      if ((await stat(file)).isFile()) expect(await readFile(file, 'utf8')).not.toContain('s3cret-pass');
    }
    await close(first);

    const again = await open(dir);
    expect(again.sync.view().connection?.username).toBe('ana');
    await eventually(() => again.sync.view().status?.phase === 'idle', 'sync to run again');
    await again.sync.disconnect();
    expect(again.sync.view()).toEqual({ connection: null, status: null });
    expect(await readFile(secrets, 'utf8')).not.toContain('s3cret-pass');
  });

  it('lists a conflict with both versions in words, and ends it with the version chosen or with both merged', async () => {
    const url = server.url('service-2');
    const a = await open(await tempDir());
    const b = await open(await tempDir());
    await a.sync.connect({ url, username: '', password: '' });
    await b.sync.connect({ url, username: '', password: '' });
    const doc = await a.store.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    const first = await a.store.saveAnnotation(sampleAnnotation(doc.id, { id: 'first' }));
    const second = await a.store.saveAnnotation(sampleAnnotation(doc.id, { id: 'second' }));
    await eventually(async () => b.store.hasDocument(doc.id) && (await b.store.listAnnotations(doc.id)).length === 2, 'the annotations to arrive');
    await eventually(() => a.sync.view().status?.phase === 'idle' && b.sync.view().status?.phase === 'idle', 'both to settle');

    await server.stop();
    try {
      for (const annotation of [first, second]) {
        await a.store.saveAnnotation({ ...annotation, body: { ...annotation.body, note: 'A', tags: ['from-a'] } });
        await b.store.saveAnnotation({ ...annotation, body: { ...annotation.body, note: 'B', tags: ['from-b'] } });
      }
    } finally {
      await server.start();
    }
    await eventually(() => a.sync.view().status?.conflicts === 2 && b.sync.view().status?.conflicts === 2, 'the conflicts to be listed', 60_000);
    const conflicts = await a.sync.conflicts();
    expect(conflicts).toHaveLength(2);
    expect(conflicts[0]!.label).toBe('Annotation in “Norms”');
    expect(conflicts[0]!.mergeable).toBe(true);
    expect(conflicts[0]!.versions.map((v) => v.summary.match(/note: (\w)/)?.[1]).sort()).toEqual(['A', 'B']);
    // Principle ids are shown by their names.
    expect(conflicts[0]!.versions[0]!.summary).toContain(PARIS_CALL_CODEBOOK.principles.find((p) => p.id === 'international-norms')!.name);

    const onFirst = conflicts.find((c) => c.id.endsWith(':first'))!;
    const keptB = onFirst.versions.find((v) => v.summary.includes('note: B'))!;
    await a.sync.resolve(onFirst.id, { rev: keptB.rev });
    await b.sync.resolve(conflicts.find((c) => c.id.endsWith(':second'))!.id, { merge: true });

    const note = async (lib: { store: LibraryStore }, id: string) => (await lib.store.listAnnotations(doc.id)).find((x) => x.id === id)!.body;
    await eventually(async () => (await note(b, 'first')).note === 'B' && (await note(a, 'first')).note === 'B', 'the kept version on both');
    await eventually(async () => (await note(a, 'second')).note.split('\n\n').sort().join() === 'A,B', 'the merge to reach A');
    expect([...(await note(a, 'second')).tags].sort()).toEqual(['from-a', 'from-b']);
    expect(await note(b, 'second')).toEqual(await note(a, 'second'));
    await eventually(() => a.sync.view().status?.conflicts === 0 && b.sync.view().status?.conflicts === 0, 'the conflicts to be gone on both');
  });
});
