// The open's first pass (open-scan.ts): which documents it takes as unchanged from the record by
// stamp alone, and that anything else (a changed file, a temporary file, a replace journal, a missing
// original, a link) is left to the full check of that document.
import { mkdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closedLibraryOfThree, openLibrary as open } from '../../test-support/small-library';
import { useTempDir } from '../../test-support/temp';
import { TEMP_MARK } from './atomic';
import { readRecordBody, writeVersion1Record, writeVersion2Record } from '../../test-support/check-records';
import { RECORD_VERSION } from './check-record-format';
import { CHECK_RECORD_FILE, readCheckRecord, writeCheckRecord } from './check-record';
import { libraryPaths } from './files';
import { scanLibrary } from './open-scan';

// Every folder the scan lists, through the real file system.
const listed = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    readdirSync: (...args: Parameters<typeof real.readdirSync>) => {
      listed.push(String(args[0]));
      return real.readdirSync(...args);
    },
  };
});

/** A closed library of three documents with an annotation each; their ids, in order. */
const library = async (dir: string): Promise<string[]> => (await closedLibraryOfThree(dir)).map((document) => document.id);

const unchanged = async (dir: string) => [...(await scanLibrary(libraryPaths(dir))).unchanged].sort();

/** The record as the store wrote it, with the folder stamps a scan saw (however recent) added. */
async function recordFolders(dir: string): Promise<void> {
  const paths = libraryPaths(dir);
  const { folders } = await scanLibrary(paths, { racyMs: 0 });
  const record = (await readCheckRecord(paths.cache))!;
  await writeCheckRecord(paths.cache, { ...record, folders });
}

describe('the first pass of an open', () => {
  const tempDir = useTempDir();
  beforeEach(() => {
    listed.length = 0;
  });

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
    expect(await scanLibrary(libraryPaths(dir))).toEqual({ record: null, unchanged: new Set(), folders: new Map() });
  });

  it('lists a document folder only when its stamp changed since it was last seen clean', async () => {
    const dir = await tempDir();
    const [a, b, c] = await library(dir);
    await recordFolders(dir);
    listed.length = 0;
    expect(await unchanged(dir)).toEqual([a, b, c].sort());
    expect(listed.filter((folder) => folder.includes(`${path.sep}documents${path.sep}`))).toEqual([]);
    // A temporary file left in a's folder, a replace journal in b's: each changes its folder's stamp.
    await writeFile(path.join(dir, 'documents', a!, `${TEMP_MARK}left-over`), 'half a write');
    await writeFile(path.join(dir, 'documents', b!, 'replacing.json'), '{}');
    listed.length = 0;
    expect(await unchanged(dir)).toEqual([c]);
    expect(listed.map((folder) => path.basename(folder)).sort()).toEqual([a, b].sort());
  });

  it('does not record the stamp of a folder changed a moment ago', async () => {
    const dir = await tempDir();
    const ids = await library(dir);
    const scan = await scanLibrary(libraryPaths(dir));
    expect(scan.unchanged.size).toBe(ids.length);
    expect(scan.folders.size).toBe(0);
  });

  it.each([
    ['as version 1 wrote it', { version: 1, folders: true }],
    ['as version 1 wrote it before folders were recorded', { version: 1, folders: false }],
    ['as version 2 wrote it (in one piece)', { version: 2, folders: true }],
  ])('opens by stamp with a record %s, and writes it again in the current version', async (_, { version, folders }) => {
    const dir = await tempDir();
    const ids = await library(dir);
    await recordFolders(dir);
    if (version === 1) await writeVersion1Record(dir, { folders });
    else await writeVersion2Record(dir);
    expect(await readRecordBody(dir)).toMatchObject({ version });
    listed.length = 0;
    const scan = await scanLibrary(libraryPaths(dir), { racyMs: 0 });
    expect([...scan.unchanged].sort()).toEqual([...ids].sort());
    expect([...scan.folders.keys()].sort()).toEqual([...ids].sort());
    expect(listed.filter((folder) => folder.includes(`${path.sep}documents${path.sep}`))).toHaveLength(folders ? 0 : ids.length);
    // Through the store: the open reads no document file, and the record is written again, in the current version.
    const store = await open(dir);
    expect((await store.health()).verification).toMatchObject({ openCheck: 'incremental', filesRead: 0 });
    await store.close();
    expect(RECORD_VERSION).toBe(3);
    expect(await readFile(path.join(dir, 'cache', CHECK_RECORD_FILE), 'utf8')).toMatch(/^\{"sha256":"[0-9a-f]{64}","parts":\d+\}\n/);
    expect(await readRecordBody(dir)).toMatchObject({ version: RECORD_VERSION });
    expect(await unchanged(dir)).toEqual([...ids].sort());
  });

  it('has the store record the folders seen clean, so that the next open lists none of them', async () => {
    const dir = await tempDir();
    const ids = await library(dir);
    // Folders last modified a minute ago (a library used yesterday), not a moment ago.
    const minuteAgo = new Date(Date.now() - 60_000);
    for (const id of ids) await utimes(path.join(dir, 'documents', id), minuteAgo, minuteAgo);
    const store = await open(dir);
    await store.close();
    listed.length = 0;
    const scan = await scanLibrary(libraryPaths(dir));
    expect([...scan.unchanged].sort()).toEqual([...ids].sort());
    expect(listed.filter((folder) => folder.includes(`${path.sep}documents${path.sep}`))).toEqual([]);
  });
});
