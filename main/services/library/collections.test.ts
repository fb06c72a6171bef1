// Collections and document tags in the store: written through atomically, read back, checked at open
// (damaged files and bad entries go to the quarantine, the rest is kept), and kept across a trash and
// an Undo.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { collectionEditSchema, documentTagEditSchema } from '../../../shared/collections/edit';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import type { LibraryChange } from '../../../shared/library-changes';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const collectionEdit = (raw: unknown) => collectionEditSchema.parse(raw);
const tagEdit = (raw: unknown) => documentTagEditSchema.parse(raw);

/** A library with two documents, a collection "EU" holding both with "Commission" inside it, and tags. */
async function organisedLibrary(dir: string) {
  const store = await open(dir);
  const one = await store.addDocument(sampleDocument());
  const two = await store.addDocument(sampleDocument({ contentHash: 'b'.repeat(64), metadata: { ...sampleDocument().metadata, title: 'Second' } }));
  let collections = await store.collections.edit(collectionEdit({ op: 'create', name: 'EU', parentId: null }));
  const eu = collections[0]!.id;
  collections = await store.collections.edit(collectionEdit({ op: 'create', name: 'Commission', parentId: eu }));
  const commission = collections[1]!.id;
  await store.collections.edit(collectionEdit({ op: 'addDocuments', id: eu, documentIds: [one.id, two.id] }));
  await store.collections.edit(collectionEdit({ op: 'addDocuments', id: commission, documentIds: [two.id] }));
  await store.collections.editTags(tagEdit({ op: 'add', documentIds: [one.id], tags: ['followup', 'core'] }));
  return { store, one, two, eu, commission };
}

async function quarantineFolders(dir: string): Promise<string[]> {
  return readdir(path.join(dir, 'quarantine')).catch(() => []);
}

describe('collections and document tags in the library', () => {
  const tempDir = useTempDir();

  it('are plain JSON files, written through at once and read back at open', async () => {
    const dir = await tempDir();
    const { store, one, two, eu, commission } = await organisedLibrary(dir);
    await store.close();
    const file = await readJson(path.join(dir, 'collections.json'));
    expect(file).toMatchObject({ version: 1, collections: [{ id: eu, name: 'EU', parentId: null, documentIds: [one.id, two.id] }, { id: commission, parentId: eu }] });
    expect(await readJson(path.join(dir, 'document-tags.json'))).toEqual({ version: 1, documents: { [one.id]: ['followup', 'core'] } });

    const again = await open(dir);
    expect(again.collections.list().map((c) => c.name)).toEqual(['EU', 'Commission']);
    expect(again.collections.documentTags()).toEqual({ [one.id]: ['followup', 'core'] });
    expect((await again.health()).issues).toEqual([]);
    await again.close();
  });

  it('tells its followers of each change after the write, and changes nothing when an edit is refused', async () => {
    const dir = await tempDir();
    const { store, eu, one } = await organisedLibrary(dir);
    const seen: LibraryChange[] = [];
    store.changes.subscribe((change) => seen.push(change));
    const renamed = await store.collections.edit(collectionEdit({ op: 'rename', id: eu, name: 'European Union' }));
    await expect(store.collections.edit(collectionEdit({ op: 'addDocuments', id: eu, documentIds: ['no-such-document'] }))).rejects.toThrow(
      'A document is no longer in the library.',
    );
    expect(seen).toEqual([{ kind: 'collections.changed', collections: renamed }]);
    const tags = await store.collections.editTags(tagEdit({ op: 'remove', documentIds: [one.id], tags: ['core'] }));
    expect(seen[1]).toEqual({ kind: 'documentTags.changed', tags });
    expect((await readJson(path.join(dir, 'collections.json'))).collections).toMatchObject([{ name: 'European Union' }, { name: 'Commission' }]);
    await store.close();
  });

  it('keeps a trashed document in its collections and tags, so Undo puts it back where it was', async () => {
    const dir = await tempDir();
    const { store, one, eu } = await organisedLibrary(dir);
    await store.saveAnnotation(sampleAnnotation(one.id));
    const seen: LibraryChange[] = [];
    store.changes.subscribe((change) => seen.push(change));
    await store.deleteDocument(one.id);
    expect(store.listDocuments().map((d) => d.id)).not.toContain(one.id);
    await expect(store.collections.edit(collectionEdit({ op: 'addDocuments', id: eu, documentIds: [one.id] }))).rejects.toThrow(/no longer in the library/);

    const [restored] = await store.restoreDocuments([one.id]);
    expect(restored!.id).toBe(one.id);
    expect(await store.listAnnotations(one.id)).toHaveLength(1);
    expect(seen.map((c) => c.kind)).toEqual(['document.deleted', 'document.restored']);
    expect(seen[1]).toMatchObject({ document: { id: one.id }, annotations: [{ id: 'ann-1' }] });
    expect(store.collections.list()[0]!.documentIds).toContain(one.id);
    expect(store.collections.documentTags()[one.id]).toEqual(['followup', 'core']);
    expect(await readdir(path.join(dir, 'trash'))).toEqual([]);
    await expect(store.restoreDocuments(['not-trashed'])).rejects.toThrow('Document not-trashed is not in the trash.');
    await store.close();
    // And it is a whole document again at the next open.
    const again = await open(dir);
    expect(again.getDocument(one.id).metadata.title).toBe('Sample');
    expect((await again.health()).issues).toEqual([]);
    await again.close();
  });

  it('leaves a trashed document in the trash if the codebook has lost a code its passages link to', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    await store.saveAnnotation(sampleAnnotation(doc.id));
    await store.deleteDocument(doc.id);
    // Nothing links to the principle any more (the document is in the trash), so the codebook may drop it.
    await store.saveCodebook({ ...PARIS_CALL_CODEBOOK, principles: PARIS_CALL_CODEBOOK.principles.filter((p) => p.id !== 'international-norms') });
    await expect(store.restoreDocuments([doc.id])).rejects.toThrow(/codebook no longer has, so it was left in the trash/);
    expect(await readdir(path.join(dir, 'trash'))).toHaveLength(1);
    expect(store.listDocuments()).toEqual([]);
    await store.close();
  });
});

describe('the check at open, for collections and document tags', () => {
  const tempDir = useTempDir();

  it('moves a file that is not JSON into the quarantine, with a note, and opens without it', async () => {
    const dir = await tempDir();
    const { store, one } = await organisedLibrary(dir);
    await store.close();
    await writeFile(path.join(dir, 'collections.json'), '{"version": 1, "collections": [');

    const again = await open(dir);
    expect(again.collections.list()).toEqual([]);
    expect(again.collections.documentTags()[one.id]).toEqual(['followup', 'core']);
    const health = await again.health();
    expect(health.issues).toMatchObject([{ kind: 'unreadable-collections', path: 'collections.json', message: 'collections.json is not valid JSON.' }]);
    expect(health.issues[0]!.action).toMatch(/no collections/);
    const [folder] = await quarantineFolders(dir);
    expect(await readFile(path.join(dir, 'quarantine', folder!, 'collections.json'), 'utf8')).toBe('{"version": 1, "collections": [');
    expect(await readFile(path.join(dir, 'quarantine', folder!, 'NOTE.txt'), 'utf8')).toMatch(/To put it back: repair collections.json/);
    // A new collection starts a new file; the damaged one stays in the quarantine.
    await again.collections.edit(collectionEdit({ op: 'create', name: 'Fresh', parentId: null }));
    await again.close();
    expect((await readJson(path.join(dir, 'collections.json'))).collections).toMatchObject([{ name: 'Fresh' }]);
  });

  it('sets aside only the bad entries, repairs a lost parent, and rewrites the file once they are safe', async () => {
    const dir = await tempDir();
    const { store, one, eu, commission } = await organisedLibrary(dir);
    await store.close();
    const file = path.join(dir, 'collections.json');
    const json = await readJson(file);
    const [euEntry, commissionEntry] = json.collections as Record<string, unknown>[];
    json.collections = [{ ...euEntry, name: '' }, commissionEntry, { id: 'x', name: 'Loose', parentId: 'gone', documentIds: [one.id, one.id], created: '' }];
    await writeFile(file, JSON.stringify(json));
    const tagsFile = path.join(dir, 'document-tags.json');
    await writeFile(tagsFile, JSON.stringify({ version: 1, documents: { [one.id]: ['ok'], '../escape': ['x'], other: 'not a list' } }));

    const again = await open(dir);
    expect(again.collections.list()).toMatchObject([
      { id: commission, parentId: null },
      { id: 'x', parentId: null, documentIds: [one.id] },
    ]);
    expect(again.collections.documentTags()).toEqual({ [one.id]: ['ok'] });
    const kinds = (await again.health()).issues.map((i) => `${i.kind} ${i.path}`);
    expect(kinds).toEqual(['invalid-collections collections.json', 'repaired-collections collections.json', 'invalid-collections document-tags.json']);
    const kept = await quarantineFolders(dir);
    expect(kept).toHaveLength(3);
    const invalid = kept.find((f) => f.includes('invalid-collections') && f.includes('collections'))!;
    const setAside = await readJson(path.join(dir, 'quarantine', invalid, 'collections.json'));
    expect(JSON.stringify(setAside)).toContain(eu);
    await again.close();
    // Rewritten: the next open finds nothing more to do.
    expect((await readJson(file)).collections).toHaveLength(2);
    const third = await open(dir);
    expect((await third.health()).issues).toEqual([]);
    await third.close();
  });

  it('moves aside a file of the wrong shape', async () => {
    const dir = await tempDir();
    await (await open(dir)).close();
    await writeFile(path.join(dir, 'document-tags.json'), JSON.stringify({ version: 2, documents: {} }));
    const store = await open(dir);
    expect((await store.health()).issues).toMatchObject([{ kind: 'unreadable-collections', path: 'document-tags.json' }]);
    expect(await readdir(dir)).not.toContain('document-tags.json');
    await store.close();
  });
});
