import { lstat, mkdir, open as openFile, readdir, readFile, stat, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { sampleAnnotation, sampleDocument, sampleText } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { copyFileAtomic, writeFileAtomic } from './atomic';
import { libraryPaths } from './files';
import { beginReplace } from './replace-journal';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

describe('replacing a file, journalled', () => {
  const tempDir = useTempDir();

  async function libraryWithDocument() {
    const dir = await tempDir();
    const store = await open(dir);
    const document = await store.addDocument(sampleDocument());
    await store.saveAnnotation(sampleAnnotation(document.id));
    return { dir, store, document, files: libraryPaths(dir).document(document.id) };
  }

  it('writes the new version and keeps the old one under versions/, leaving no journal', async () => {
    const { dir, store, document, files } = await libraryWithDocument();
    const before = await readFile(files.text, 'utf8');
    const replaced = await store.replaceFile(document.id, {
      originalName: 'sample-v2.txt',
      bytes: new TextEncoder().encode('A new first paragraph.\n\nA first paragraph about norms.'),
      contentHash: 'b'.repeat(64),
      text: sampleText(),
      pageCount: null,
      warnings: [],
      annotations: () => [],
    });
    expect(replaced.contentHash).toBe('b'.repeat(64));
    await store.close();
    await expect(readFile(files.replacing)).rejects.toThrow(/ENOENT/);

    const reopened = await open(dir);
    expect((await reopened.health()).issues).toEqual([]);
    expect(reopened.getDocument(document.id).contentHash).toBe('b'.repeat(64));
    expect(await reopened.listAnnotations(document.id)).toEqual([]);
    await reopened.close();
    const [version] = await readdir(files.versions);
    expect(await readFile(path.join(files.versions, version!, 'text.json'), 'utf8')).toBe(before);
  });

  it('undoes at the next open a replace that a crash cut short, and says so', async () => {
    const { dir, store, document, files } = await libraryWithDocument();
    const annotations = await store.listAnnotations(document.id);
    await store.close();
    // As if the process died half-way: journal written, original and text already new, meta still old.
    // (New versions are written as the store writes every file: a new file renamed over the old one.)
    await beginReplace(files, [files.original('text'), files.text, files.annotations, files.meta], 'crash');
    await writeFileAtomic(files.original('text'), 'Version two.');
    await writeFileAtomic(files.text, JSON.stringify({ text: 'Version two.', blocks: [{ kind: 'p', start: 0, end: 12, page: null }] }));
    await writeFileAtomic(files.annotations, JSON.stringify({ version: 1, annotations: [] }));

    const reopened = await open(dir);
    const health = await reopened.health();
    expect(health.issues).toEqual([
      expect.objectContaining({ kind: 'interrupted-replace', documentId: document.id, action: expect.stringMatching(/put back as it was before/) }),
    ]);
    expect((await reopened.readText(document.id)).text).toBe(sampleText().text);
    expect(new TextDecoder().decode(await reopened.readOriginal(document.id))).toMatch(/^A first paragraph about norms/);
    expect(await reopened.listAnnotations(document.id)).toEqual(annotations);
    await reopened.close();
    await expect(readFile(files.replacing)).rejects.toThrow(/ENOENT/);

    // Undone once: the next open finds nothing.
    const again = await open(dir);
    expect((await again.health()).issues).toEqual([]);
    await again.close();
  });

  it('replaces the file of a document whose original is over 2 GiB, keeping that original under versions/', async () => {
    const { dir, store, document, files } = await libraryWithDocument();
    // A sparse 3 GiB original (a few bytes on disk) with a mark at its end.
    const size = 3 * 2 ** 30;
    await truncate(files.original('text'), size);
    const handle = await openFile(files.original('text'), 'r+');
    await handle.write(Buffer.from('THE END'), 0, 7, size - 7);
    await handle.close();
    await store.replaceFile(document.id, {
      originalName: 'sample-v2.txt',
      bytes: new TextEncoder().encode('A new first paragraph.'),
      contentHash: 'b'.repeat(64),
      text: sampleText(),
      pageCount: null,
      warnings: [],
      annotations: () => [],
    });
    await store.close();
    const [version] = await readdir(files.versions);
    const kept = path.join(files.versions, version!, 'original.txt');
    expect((await stat(kept)).size).toBe(size);
    const tail = Buffer.alloc(7);
    const reader = await openFile(kept, 'r');
    await reader.read(tail, 0, 7, size - 7);
    await reader.close();
    expect(tail.toString()).toBe('THE END');
    expect(await readFile(files.original('text'), 'utf8')).toBe('A new first paragraph.');
    const reopened = await open(dir);
    expect((await reopened.health()).issues).toEqual([]);
    await reopened.close();
  });

  it('copies only regular files: a link (perhaps to a file outside the library) is refused, not followed', async () => {
    const { files, store } = await libraryWithDocument();
    await store.close();
    const outside = path.join(await tempDir(), 'outside.txt');
    await writeFile(outside, 'not the library\'s');
    await unlink(files.original('text'));
    await symlink(outside, files.original('text'));
    await mkdir(path.join(files.dir, 'copy'));
    await expect(copyFileAtomic(files.original('text'), path.join(files.dir, 'copy', 'original.txt'))).rejects.toMatchObject({ code: 'corrupt' });
    await expect(lstat(path.join(files.dir, 'copy', 'original.txt'))).rejects.toThrow(/ENOENT/);
  });
});
