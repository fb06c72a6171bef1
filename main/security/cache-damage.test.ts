// The cache (cache/: the search index, whatever form it takes) is derived data: damaged, truncated,
// replaced by garbage or even by a file, it must never stop the library from opening or search from
// answering, and it is not reported as a library problem. (The crash harness also damages whatever
// files cache/ holds between its kills, and checks search every ten kills.)
import { mkdir, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestApp } from '../test-support/library-app';
import { useTempDir } from '../test-support/temp';

async function libraryWithIndex(libraryDir: string, dataDir: string) {
  const test = await openTestApp(libraryDir, dataDir);
  const imported = await test.dispatch('documents.import', { name: 'zephyr.txt', bytes: new TextEncoder().encode('Zephyr\n\nA passage about zephyrine norms.') });
  expect(imported).toMatchObject({ ok: true });
  // Let search build (and, if it keeps one, write) its index.
  expect(await test.dispatch('search.query', { query: 'zephyrine' })).toMatchObject({ ok: true });
  await test.close();
}

async function cacheFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function expectSearchStillAnswers(libraryDir: string, dataDir: string): Promise<void> {
  const test = await openTestApp(libraryDir, dataDir);
  try {
    expect((await test.app.store.health()).issues).toEqual([]);
    const result = await test.dispatch('search.query', { query: 'zephyrine' });
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect((result.value as { passages: unknown[] }).passages.length).toBeGreaterThan(0);
    expect(test.internalErrors).toEqual([]);
  } finally {
    await test.close();
  }
}

describe('a damaged cache', () => {
  const tempDir = useTempDir();

  it.each([
    ['every cache file truncated', async (cache: string) => Promise.all((await cacheFiles(cache)).map((f) => truncate(f, 7)))],
    ['every cache file replaced by garbage', async (cache: string) => Promise.all((await cacheFiles(cache)).map((f) => writeFile(f, Buffer.from([0xff, 0x00, 0x7b, 0x22]))))],
    ['garbage files planted where an index would be', async (cache: string) => {
      await mkdir(path.join(cache, 'search'), { recursive: true });
      await writeFile(path.join(cache, 'search', 'manifest.json'), '{"version": 999, "segments": [');
      await writeFile(path.join(cache, 'search', 'segment-0001.json'), '');
    }],
    ['cache/ replaced by a plain file', async (cache: string) => {
      await rm(cache, { recursive: true, force: true });
      await writeFile(cache, 'not a folder');
    }],
  ])('with %s: the library opens and search still answers', async (_label, damage) => {
    const libraryDir = await tempDir();
    const dataDir = await tempDir();
    await libraryWithIndex(libraryDir, dataDir);
    const cache = path.join(libraryDir, 'cache');
    await damage(cache);
    await expectSearchStillAnswers(libraryDir, dataDir);
    // And once more, after search has had the chance to rebuild what it keeps.
    await expectSearchStillAnswers(libraryDir, dataDir);
    expect(await stat(path.join(libraryDir, 'library.json'))).toBeTruthy();
  });
});
