// Memos in the store: written through atomically to memos.json, read back, published as memos.changed
// after the write, and checked at open (a damaged file or bad memos go to the quarantine, the rest is kept).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { LibraryChange } from '../../../shared/library-changes';
import { memoEditSchema } from '../../../shared/memos/edit';
import { sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import * as atomic from './atomic';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const edit = (raw: unknown) => memoEditSchema.parse(raw);

describe('memos in the library', () => {
  const tempDir = useTempDir();

  it('are written to memos.json at once, published after the write, and read back at open', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    const seen: LibraryChange[] = [];
    store.changes.subscribe((change) => seen.push(change));
    const onDoc = await store.memos.edit(edit({ op: 'create', title: 'Reading notes', body: '**Key** claim', target: { kind: 'document', documentId: doc.id } }));
    const project = await store.memos.edit(edit({ op: 'create', title: 'Research question', body: '', target: { kind: 'project' } }));
    const changed = await store.memos.edit(edit({ op: 'update', id: onDoc.id, title: 'Reading notes', body: 'Rewritten', target: { kind: 'principle', principleId: 'international-norms' } }));
    expect(changed).toMatchObject({ id: onDoc.id, created: onDoc.created, body: 'Rewritten', target: { kind: 'principle' } });
    expect(seen).toEqual([
      { kind: 'memos.changed', changed: [onDoc], removed: [] },
      { kind: 'memos.changed', changed: [project], removed: [] },
      { kind: 'memos.changed', changed: [changed], removed: [] },
    ]);
    await store.close();
    expect(await readJson(path.join(dir, 'memos.json'))).toEqual({ version: 1, memos: [changed, project] });

    const again = await open(dir);
    expect(again.memos.list().map((m) => m.title).sort()).toEqual(['Reading notes', 'Research question']);
    expect((await again.health()).issues).toEqual([]);
    await again.close();
  });

  it('deletes a memo and brings it back exactly as it was (Undo)', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const memo = await store.memos.edit(edit({ op: 'create', title: 'Draft', body: 'text', target: { kind: 'actor', actorId: 'france' } }));
    const seen: LibraryChange[] = [];
    store.changes.subscribe((change) => seen.push(change));
    await store.memos.edit(edit({ op: 'delete', id: memo.id }));
    expect(store.memos.list()).toEqual([]);
    await expect(store.memos.edit(edit({ op: 'delete', id: memo.id }))).rejects.toThrow('That memo no longer exists');
    await store.memos.edit(edit({ op: 'restore', memo }));
    await expect(store.memos.edit(edit({ op: 'restore', memo }))).rejects.toThrow('“Draft” is already in the library.');
    expect(store.memos.list()).toEqual([memo]);
    expect(seen).toEqual([
      { kind: 'memos.changed', changed: [], removed: [memo.id] },
      { kind: 'memos.changed', changed: [memo], removed: [] },
    ]);
    await store.close();
  });

  it('changes nothing, in memory or on disk, when the write fails', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.memos.edit(edit({ op: 'create', title: 'Kept', body: '', target: { kind: 'project' } }));
    const seen: LibraryChange[] = [];
    store.changes.subscribe((change) => seen.push(change));
    const spy = vi.spyOn(atomic, 'writeJsonAtomic').mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    await expect(store.memos.edit(edit({ op: 'create', title: 'Lost', body: '', target: { kind: 'project' } }))).rejects.toThrow('ENOSPC');
    spy.mockRestore();
    expect(store.memos.list().map((m) => m.title)).toEqual(['Kept']);
    expect(seen).toEqual([]);
    await store.close();
    expect((await readJson(path.join(dir, 'memos.json'))).memos).toMatchObject([{ title: 'Kept' }]);
  });

  it('refuses a memo without a title, with a message in words', () => {
    expect(memoEditSchema.safeParse({ op: 'create', title: '  ', body: '', target: { kind: 'project' } }).error?.issues[0]?.message).toBe('a memo needs a title');
    expect(memoEditSchema.safeParse({ op: 'create', title: 'x', body: '', target: { kind: 'document', documentId: '../x' } }).success).toBe(false);
  });
});

describe('the check at open, for memos', () => {
  const tempDir = useTempDir();

  it('moves a memos.json that is not JSON into the quarantine and opens without it', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.memos.edit(edit({ op: 'create', title: 'One', body: '', target: { kind: 'project' } }));
    await store.close();
    await writeFile(path.join(dir, 'memos.json'), '{"version": 1, "memos": [');
    const again = await open(dir);
    expect(again.memos.list()).toEqual([]);
    const health = await again.health();
    expect(health.issues).toMatchObject([{ kind: 'unreadable-memos', path: 'memos.json', message: 'memos.json is not valid JSON.' }]);
    const [folder] = await readdir(path.join(dir, 'quarantine'));
    expect(await readFile(path.join(dir, 'quarantine', folder!, 'memos.json'), 'utf8')).toBe('{"version": 1, "memos": [');
    await again.close();
  });

  it('sets aside only the bad memos, keeps the others, and rewrites the file once they are safe', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const good = await store.memos.edit(edit({ op: 'create', title: 'Good', body: 'kept', target: { kind: 'document', documentId: 'gone-document' } }));
    await store.close();
    const file = path.join(dir, 'memos.json');
    const json = await readJson(file);
    json.memos = [good, { ...good, title: 'Twin' }, { ...good, id: 'bad', title: '' }, 'not a memo'];
    await writeFile(file, JSON.stringify(json));

    const again = await open(dir);
    // A memo about a document that is not there is kept: nothing the user wrote is dropped.
    expect(again.memos.list()).toEqual([good]);
    const issues = (await again.health()).issues;
    expect(issues.map((i) => `${i.kind} ${i.path}`)).toEqual(['invalid-memos memos.json']);
    expect(issues[0]!.message).toBe('memos.json held 3 entries that are not valid (the id ' + good.id + ' is used by another memo; …).');
    const [folder] = await readdir(path.join(dir, 'quarantine'));
    expect(await readFile(path.join(dir, 'quarantine', folder!, 'memos.json'), 'utf8')).toContain('Twin');
    await again.close();
    expect((await readJson(file)).memos).toEqual([good]);
    const third = await open(dir);
    expect((await third.health()).issues).toEqual([]);
    await third.close();
  });
});
