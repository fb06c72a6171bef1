// The open's first pass (open-scan.ts): which documents it takes as unchanged from the record by
// stamp alone, and that anything else (a changed file, a temporary file, a replace journal, a missing
// original, a link) is left to the full check of that document.
import { mkdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { TEMP_MARK } from './atomic';
import { CHECK_RECORD_FILE } from './check-record';
import { libraryPaths } from './files';
import { scanLibrary } from './open-scan';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

/** A closed library of three documents with an annotation each; their ids, in order. */
async function library(dir: string): Promise<string[]> {
  const store = await open(dir);
  const ids: string[] = [];
  for (const hash of ['a', 'b', 'c']) {
    const doc = await store.addDocument(sampleDocument({ contentHash: hash.repeat(64) }));
    await store.saveAnnotation(sampleAnnotation(doc.id, { id: `ann-${hash}` }));
    ids.push(doc.id);
  }
  await store.close();
  return ids;
}

const unchanged = async (dir: string) => [...(await scanLibrary(libraryPaths(dir))).unchanged].sort();

describe('the first pass of an open', () => {
  const tempDir = useTempDir();

  it('takes every document of a library closed cleanly as unchanged', async () => {
    const dir = await tempDir();
    const ids = await library(dir);
    const scan = await scanLibrary(libraryPaths(dir));
    expect([...scan.unchanged].sort()).toEqual([...ids].sort());
    expect(scan.record?.documents.size).toBe(3);
  });

  it('leaves to the full check a document with a file changed, added aside or missing', async () => {
    const dir = await tempDir();
    const [a, b, c] = await library(dir);
    const folder = (id: string) => path.join(dir, 'documents', id!);
    // a: its annotations rewritten in place (same size, new time).
    const annotations = path.join(folder(a!), 'annotations.json');
    await writeFile(annotations, await readFile(annotations));
    await utimes(annotations, new Date(), new Date(Date.now() + 5_000));
    // b: its original gone.
    await rm(path.join(folder(b!), 'original.txt'));
    // c: untouched.
    expect(await unchanged(dir)).toEqual([c]);
  });

  it('leaves to the full check a folder holding a temporary file or a replace journal', async () => {
    const dir = await tempDir();
    const [a, b, c] = await library(dir);
    await writeFile(path.join(dir, 'documents', a!, `${TEMP_MARK}left-over`), 'half a write');
    await writeFile(path.join(dir, 'documents', b!, 'replacing.json'), '{}');
    expect(await unchanged(dir)).toEqual([c]);
  });

  it('never takes a link as a document file', async () => {
    const dir = await tempDir();
    const [a, b] = await library(dir);
    const text = path.join(dir, 'documents', a!, 'text.json');
    await writeFile(path.join(dir, 'elsewhere.json'), await readFile(text));
    await rm(text);
    await symlink(path.join(dir, 'elsewhere.json'), text);
    // A document folder replaced by a link to a copy of itself.
    const copy = path.join(dir, 'copy-of-b');
    await mkdir(copy);
    for (const name of ['meta.json', 'text.json', 'annotations.json', 'original.txt']) await writeFile(path.join(copy, name), await readFile(path.join(dir, 'documents', b!, name)));
    await rm(path.join(dir, 'documents', b!), { recursive: true });
    await symlink(copy, path.join(dir, 'documents', b!));
    expect(await unchanged(dir)).toHaveLength(1);
    expect(await unchanged(dir)).not.toContain(a);
    expect(await unchanged(dir)).not.toContain(b);
  });

  it('takes nothing as unchanged without a record it can trust', async () => {
    const dir = await tempDir();
    await library(dir);
    await writeFile(path.join(dir, 'cache', CHECK_RECORD_FILE), '{"sha256":"0","body":{}}');
    expect(await scanLibrary(libraryPaths(dir))).toEqual({ record: null, unchanged: new Set() });
  });
});
