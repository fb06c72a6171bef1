import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { useTempDir } from '../../test-support/temp';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

describe('LibraryStore', () => {
  const tempDir = useTempDir();

  it('creates a library of plain, readable files', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    expect(store.created).toBe(true);
    const doc = await store.addDocument(sampleDocument());
    await store.close();
    // cache/ holds what the check saw (check-record.ts), so that the next open need not read every file.
    expect((await readdir(dir)).sort()).toEqual(['cache', 'codebook.json', 'documents', 'library.json']);
    expect(await readdir(path.join(dir, 'cache'))).toEqual(['library-check.json']);
    const folder = path.join(dir, 'documents', doc.id);
    expect((await readdir(folder)).sort()).toEqual(['annotations.json', 'meta.json', 'original.txt', 'text.json']);
    expect(await readFile(path.join(folder, 'original.txt'), 'utf8')).toContain('hack-back');
    expect(JSON.parse(await readFile(path.join(dir, 'codebook.json'), 'utf8')).principles).toHaveLength(9);
  });

  it('keeps documents, metadata and annotations across a reopen', async () => {
    const dir = await tempDir();
    let store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    await store.updateMetadata(doc.id, { ...doc.metadata, title: 'Renamed', date: '2018-11-12' });
    const saved = await store.saveAnnotation(sampleAnnotation(doc.id));
    await store.close();

    store = await open(dir);
    expect(store.created).toBe(false);
    expect(store.getDocument(doc.id).metadata).toMatchObject({ title: 'Renamed', date: '2018-11-12' });
    expect(await store.listAnnotations(doc.id)).toEqual([saved]);
    expect((await store.readText(doc.id)).text).toContain('second one');
    expect(new TextDecoder().decode(await store.readOriginal(doc.id))).toContain('hack-back');
    await store.close();
  });

  it('updates and deletes annotations, writing through each time', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    const a = sampleAnnotation(doc.id);
    await store.saveAnnotation(a);
    await store.saveAnnotation({ ...a, body: { ...a.body, note: 'changed' } });
    await store.saveAnnotation({ ...a, id: 'ann-2' });
    const file = path.join(dir, 'documents', doc.id, 'annotations.json');
    expect(JSON.parse(await readFile(file, 'utf8')).annotations.map((x: { body: { note: string } }) => x.body.note)).toEqual([
      'changed',
      'n',
    ]);
    await store.deleteAnnotation(doc.id, 'ann-1');
    expect(JSON.parse(await readFile(file, 'utf8')).annotations).toHaveLength(1);
    await expect(store.deleteAnnotation(doc.id, 'ann-1')).rejects.toThrow(/no annotation/);
    await store.close();
  });

  it('refuses links to principles or actors the codebook does not have', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    const a = sampleAnnotation(doc.id);
    await expect(store.saveAnnotation({ ...a, body: { ...a.body, principles: ['made-up'] } })).rejects.toThrow(/made-up/);
    expect(await store.listAnnotations(doc.id)).toEqual([]);
    await store.close();
  });

  it('moves a deleted document to the trash with its annotations', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    await store.saveAnnotation(sampleAnnotation(doc.id));
    await store.deleteDocument(doc.id);
    expect(store.listDocuments()).toEqual([]);
    const [trashed] = await readdir(path.join(dir, 'trash'));
    expect(trashed).toMatch(new RegExp(`^${doc.id}-`));
    expect(await readFile(path.join(dir, 'trash', trashed!, 'annotations.json'), 'utf8')).toContain('ann-1');
    await store.close();
  });

  it('ignores an unfinished import and reports an unreadable document without losing the rest', async () => {
    const dir = await tempDir();
    let store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    await store.close();
    await mkdir(path.join(dir, 'documents', 'half-imported'));
    await mkdir(path.join(dir, 'documents', 'broken'));
    await writeFile(path.join(dir, 'documents', 'broken', 'meta.json'), '{"id": "broken", "tit');

    store = await open(dir);
    expect(store.listDocuments().map((d) => d.id)).toEqual([doc.id]);
    const problems = store.problems.map((p) => p.message).join('\n');
    expect(problems).toMatch(/import that did not finish/);
    expect(problems).toMatch(/not valid JSON/);
    await store.close();
  });

  it('finds a document by the hash of its original', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    expect(store.findByHash('a'.repeat(64))?.id).toBe(doc.id);
    expect(store.findByHash('b'.repeat(64))).toBeUndefined();
    await store.close();
  });
  it("keeps a PDF's page labels and the user's page offset across a reopen and a new version of its file", async () => {
    const dir = await tempDir();
    let store = await open(dir);
    const pdf = sampleDocument({ format: 'pdf', originalName: 'paper.pdf', pageCount: 2, pageLabels: ['xi', 'xii'] });
    const doc = await store.addDocument(pdf);
    expect(doc.pageLabels).toEqual(['xi', 'xii']);
    const seen: unknown[] = [];
    store.changes.subscribe((change) => seen.push(change));
    const set = await store.updateMetadata(doc.id, doc.metadata, undefined, { pageOffset: 214 });
    expect(set.pageOffset).toBe(214);
    expect(seen).toEqual([{ kind: 'document.metadataChanged', document: set }]);
    // Editing the details without saying anything of the pages keeps the offset.
    expect((await store.updateMetadata(doc.id, { ...doc.metadata, title: 'Renamed' })).pageOffset).toBe(214);
    await store.close();

    store = await open(dir);
    expect(store.getDocument(doc.id)).toMatchObject({ pageLabels: ['xi', 'xii'], pageOffset: 214 });
    const replaced = await store.replaceFile(doc.id, { ...pdf, contentHash: 'c'.repeat(64), pageLabels: null, annotations: () => [] });
    expect(replaced.pageLabels).toBeUndefined();
    expect(replaced.pageOffset).toBe(214);
    const cleared = await store.updateMetadata(doc.id, doc.metadata, undefined, { pageOffset: null });
    expect('pageOffset' in cleared).toBe(false);
    await store.close();
  });

  it('refuses a page offset for a document that is not a PDF, changing nothing', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const doc = await store.addDocument(sampleDocument());
    await expect(store.updateMetadata(doc.id, { ...doc.metadata, title: 'New' }, undefined, { pageOffset: 3 })).rejects.toThrow(/not a PDF/);
    expect(store.getDocument(doc.id)).toEqual(doc);
    await store.close();
  });
});
