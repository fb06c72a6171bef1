import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { HealthIssueKind } from '../../../shared/health';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

/** A library with one document and two annotations, closed again. */
async function library(dir: string) {
  const store = await open(dir);
  const doc = await store.addDocument(sampleDocument());
  await store.saveAnnotation(sampleAnnotation(doc.id));
  await store.saveAnnotation(sampleAnnotation(doc.id, { id: 'ann-2' }));
  await store.close();
  const folder = path.join(dir, 'documents', doc.id);
  return { doc, folder, annotationsFile: path.join(folder, 'annotations.json') };
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

async function quarantined(dir: string): Promise<{ folder: string; files: string[]; note: Record<string, unknown> }[]> {
  const root = path.join(dir, 'quarantine');
  const names = await readdir(root).catch(() => [] as string[]);
  return Promise.all(
    names.map(async (name) => ({
      folder: name,
      files: await readdir(path.join(root, name)),
      note: await readJson(path.join(root, name, 'note.json')),
    })),
  );
}

describe('integrity check at open', () => {
  const tempDir = useTempDir();

  it('finds nothing wrong with a healthy library, and changes nothing', async () => {
    const dir = await tempDir();
    const { annotationsFile } = await library(dir);
    const before = await readFile(annotationsFile, 'utf8');
    const store = await open(dir);
    const health = await store.health();
    expect(health.issues).toEqual([]);
    expect(health.quarantine).toEqual([]);
    expect(await readFile(annotationsFile, 'utf8')).toBe(before);
    await store.close();
  });

  it('sets aside annotations whose document is missing, with a note, and reports them', async () => {
    const dir = await tempDir();
    const { doc, folder } = await library(dir);
    await rm(path.join(folder, 'meta.json'));
    const store = await open(dir);
    expect(store.listDocuments()).toEqual([]);
    const health = await store.health();
    expect(health.issues).toMatchObject([{ kind: 'orphan-annotations', documentId: doc.id, path: `documents/${doc.id}` }]);
    expect(health.issues[0]!.message).toMatch(/holds 2 annotations but no document description/);
    const [kept] = await quarantined(dir);
    expect(kept!.files.sort()).toEqual(['NOTE.txt', doc.id, 'note.json'].sort());
    expect(await readFile(path.join(dir, 'quarantine', kept!.folder, doc.id, 'annotations.json'), 'utf8')).toContain('ann-2');
    expect(await readFile(path.join(dir, 'quarantine', kept!.folder, 'NOTE.txt'), 'utf8')).toMatch(/To put it back: /);
    expect(health.quarantine).toMatchObject([{ kind: 'orphan-annotations', originalPath: `documents/${doc.id}` }]);
    await store.close();
  });

  it('strips links to principles and actors the codebook lacks, keeping the annotations and the links aside', async () => {
    const dir = await tempDir();
    const { doc, annotationsFile } = await library(dir);
    const file = await readJson(annotationsFile);
    const [first] = file.annotations as ReturnType<typeof sampleAnnotation>[];
    first!.body.principles.push('vanished-principle');
    first!.body.actors.push({ actorId: 'vanished-actor', stance: 'opposes' });
    await writeFile(annotationsFile, JSON.stringify(file));

    const store = await open(dir);
    const annotations = await store.listAnnotations(doc.id);
    expect(annotations.map((a) => a.id)).toEqual(['ann-1', 'ann-2']);
    expect(annotations[0]!.body.principles).toEqual(['international-norms']);
    expect(annotations[0]!.body.actors).toEqual([{ actorId: 'france', stance: 'supports' }]);
    const health = await store.health();
    expect(health.issues).toMatchObject([{ kind: 'unknown-codebook-links', documentId: doc.id }]);
    expect(health.issues[0]!.message).toMatch(/vanished-principle, vanished-actor/);
    const [kept] = await quarantined(dir);
    const links = await readJson(path.join(dir, 'quarantine', kept!.folder, 'links.json'));
    expect(links).toMatchObject({ documentId: doc.id, removed: [{ annotationId: 'ann-1', principles: ['vanished-principle'], actors: [{ actorId: 'vanished-actor' }] }] });
    // The repaired annotation can be edited again (the store refuses unknown links on save).
    await store.saveAnnotation({ ...annotations[0]!, body: { ...annotations[0]!.body, note: 'edited' } });
    await store.close();
    expect((await (await open(dir)).health()).issues).toEqual([]);
  });

  it('keeps valid annotations and sets aside invalid ones and those of another document', async () => {
    const dir = await tempDir();
    const { doc, annotationsFile } = await library(dir);
    const file = await readJson(annotationsFile);
    const list = file.annotations as unknown[];
    list.push({ id: 'broken', body: 'not an annotation' });
    list.push(sampleAnnotation('some-other-document', { id: 'ann-x' }));
    await writeFile(annotationsFile, JSON.stringify(file));

    const store = await open(dir);
    expect((await store.listAnnotations(doc.id)).map((a) => a.id)).toEqual(['ann-1', 'ann-2']);
    const kinds = (await store.health()).issues.map((i) => i.kind).sort();
    expect(kinds).toEqual<HealthIssueKind[]>(['invalid-annotations', 'orphan-annotations']);
    const kept = await quarantined(dir);
    const texts = await Promise.all(kept.map((k) => readFile(path.join(dir, 'quarantine', k.folder, 'annotations.json'), 'utf8')));
    expect(texts.join('\n')).toContain('not an annotation');
    expect(texts.join('\n')).toContain('ann-x');
    await store.close();
  });

  it('sets aside an unreadable annotations file, starting the document with none', async () => {
    const dir = await tempDir();
    const { doc, annotationsFile } = await library(dir);
    await writeFile(annotationsFile, '{"version": 1, "annotations": [{"id": "ann-1", "docu');
    const store = await open(dir);
    expect(await store.listAnnotations(doc.id)).toEqual([]);
    expect((await store.health()).issues).toMatchObject([{ kind: 'unreadable-annotations', message: expect.stringMatching(/not valid JSON/) }]);
    const [kept] = await quarantined(dir);
    expect(await readFile(path.join(dir, 'quarantine', kept!.folder, 'annotations.json'), 'utf8')).toContain('"docu');
    await store.close();
  });

  it('sets aside a document whose description or text is unreadable, with its annotations', async () => {
    const dir = await tempDir();
    const { doc, folder } = await library(dir);
    await writeFile(path.join(folder, 'text.json'), '{"text": 12}');
    const store = await open(dir);
    expect(store.listDocuments()).toEqual([]);
    expect((await store.health()).issues).toMatchObject([{ kind: 'unreadable-document', documentId: doc.id }]);
    const [kept] = await quarantined(dir);
    expect(await readdir(path.join(dir, 'quarantine', kept!.folder, doc.id))).toContain('annotations.json');
    await store.close();
  });

  it('reports a missing original without touching the document', async () => {
    const dir = await tempDir();
    const { doc, folder } = await library(dir);
    await rm(path.join(folder, 'original.txt'));
    const store = await open(dir);
    expect(store.listDocuments().map((d) => d.id)).toEqual([doc.id]);
    expect(await store.listAnnotations(doc.id)).toHaveLength(2);
    expect((await store.health()).issues).toMatchObject([{ kind: 'missing-original', keptAt: null }]);
    await store.close();
  });

  it('sets aside an unreadable codebook and library.json, restoring working ones', async () => {
    const dir = await tempDir();
    const { doc } = await library(dir);
    await writeFile(path.join(dir, 'codebook.json'), 'garbage');
    await writeFile(path.join(dir, 'library.json'), '');
    const store = await open(dir);
    expect(store.getCodebook().principles).toHaveLength(9);
    expect(await store.listAnnotations(doc.id)).toHaveLength(2);
    expect((await store.health()).issues.map((i) => i.kind).sort()).toEqual(['unreadable-codebook', 'unreadable-library-file']);
    expect((await quarantined(dir)).flatMap((k) => k.files)).toEqual(expect.arrayContaining(['codebook.json', 'library.json']));
    await store.close();
  });

  it('sets aside an import that did not finish', async () => {
    const dir = await tempDir();
    await library(dir);
    await mkdir(path.join(dir, 'documents', 'half'));
    await writeFile(path.join(dir, 'documents', 'half', 'original.txt'), 'text');
    const store = await open(dir);
    expect((await store.health()).issues).toMatchObject([{ kind: 'unfinished-import', path: 'documents/half' }]);
    await store.close();
  });

  it('refuses a codebook that drops a principle annotations still link to', async () => {
    const dir = await tempDir();
    await library(dir);
    const store = await open(dir);
    const codebook = store.getCodebook();
    const without = { ...codebook, principles: codebook.principles.filter((p) => p.id !== 'international-norms') };
    await expect(store.saveCodebook(without)).rejects.toThrow(/international-norms \(2 annotations\)/);
    expect(store.getCodebook()).toBe(codebook);
    await store.close();
  });
});
