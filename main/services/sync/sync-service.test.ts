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
    expect(conflicts[0]!.merge).toBe('all codes, tags and both notes');
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

  it('keeps both versions of a memo, document details, a principle, a variable and tags changed on both sides, each said in words, and ends each', async () => {
    const url = server.url('service-3');
    const a = await open(await tempDir());
    const b = await open(await tempDir());
    await a.sync.connect({ url, username: '', password: '' });
    await b.sync.connect({ url, username: '', password: '' });
    const doc = await a.store.addDocument(textDocument('A first paragraph about norms.', 'Norms'));
    const memo = await a.store.memos.edit({ op: 'create', title: 'Reading notes', body: 'Start.', target: { kind: 'project' } });
    const { variables } = await a.store.variables.edit({ op: 'create', name: 'Country', type: 'text', choices: [] });
    const variable = variables[0]!;
    const principle = PARIS_CALL_CODEBOOK.principles.find((p) => p.id === 'international-norms')!;
    await eventually(() => b.store.hasDocument(doc.id) && b.store.memos.list().length === 1 && b.store.variables.get().variables.length === 1, 'everything to arrive');
    await eventually(() => a.sync.view().status?.phase === 'idle' && b.sync.view().status?.phase === 'idle', 'both to settle');

    await server.stop();
    try {
      for (const [lib, who] of [[a, 'A'], [b, 'B']] as const) {
        await lib.store.memos.edit({ op: 'update', id: memo.id, title: 'Reading notes', body: `${who} thinks so.`, target: memo.target });
        await lib.store.updateMetadata(doc.id, { ...doc.metadata, title: `Norms (${who})` });
        const codebook = lib.store.getCodebook();
        await lib.store.saveCodebook({ ...codebook, principles: codebook.principles.map((p) => (p.id === principle.id ? { ...p, description: `As ${who} reads it.` } : p)) });
        await lib.store.variables.edit({ op: 'update', id: variable.id, name: `Country (${who})`, choices: [] });
        await lib.store.collections.editTags({ op: 'add', documentIds: [doc.id], tags: [`from-${who.toLowerCase()}`] });
      }
    } finally {
      await server.start();
    }
    await eventually(() => a.sync.view().status?.conflicts === 5 && b.sync.view().status?.conflicts === 5, 'the conflicts to be listed on both', 60_000);
    const conflicts = await b.sync.conflicts();
    const byLabel = new Map(conflicts.map((c) => [c.label.replace(/“.*”/, '“…”'), c]));
    expect([...byLabel.keys()].sort()).toEqual(['Details of “…”', 'Document variable “…”', 'Memo “…”', 'Principle “…”', 'Tags of “…”']);
    const summaries = (label: string) => byLabel.get(label)!.versions.map((v) => v.summary).sort();
    expect(summaries('Memo “…”')).toEqual(['“Reading notes” · A thinks so.', '“Reading notes” · B thinks so.']);
    expect(summaries('Details of “…”')).toEqual(['“Norms (A)”', '“Norms (B)”']);
    expect(summaries('Principle “…”')[0]).toBe(`${principle.name} · at the top · definition: As A reads it. · colour ${principle.color}`);
    expect(summaries('Document variable “…”')).toEqual(['Country (A) · text', 'Country (B) · text']);
    expect(summaries('Tags of “…”')).toEqual(['Tags: from-a', 'Tags: from-b']);
    // Merged where both make sense together; otherwise one is kept.
    expect(Object.fromEntries([...byLabel].map(([label, c]) => [label, c.merge]))).toEqual({
      'Details of “…”': null,
      'Document variable “…”': null,
      'Memo “…”': 'both texts, one after the other',
      'Principle “…”': null,
      'Tags of “…”': 'every tag of each',
    });
    await expect(b.sync.resolve(byLabel.get('Principle “…”')!.id, { merge: true })).rejects.toThrow(/cannot be merged: keep one/);

    await b.sync.resolve(byLabel.get('Memo “…”')!.id, { merge: true });
    await b.sync.resolve(byLabel.get('Tags of “…”')!.id, { merge: true });
    const keep = (label: string, text: string) => {
      const conflict = byLabel.get(label)!;
      return b.sync.resolve(conflict.id, { rev: conflict.versions.find((v) => v.summary.includes(text))!.rev });
    };
    await keep('Details of “…”', 'Norms (B)');
    await keep('Principle “…”', 'As A reads it.');
    await keep('Document variable “…”', 'Country (A)');

    for (const lib of [a, b]) {
      await eventually(() => lib.store.memos.list()[0]!.body === 'A thinks so.\n\n---\n\nB thinks so.' || lib.store.memos.list()[0]!.body === 'B thinks so.\n\n---\n\nA thinks so.', 'the merged memo on both');
      await eventually(() => [...(lib.store.collections.documentTags()[doc.id] ?? [])].sort().join() === 'from-a,from-b', 'the merged tags on both');
      await eventually(() => lib.store.getDocument(doc.id).metadata.title === 'Norms (B)', 'the kept title on both');
      await eventually(() => lib.store.getCodebook().principles.find((p) => p.id === principle.id)!.description === 'As A reads it.', 'the kept definition on both');
      await eventually(() => lib.store.variables.get().variables[0]!.name === 'Country (A)', 'the kept variable on both');
    }
    await eventually(() => a.sync.view().status?.conflicts === 0 && b.sync.view().status?.conflicts === 0, 'the conflicts to be gone on both');
    expect(a.store.memos.list()[0]!.body).toBe(b.store.memos.list()[0]!.body);
  });
});
