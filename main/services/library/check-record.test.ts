// The check record of a large library as written and read (check-record.ts, check-record-format.ts):
// read back as written, in parts, and read without holding the event loop for the whole of it (the
// host serves the page's own files while the library opens).
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LibraryDocument } from '../../../shared/model';
import { libraryDocumentSchema } from '../../../shared/schemas';
import { readRecordBody, writeBody } from '../../test-support/check-records';
import { useTempDir } from '../../test-support/temp';
import { readCheckRecord, sha256, writeCheckRecord, type CheckRecord } from './check-record';
import { documentFileNames } from './open-scan';

/** A record of `count` documents of four files each, as an open of such a library would write it. */
function largeRecord(count: number): CheckRecord {
  const record: CheckRecord = { codebookSha256: 'c'.repeat(64), files: new Map(), documents: new Map(), folders: new Map() };
  for (let i = 0; i < count; i++) {
    const id = `doc-${String(i).padStart(5, '0')}`;
    const document: LibraryDocument = {
      id,
      format: 'html',
      originalName: `${id}.html`,
      contentHash: 'a'.repeat(64),
      size: 28_000 + i,
      importedAt: '2025-01-01T00:00:00.000Z',
      modifiedAt: '2025-01-01T00:00:00.000Z',
      pageCount: null,
      metadata: { title: `Report ${i} — « Paris » 网络`, authors: ['A. Author'], date: '2018-08', publication: null, url: null, doi: null, kind: 'webpage' },
      warnings: [],
    };
    record.documents.set(id, { document, annotationIds: Array.from({ length: 20 }, (_, n) => `ann-${i}-${n}`) });
    for (const [n, file] of documentFileNames(document).entries()) {
      record.files.set(file, { size: 100 + n, mtimeMs: 1_700_000_000_000.25 + i, ctimeMs: 1_700_000_000_001.5 + i, ino: i * 4 + n, sha256: n === 3 ? null : 'b'.repeat(64) });
    }
    record.folders.set(id, { size: 4096, mtimeMs: 1_700_000_000_000 + i, ctimeMs: 1_700_000_000_000 + i, ino: 1_000_000 + i });
  }
  return record;
}

describe('the check record of a large library', () => {
  const tempDir = useTempDir();

  it('is read back as written', async () => {
    const dir = await tempDir();
    const record = largeRecord(600);
    await writeCheckRecord(dir, record);
    expect(await readCheckRecord(dir)).toEqual(record);
  });

  it('is parsed a few hundred documents at a time, so that other work (a request served) runs in between', async () => {
    const dir = await tempDir();
    const count = 5_000;
    await writeCheckRecord(dir, largeRecord(count));
    const size = (await stat(path.join(dir, 'library-check.json'))).size;
    // Other work waiting on the event loop: each turn it gets, it notes how much JSON was parsed since
    // the one before (how long it waited, measured in work rather than in time).
    const parse = JSON.parse;
    let parsedSinceTurn = 0;
    let mostBetweenTurns = 0;
    const spy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      parsedSinceTurn += text.length;
      mostBetweenTurns = Math.max(mostBetweenTurns, parsedSinceTurn);
      return parse(text, reviver) as unknown;
    });
    let reading = true;
    const other = () => {
      parsedSinceTurn = 0;
      if (reading) setImmediate(other);
    };
    setImmediate(other);
    try {
      const read = await readCheckRecord(dir);
      expect(read?.documents.size).toBe(count);
    } finally {
      reading = false;
      spy.mockRestore();
    }
    // Read in one piece, the whole record was parsed between two turns.
    expect(size).toBeGreaterThan(3_000_000);
    expect(mostBetweenTurns).toBeGreaterThan(0);
    expect(mostBetweenTurns).toBeLessThan(300_000);
  });

  it('is written a few hundred documents at a time, so that other work runs in between', async () => {
    const dir = await tempDir();
    const record = largeRecord(5_000);
    const stringify = JSON.stringify;
    let writtenSinceTurn = 0;
    let mostBetweenTurns = 0;
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
      const text = stringify(...args);
      writtenSinceTurn += text?.length ?? 0;
      mostBetweenTurns = Math.max(mostBetweenTurns, writtenSinceTurn);
      return text;
    });
    let writing = true;
    const other = () => {
      writtenSinceTurn = 0;
      if (writing) setImmediate(other);
    };
    setImmediate(other);
    try {
      await writeCheckRecord(dir, record);
    } finally {
      writing = false;
      spy.mockRestore();
    }
    expect((await stat(path.join(dir, 'library-check.json'))).size).toBeGreaterThan(3_000_000);
    expect(mostBetweenTurns).toBeGreaterThan(0);
    expect(mostBetweenTurns).toBeLessThan(300_000);
    expect(await readCheckRecord(dir)).toEqual(record);
  });

  it('is not trusted when its parts were put in another order, or one was left out', async () => {
    const dir = await tempDir();
    await writeCheckRecord(dir, largeRecord(600));
    const file = path.join(dir, 'library-check.json');
    const [head, ...parts] = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const write = async (lines: string[], count = lines.length) => {
      const text = lines.map((line) => `${line}\n`).join('');
      await writeFile(file, `{"sha256":"${sha256(text)}","parts":${count}}\n${text}`);
    };
    expect(head).toMatch(/"parts":\d+/);
    // Still intact by its checksum (recomputed here), but no longer a record: a full check.
    await write([parts[1]!, parts[0]!, ...parts.slice(2)]);
    expect(await readCheckRecord(dir)).toBeNull();
    await write(parts.filter((part) => !part.startsWith('{"documents"')));
    expect(await readCheckRecord(dir)).toBeNull();
    await write(parts, parts.length + 1);
    expect(await readCheckRecord(dir)).toBeNull();
    await write(parts);
    expect(await readCheckRecord(dir)).not.toBeNull();
  });

  it('trusts the descriptions of a record written with this description schema, and validates each of one written with another', async () => {
    const dir = await tempDir();
    const cache = path.join(dir, 'cache');
    await mkdir(cache);
    const record = largeRecord(300);
    await writeCheckRecord(cache, record);
    const validated = vi.spyOn(libraryDocumentSchema._zod, 'run');
    try {
      expect(await readCheckRecord(cache)).toEqual(record);
      expect(validated).not.toHaveBeenCalled();
      // Written by a version of Apostil whose descriptions differ: each is validated, and the record is
      // to be written again (with this schema's fingerprint).
      const body = await readRecordBody(dir);
      await writeBody(dir, { ...body, descriptions: 'f'.repeat(64) });
      expect(await readCheckRecord(cache)).toEqual({ ...record, outdated: true });
      expect(validated).toHaveBeenCalledTimes(300);
      const documents = body.documents as LibraryDocument[];
      await writeBody(dir, { ...body, descriptions: 'f'.repeat(64), documents: documents.map((d, i) => (i === 7 ? { ...d, size: -1 } : d)) });
      expect(await readCheckRecord(cache)).toBeNull();
      // Trusted, a description is still checked for what names files: its id and its format.
      for (const bad of [{ id: '../x' }, { format: 'exe' }, { id: undefined }]) {
        await writeBody(dir, { ...body, documents: documents.map((d, i) => (i === 7 ? { ...d, ...bad } : d)) });
        expect(await readCheckRecord(cache)).toBeNull();
      }
    } finally {
      validated.mockRestore();
    }
  });
});
