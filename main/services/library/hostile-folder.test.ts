// A library folder prepared to hurt (issue 17): a file nested too deeply to copy, links out of the
// library, FIFOs where files should be, folders of documents/ that would be silently skipped. Each must
// open, with what could not be used set aside or reported, and nothing outside the library touched.
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { SearchService } from '../search/search-service';
import { InlineBuilder } from '../search/builder';
import { LOCK_FILE } from './lock';
import { LibraryStore } from './store';

/** Opens the library, failing clearly (not by the test's timeout) if the open hangs. */
async function open(dir: string): Promise<LibraryStore> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The library did not open within 10 s: it hangs.')), 10_000);
  });
  try {
    return await Promise.race([LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK }), hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function library(dir: string) {
  const store = await open(dir);
  const doc = await store.addDocument(sampleDocument());
  await store.saveAnnotation(sampleAnnotation(doc.id));
  await store.close();
  const folder = path.join(dir, 'documents', doc.id);
  return { doc, folder };
}

/** Every entry of a folder tree, relative to it, for proving nothing outside the library changed. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) await visit(full);
      else out[path.relative(dir, full)] = entry.isFile() ? await readFile(full, 'utf8') : '(not a file)';
    }
  };
  await visit(dir);
  return out;
}

const mkfifo = (file: string) => execFileSync('mkfifo', [file]);
const deeplyNested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('a hostile library folder', () => {
  const tempDir = useTempDir();

  describe('one damaged file never stops the library from opening (issue 17, 1)', () => {
    it.each([5_000, 100_000])('sets aside an annotations entry nested %i levels deep, keeping the file as it was', async (depth) => {
      const dir = await tempDir();
      const { doc, folder } = await library(dir);
      const file = path.join(folder, 'annotations.json');
      const original = JSON.parse(await readFile(file, 'utf8')) as { annotations: unknown[] };
      const text = JSON.stringify(original).replace('"annotations":[', `"annotations":[${deeplyNested(depth)},`);
      await writeFile(file, text);
      const store = await open(dir);
      expect((await store.listAnnotations(doc.id)).map((a) => a.id)).toEqual(['ann-1']);
      const health = await store.health();
      expect(health.issues).toMatchObject([{ kind: 'invalid-annotations', documentId: doc.id }]);
      const kept = path.join(dir, health.issues[0]!.keptAt!);
      expect(await readFile(path.join(kept, 'annotations.json'), 'utf8')).toBe(text);
      // Each invalid entry is listed with why; one too deep to write out again is referred to the file.
      const listed = await readFile(path.join(kept, 'invalid-entries.json'), 'utf8');
      expect(listed).toMatch(/entry 1 of the annotations list/);
      if (depth === 100_000) expect(listed).toMatch(/too deeply nested/);
      expect(await readFile(path.join(kept, 'NOTE.txt'), 'utf8')).toMatch(/To put it back/);
      await store.close();
    });

    it('opens whatever file is nested 100,000 levels deep, each set aside with a note', async () => {
      const dir = await tempDir();
      const { folder } = await library(dir);
      const deep = deeplyNested(100_000);
      // A second document whose description is the deep one; annotations, codebook and library file too.
      const other = path.join(dir, 'documents', 'deep-document');
      await mkdir(other);
      await writeFile(path.join(other, 'meta.json'), deep);
      await writeFile(path.join(other, 'text.json'), deep);
      await writeFile(path.join(folder, 'annotations.json'), deep);
      await writeFile(path.join(dir, 'codebook.json'), deep);
      await writeFile(path.join(dir, 'library.json'), deep);
      const store = await open(dir);
      expect(store.listDocuments()).toHaveLength(1);
      const kinds = (await store.health()).issues.map((i) => i.kind).sort();
      expect(kinds).toEqual(['invalid-annotations', 'unreadable-codebook', 'unreadable-document', 'unreadable-library-file']);
      expect((await store.health()).quarantine).toHaveLength(4);
      await store.close();
    });
  });

  describe('links are never followed out of the library (issue 17, 3)', () => {
    it('sets aside a cache/ that is a link: rebuilding the search index deletes nothing it points to', async () => {
      const dir = await tempDir();
      await library(dir);
      const outside = await tempDir();
      await mkdir(path.join(outside, 'search'));
      await writeFile(path.join(outside, 'search', 'precious.txt'), 'not yours to delete');
      await rm(path.join(dir, 'cache'), { recursive: true, force: true });
      await symlink(outside, path.join(dir, 'cache'));
      const before = await tree(outside);
      const store = await open(dir);
      const search = new SearchService(store, undefined, { builder: new InlineBuilder() });
      await search.start();
      await search.idle();
      await search.close();
      expect((await lstat(path.join(dir, 'cache'))).isDirectory()).toBe(true);
      const health = await store.health();
      expect(health.issues).toMatchObject([{ kind: 'link-or-special-file', path: 'cache', message: expect.stringContaining(`symbolic link to ${outside}`) }]);
      await store.close();
      expect(await tree(outside)).toEqual(before);
    });

    it('keeps deleted documents and quarantined data inside the library when trash/ or quarantine/ is a link', async () => {
      const dir = await tempDir();
      const { doc, folder } = await library(dir);
      const outside = await tempDir();
      await mkdir(path.join(outside, 'trash'));
      await mkdir(path.join(outside, 'quarantine'));
      await symlink(path.join(outside, 'trash'), path.join(dir, 'trash'));
      await symlink(path.join(outside, 'quarantine'), path.join(dir, 'quarantine'));
      await writeFile(path.join(folder, 'annotations.json'), 'garbage'); // something for the quarantine
      const store = await open(dir);
      await store.deleteDocument(doc.id);
      const health = await store.health();
      expect(health.issues.filter((i) => i.kind === 'link-or-special-file').map((i) => i.path).sort()).toEqual(['quarantine', 'trash']);
      await store.close();
      expect(await tree(outside)).toEqual({});
      expect((await readdir(path.join(dir, 'trash')))[0]).toMatch(new RegExp(`^${doc.id}-`));
      expect((await lstat(path.join(dir, 'quarantine'))).isDirectory()).toBe(true);
    });

    it('never serves, indexes or exports an outside file linked as an original or a text', async () => {
      const dir = await tempDir();
      const store0 = await open(dir);
      const a = await store0.addDocument(sampleDocument());
      const b = await store0.addDocument(sampleDocument({ contentHash: 'b'.repeat(64) }));
      await store0.close();
      const outside = await tempDir();
      const secret = path.join(outside, 'secret.txt');
      await writeFile(secret, 'the secret');
      await writeFile(path.join(outside, 'text.json'), JSON.stringify({ text: 'the secret', blocks: [], pages: null }));
      await rename(path.join(dir, 'documents', a.id, 'original.txt'), path.join(outside, 'a-original.txt'));
      await symlink(secret, path.join(dir, 'documents', a.id, 'original.txt'));
      await rename(path.join(dir, 'documents', b.id, 'text.json'), path.join(outside, 'b-text.json'));
      await symlink(path.join(outside, 'text.json'), path.join(dir, 'documents', b.id, 'text.json'));
      const store = await open(dir);
      // The linked text makes its document unusable: set aside whole. The linked original is set aside.
      expect(store.listDocuments().map((d) => d.id)).toEqual([a.id]);
      await expect(store.readOriginal(a.id)).rejects.toThrow();
      const issues = (await store.health()).issues;
      expect(issues.map((i) => i.kind).sort()).toEqual(['link-or-special-file', 'missing-original', 'unreadable-document']);
      expect(issues.find((i) => i.kind === 'unreadable-document')!.message).toMatch(/text\.json is a symbolic link/);
      await store.close();
      expect(await readFile(secret, 'utf8')).toBe('the secret');
    });

    it('refuses to read a file that became a link while the library is open', async () => {
      const dir = await tempDir();
      const { doc, folder } = await library(dir);
      const store = await open(dir);
      const outside = await tempDir();
      await writeFile(path.join(outside, 'text.json'), JSON.stringify({ text: 'the secret', blocks: [], pages: null }));
      await rename(path.join(folder, 'text.json'), path.join(outside, 'kept.json'));
      await symlink(path.join(outside, 'text.json'), path.join(folder, 'text.json'));
      await expect(store.readText(doc.id)).rejects.toThrow(/symbolic link/);
      await store.close();
    });

    it('sets aside a documents/ that is a link, saying where the documents are', async () => {
      const dir = await tempDir();
      await library(dir);
      const outside = await tempDir();
      await rename(path.join(dir, 'documents'), path.join(outside, 'documents'));
      await symlink(path.join(outside, 'documents'), path.join(dir, 'documents'));
      const before = await tree(outside);
      const store = await open(dir);
      expect(store.listDocuments()).toEqual([]);
      await store.addDocument(sampleDocument());
      expect((await store.health()).issues).toMatchObject([{ kind: 'link-or-special-file', path: 'documents', message: expect.stringContaining(outside) }]);
      await store.close();
      expect(await tree(outside)).toEqual(before);
    });
  });

  describe('only regular files are read (issue 17, 5)', () => {
    it('opens a library with a FIFO in the place of each of its files, setting each aside', async () => {
      const dir = await tempDir();
      const { doc, folder } = await library(dir);
      const second = (await (async () => {
        const s = await open(dir);
        const d = await s.addDocument(sampleDocument({ contentHash: 'c'.repeat(64) }));
        await s.close();
        return d;
      })())!;
      const secondFolder = path.join(dir, 'documents', second.id);
      for (const file of [path.join(folder, 'annotations.json'), path.join(folder, 'original.txt'), path.join(secondFolder, 'text.json'), path.join(dir, 'codebook.json'), path.join(dir, 'library.json')]) {
        await rename(file, `${file}.bak`);
        mkfifo(file);
      }
      mkfifo(path.join(dir, 'cache', 'library-check.json.fifo'));
      await rename(path.join(dir, 'cache', 'library-check.json.fifo'), path.join(dir, 'cache', 'library-check.json'));
      const store = await open(dir);
      expect(store.listDocuments().map((d) => d.id)).toEqual([doc.id]);
      const issues = (await store.health()).issues;
      expect(issues.map((i) => i.kind).sort()).toEqual([
        'link-or-special-file',
        'missing-original',
        'unreadable-annotations',
        'unreadable-codebook',
        'unreadable-document',
        'unreadable-library-file',
      ]);
      expect(issues.find((i) => i.kind === 'unreadable-annotations')!.message).toMatch(/FIFO/);
      await store.close();
    });

    it('sets aside collections and document tags that are a FIFO or a link, reading neither', async () => {
      const dir = await tempDir();
      await library(dir);
      mkfifo(path.join(dir, 'collections.json'));
      const outside = path.join(await tempDir(), 'tags.json');
      await writeFile(outside, JSON.stringify({ version: 1, documents: {} }));
      await symlink(outside, path.join(dir, 'document-tags.json'));
      const store = await open(dir);
      const issues = (await store.health()).issues;
      expect(issues.map((i) => [i.kind, i.path])).toEqual([
        ['unreadable-collections', 'collections.json'],
        ['unreadable-collections', 'document-tags.json'],
      ]);
      expect(issues[0]!.message).toMatch(/FIFO/);
      expect(issues[1]!.message).toMatch(/symbolic link/);
      expect(store.collections.list()).toEqual([]);
      // The link itself was set aside; what it pointed to is as it was.
      expect(await readFile(outside, 'utf8')).toBe(JSON.stringify({ version: 1, documents: {} }));
      await store.close();
    });

    it('takes over a lock file that is a FIFO, and lists a quarantine whose note is one', async () => {
      const dir = await tempDir();
      await library(dir);
      mkfifo(path.join(dir, LOCK_FILE));
      await mkdir(path.join(dir, 'quarantine', 'odd'), { recursive: true });
      mkfifo(path.join(dir, 'quarantine', 'odd', 'note.json'));
      const store = await open(dir);
      expect((await store.health()).quarantine).toMatchObject([{ folder: 'quarantine/odd', kind: 'unknown' }]);
      await store.close();
    });
  });

  describe('every entry of documents/ that is not used is reported (issue 17, 6)', () => {
    it('reports a complete document in a folder named with a dot, a linked folder and a stray file, changing nothing', async () => {
      const dir = await tempDir();
      const { folder } = await library(dir);
      const hidden = path.join(dir, 'documents', `.${path.basename(folder)}`);
      await rename(folder, hidden);
      const outside = await tempDir();
      await symlink(outside, path.join(dir, 'documents', 'linked'));
      await writeFile(path.join(dir, 'documents', 'notes.txt'), 'a stray file');
      mkfifo(path.join(dir, 'documents', 'pipe'));
      const store = await open(dir);
      expect(store.listDocuments()).toEqual([]);
      const issues = (await store.health()).issues;
      expect(issues.map((i) => [i.kind, i.path]).sort()).toEqual([
        ['unused-entry', `documents/.${path.basename(folder)}`],
        ['unused-entry', 'documents/linked'],
        ['unused-entry', 'documents/notes.txt'],
        ['unused-entry', 'documents/pipe'],
      ]);
      expect(issues.find((i) => i.path === 'documents/linked')!.message).toContain(outside);
      expect(issues.every((i) => i.keptAt === null)).toBe(true);
      await store.close();
      expect((await readdir(path.join(dir, 'documents'))).sort()).toEqual([`.${path.basename(folder)}`, 'linked', 'notes.txt', 'pipe']);
    });
  });
});
