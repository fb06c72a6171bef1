// Every file of the bad-input corpus, imported through the real dispatcher into a real library, gets
// a clear message naming the file and the reason, and the library does not change at all. Time and
// memory are bounded by the import's worker thread (extraction-worker.test.ts shows the limits at
// work; `npm run bench:bad-files` prints the time and memory each file took).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderFingerprint, openTestApp, type TestApp } from '../test-support/library-app';
import { useTempDir } from '../test-support/temp';
import { badFileCorpus, invalidUtf8File, truncatedUtf8File, type BadFile } from './bad-files';

const corpus = await badFileCorpus();

describe('bad files', () => {
  const tempDir = useTempDir();
  let test: TestApp;
  let libraryDir: string;
  let dataDir: string;
  beforeAll(async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    libraryDir = await mkdtemp(path.join(tmpdir(), 'apostil-bad-files-'));
    dataDir = await mkdtemp(path.join(tmpdir(), 'apostil-bad-files-data-'));
    test = await openTestApp(libraryDir, dataDir);
  });
  afterAll(async () => {
    await test.close();
    const { rm } = await import('node:fs/promises');
    await Promise.all([libraryDir, dataDir].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it(`has a corpus of ${corpus.length} bad files`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(14);
  });

  it.each(corpus.map((file) => [file.label, file] as [string, BadFile]))('refuses %s, naming it and the reason, changing nothing', async (_label, file) => {
    const before = await folderFingerprint(libraryDir);
    const result = await test.dispatch('documents.import', { name: file.name, bytes: file.bytes });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(file.code);
    expect(result.error.message).toContain(`"${file.shownAs ?? file.name}"`);
    expect(result.error.message).toMatch(file.reason);
    // eslint-disable-next-line no-control-regex
    expect(result.error.message).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(await folderFingerprint(libraryDir)).toBe(before);
    expect(test.internalErrors).toEqual([]);
  });

  it('imports text that is not UTF-8, with a warning naming the file and the encoding it assumed', async () => {
    const file = invalidUtf8File();
    const result = await test.dispatch('documents.import', file);
    expect(result).toMatchObject({ ok: true, value: { status: 'imported' } });
    if (!result.ok) return;
    const { document } = result.value as { document: { warnings: string[]; id: string } };
    expect(document.warnings.join('\n')).toMatch(/"latin1.txt" is not valid UTF-8, so it was read as Windows-1252/);
    const opened = await test.dispatch('documents.text', { id: document.id });
    expect(opened).toMatchObject({ ok: true, value: { text: expect.stringContaining('Café société') } });
  });

  it('imports UTF-8 cut short mid-character as UTF-8, marking only the broken byte', async () => {
    const result = await test.dispatch('documents.import', truncatedUtf8File());
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const { document } = result.value as { document: { warnings: string[]; id: string } };
    expect(document.warnings.join('\n')).toMatch(/"cut-short.txt" is not entirely valid UTF-8: 1 byte \(the first at byte \d+\) could not be read/);
    const opened = await test.dispatch('documents.text', { id: document.id });
    expect(opened).toMatchObject({ ok: true, value: { text: expect.stringContaining('Société civile et États') } });
    expect(JSON.stringify(opened)).not.toContain('Ã');
  });

  it('keeps a cleaned name for a file named with separators and controls, and writes nothing outside the library', async () => {
    const dir = await tempDir();
    const result = await test.dispatch('documents.import', {
      name: `../../${path.basename(dir)}/\u0000note\u202e\n.txt`,
      bytes: new TextEncoder().encode('A note about the Paris Call.'),
    });
    expect(result).toMatchObject({ ok: true, value: { document: { originalName: 'note.txt' } } });
    expect(await readdir(dir)).toEqual([]);
  });
});
