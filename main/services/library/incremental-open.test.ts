// Opening without reading everything (issue 10): the check record lets an unchanged library open by
// stat alone; a file changed while the library was closed is read and checked again; a record that
// cannot be trusted means a full check; the background pass finds content changed under an unchanged stamp.
import type { PathLike, Stats } from 'node:fs';
import { cp, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { LibraryVerification } from '../../../shared/health';
import type { LibraryChange } from '../../../shared/library-changes';
import { annotationSchema, documentTextSchema, libraryDocumentSchema } from '../../../shared/schemas';
import { sampleAnnotation } from '../../test-support/fixtures';
import { closedLibraryOfThree as library, openLibrary as open } from '../../test-support/small-library';
import { useTempDir } from '../../test-support/temp';
import { editRecord, readRecordBody, writeBody } from '../../test-support/check-records';
import { CHECK_RECORD_FILE, sha256 } from './check-record';

/** The record's body as version 2 writes it (check-record-format.ts). */
interface RecordBody {
  documents: unknown[];
  annotationIds: string[];
  files: { paths: string[]; stamps: number[]; sha256: string };
}

/** A change to the record's body, its checksum made to match (the record in cache/ of the library). */
function forged(edit: (body: RecordBody) => unknown): (record: string) => Promise<void> {
  return async (record) => {
    const dir = path.dirname(path.dirname(record));
    const body = (await readRecordBody(dir)) as unknown as RecordBody;
    edit(body);
    await writeBody(dir, body);
  };
}
import { LibraryStore } from './store';

// Every file the library code opens, through the real file system: the proof of what an open reads.
const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const note = (file: PathLike) => opened.push(String(file));
  return {
    ...real,
    open: async (file: PathLike, ...rest: unknown[]) => {
      const handle = await (real.open as (...args: unknown[]) => ReturnType<typeof real.open>)(file, ...rest);
      note(file);
      return handle;
    },
    readFile: async (file: PathLike, ...rest: unknown[]) => {
      const data = await (real.readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest);
      note(file);
      return data;
    },
  };
});

/** Files of documents/ the library code opened since the mark, as "<id>/<file>". */
function documentFilesRead(dir: string, since: number): string[] {
  const documents = path.join(dir, 'documents') + path.sep;
  return opened
    .slice(since)
    .filter((file) => file.startsWith(documents) && !path.basename(file).startsWith('.apostil-tmp-'))
    .map((file) => path.relative(documents, file).split(path.sep).join('/'))
    .filter((file) => file.includes('/')) // a document's folder itself is opened to make a write durable
    .sort();
}

describe('opening a library incrementally', () => {
  const tempDir = useTempDir();
  beforeEach(() => {
    opened.length = 0;
  });

  it('opens an unchanged library by stat alone, reading no text, description or annotations file', async () => {
    const dir = await tempDir();
    const docs = await library(dir);
    const mark = opened.length;
    const store = await open(dir);
    expect(documentFilesRead(dir, mark)).toEqual([]);
    expect(store.listDocuments().map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    expect(store.info().annotationCount).toBe(3);
    expect((await store.health()).verification).toMatchObject({ openCheck: 'incremental', filesRead: 0, state: 'waiting' });
    // A text is read when asked for, and not before.
    expect((await store.readText(docs[0]!.id)).text).toContain('hack-back');
    expect(documentFilesRead(dir, mark)).toEqual([`${docs[0]!.id}/text.json`]);

    // The background check then reads every file once, and finds nothing wrong.
    const progress: LibraryVerification[] = [];
    await store.verify((status) => progress.push(status));
    expect(documentFilesRead(dir, mark)).toHaveLength(1 + docs.length * 4);
    expect(progress.at(-1)).toMatchObject({ state: 'done', done: docs.length * 4, total: docs.length * 4 });
    expect(progress[0]).toMatchObject({ state: 'running', done: 0 });
    expect((await store.health()).issues).toEqual([]);
    await store.close();
  });

  it('does not write the check record again when the background check finds every file as recorded', async () => {
    const dir = await tempDir();
    await library(dir);
    const first = await open(dir);
    await first.verify(); // the originals' hashes are recorded by this first pass
    await first.close();
    const recordFile = path.join(dir, 'cache', CHECK_RECORD_FILE);
    const before = await stat(recordFile);
    const store = await open(dir);
    await store.verify();
    expect((await store.health()).verification).toMatchObject({ state: 'done' });
    await store.close();
    // Written atomically (a new file renamed over the old), a record written again has a new inode.
    const after = await stat(recordFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('reads again only the file changed while the library was closed, and sets it aside when bad', async () => {
    const dir = await tempDir();
    const [a, b] = await library(dir);
    const annotationsFile = path.join(dir, 'documents', a!.id, 'annotations.json');
    const file = JSON.parse(await readFile(annotationsFile, 'utf8')) as { annotations: unknown[] };
    file.annotations.push({ id: 'broken', body: 'not an annotation' });
    await writeFile(annotationsFile, JSON.stringify(file));
    await writeFile(path.join(dir, 'documents', b!.id, 'text.json'), '{"text": 12}');

    const mark = opened.length;
    const store = await open(dir);
    expect(documentFilesRead(dir, mark)).toEqual([`${a!.id}/annotations.json`, `${b!.id}/text.json`].sort());
    expect(store.listDocuments().map((d) => d.id)).not.toContain(b!.id);
    expect((await store.listAnnotations(a!.id)).map((x) => x.id)).toEqual(['ann-a']);
    const health = await store.health();
    expect(health.issues.map((i) => [i.kind, i.documentId]).sort()).toEqual([
      ['invalid-annotations', a!.id],
      ['unreadable-document', b!.id],
    ]);
    expect(health.quarantine).toHaveLength(2);
    await store.close();

    // What was repaired is recorded: the next open reads nothing.
    const again = opened.length;
    await (await open(dir)).close();
    expect(documentFilesRead(dir, again)).toEqual([]);
  });

  it('shows a copied library\'s documents as their files describe them, whatever its record says', async () => {
    const dir = await tempDir();
    const docs = await library(dir);
    // A record that agrees with the files' hashes but not with their content (forged, its checksum made to match).
    await editRecord(dir, (record) => {
      const entry = record.documents.get(docs[0]!.id)!;
      entry.document = { ...entry.document, metadata: { ...entry.document.metadata, title: 'Not what meta.json says' } };
    });
    const copy = await tempDir();
    await cp(dir, copy, { recursive: true });
    const store = await open(copy);
    expect(store.getDocument(docs[0]!.id).metadata.title).toBe(docs[0]!.metadata.title);
    await store.close();
  });

  it('opens a copied library (new stamps, the same bytes) by hashing its files, without validating them again', async () => {
    const dir = await tempDir();
    const docs = await library(dir);
    // A copy without its times and inodes: what moving to a new disk, a backup restored or a sync tool leaves.
    const copy = await tempDir();
    await cp(dir, copy, { recursive: true });
    // One file whose content did change meanwhile: that one alone is validated, and its bad entry set aside.
    const changedFile = path.join(copy, 'documents', docs[1]!.id, 'annotations.json');
    const file = JSON.parse(await readFile(changedFile, 'utf8')) as { annotations: unknown[] };
    file.annotations.push({ id: 'broken' });
    await writeFile(changedFile, JSON.stringify(file));
    const validated = [annotationSchema, documentTextSchema, libraryDocumentSchema].map((schema) => vi.spyOn(schema, 'safeParse'));

    const store = await open(copy);
    // The two entries of the changed file, and each description: the record's copies of those are trusted
    // only where the stamps of the document's files vouch for them, and a copy's stamps are all new.
    expect(validated.map((spy) => spy.mock.calls.length)).toEqual([2, 0, docs.length]);
    validated.forEach((spy) => spy.mockRestore());
    expect(store.listDocuments().map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    expect(store.info().annotationCount).toBe(3);
    expect((await store.listAnnotations(docs[0]!.id)).map((a) => a.id)).toEqual(['ann-a']);
    expect((await store.health()).issues.map((i) => [i.kind, i.documentId])).toEqual([['invalid-annotations', docs[1]!.id]]);
    await store.close();

    // The new stamps are recorded: the next open reads nothing.
    const mark = opened.length;
    await (await open(copy)).close();
    expect(documentFilesRead(copy, mark)).toEqual([]);
  });

  it.each([
    ['missing', async (record: string) => writeFile(record, '')],
    ['torn', async (record: string) => truncate(record, (await stat(record)).size - 30)],
    ['altered (its checksum no longer matches)', async (record: string) => writeFile(record, (await readFile(record, 'utf8')).replace('"ann-a"', '"ann-z"'))],
    ['intact but with a size that is not a size', forged((body) => (body.files.stamps[0] = -1))],
    ['intact but with a hash that is not one', forged((body) => (body.files.sha256 = `${'g'.repeat(64)}${body.files.sha256.slice(64)}`))],
    ['intact but with a stamp too few', forged((body) => body.files.stamps.pop())],
    ['intact but with an annotation id that is not an id', forged((body) => (body.annotationIds[0] = 'ann-a  ann-b'))],
    ['intact but with a document that is not one', forged((body) => ((body.documents[0] as { format: string }).format = 'exe'))],
    ['intact but with a document twice', forged((body) => (body.documents[1] = body.documents[0]))],
    ['of another version', async (record: string) => {
      const body = JSON.stringify({ version: 99 });
      await writeFile(record, JSON.stringify({ sha256: sha256(body), body: JSON.parse(body) }));
    }],
  ])('checks every file when the record is %s', async (_, damage) => {
    const dir = await tempDir();
    const docs = await library(dir);
    await damage(path.join(dir, 'cache', CHECK_RECORD_FILE));
    const mark = opened.length;
    const store = await open(dir);
    const read = documentFilesRead(dir, mark);
    for (const doc of docs) expect(read).toEqual(expect.arrayContaining([`${doc.id}/meta.json`, `${doc.id}/text.json`, `${doc.id}/annotations.json`]));
    expect((await store.health()).verification.openCheck).toBe('full');
    expect(store.info().annotationCount).toBe(3);
    await store.close();
  });

  it('finds in the background a file whose content changed under an unchanged stamp, and sets it aside', async () => {
    const dir = await tempDir();
    const [a, b] = await library(dir);
    // What a disk error, or a tool that restores file times, leaves: new content, and a record that
    // (forged here) says the file's stamp is the one it has now, with the old content's hash.
    const annotationsFile = path.join(dir, 'documents', a!.id, 'annotations.json');
    const originalFile = path.join(dir, 'documents', b!.id, 'original.txt');
    await writeFile(annotationsFile, '{"version": 1, "annotations": [{"id": "ann-a", "documentId": 42}]}');
    await writeFile(originalFile, 'Another text altogether.');
    const stamps = new Map<string, Stats>();
    for (const file of [annotationsFile, originalFile]) stamps.set(path.relative(dir, file).split(path.sep).join('/'), await stat(file));
    await editRecord(dir, (record) => {
      for (const [file, info] of stamps) Object.assign(record.files.get(file)!, { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino });
    });

    const store = await open(dir);
    expect((await store.health()).issues).toEqual([]);
    const changes: LibraryChange[] = [];
    store.changes.subscribe((change) => changes.push(change));
    await store.verify();
    // Search, the analysis and the renderer follow what the background check changed.
    expect(changes).toEqual([{ kind: 'annotations.changed', documentId: a!.id, added: [], updated: [], removed: ['ann-a'] }]);
    const health = await store.health();
    expect(health.issues.map((i) => [i.kind, i.documentId]).sort()).toEqual([
      ['changed-original', b!.id],
      ['invalid-annotations', a!.id],
    ]);
    expect(await store.listAnnotations(a!.id)).toEqual([]);
    expect(health.quarantine).toHaveLength(1);
    expect(health.verification).toMatchObject({ state: 'done' });
    await store.close();
  });

  it('holds only the annotations of the documents used lately, and still knows every annotation id', async () => {
    const dir = await tempDir();
    const docs = await library(dir);
    const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK, annotationsHeld: 1 });
    for (const doc of docs) expect(await store.listAnnotations(doc.id)).toHaveLength(1);
    expect(store.info().annotationCount).toBe(3);
    // ann-a's list is no longer in memory, yet the annotation cannot be taken over by another document.
    await expect(store.saveAnnotation(sampleAnnotation(docs[2]!.id, { id: 'ann-a' }))).rejects.toThrow(/belongs to another document/);
    await store.saveAnnotation(sampleAnnotation(docs[0]!.id, { id: 'ann-a2' }));
    expect((await store.listAnnotations(docs[0]!.id)).map((a) => a.id)).toEqual(['ann-a', 'ann-a2']);
    expect(store.info().annotationCount).toBe(4);
    await store.close();
  });
});
