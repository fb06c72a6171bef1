import { execFileSync } from 'node:child_process';
import { open as openFile, rename, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { readMultipart } from '../../shared/byte-ranges';
import { useTempDir } from '../test-support/temp';
import { sampleDocument } from '../test-support/fixtures';
import { LibraryStore } from './library/store';
import { answerOriginal, parseRange } from './original-ranges';

describe('parseRange', () => {
  it('reads the single byte ranges pdf.js and browsers send', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseRange('bytes=50-5000', 100)).toEqual({ kind: 'part', start: 50, end: 99 });
    expect(parseRange(' Bytes = 1-1', 100)).toEqual({ kind: 'part', start: 1, end: 1 });
    // Ranges past 2 GiB and 4 GiB are plain numbers here.
    expect(parseRange('bytes=4294967296-4294967305', 5 * 2 ** 30)).toEqual({ kind: 'part', start: 2 ** 32, end: 2 ** 32 + 9 });
  });

  it('reads a list of ranges (what pdf.js asks for at once), sorted, overlapping ones merged, those past the end left out', () => {
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'parts', parts: [{ start: 0, end: 1 }, { start: 5, end: 6 }] });
    expect(parseRange('bytes=50-59, 0-9 ,-10', 100)).toEqual({ kind: 'parts', parts: [{ start: 0, end: 9 }, { start: 50, end: 59 }, { start: 90, end: 99 }] });
    // The first bytes and the last of a file smaller than both: the whole file, once.
    expect(parseRange('bytes=0-131071,-262144', 1000)).toEqual({ kind: 'part', start: 0, end: 999 });
    expect(parseRange('bytes=0-9,10-19,15-30', 100)).toEqual({ kind: 'part', start: 0, end: 30 });
    expect(parseRange('bytes=0-9,200-300', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
  });

  it('ignores another unit, as RFC 9110 says', () => {
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'whole' });
  });

  it.each([
    ['bytes=100-', 100],
    ['bytes=200-300', 100],
    ['bytes=9-5', 100],
    ['bytes=-0', 100],
    ['bytes=-', 100],
    ['bytes=0-1,x', 100],
    ['bytes=100-,200-', 100],
    [`bytes=${Array.from({ length: 65 }, (_, i) => `${i}-${i}`).join(',')}`, 100],
    ['bytes=a-b', 100],
    ['bytes=0x10-20', 100],
    ['bytes=1.5-2', 100],
    ['nonsense', 100],
    ['bytes=0-0', 0],
    ['bytes=99999999999999999-', 100],
  ])('refuses %s against %i bytes', (header, size) => {
    expect(parseRange(header, size).kind).toBe('unsatisfiable');
  });
});

describe('answerOriginal', () => {
  const tempDir = useTempDir();

  async function library() {
    const dir = await tempDir();
    const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    const bytes = new TextEncoder().encode('0123456789'.repeat(10));
    const doc = await store.addDocument({ ...sampleDocument(), bytes });
    const file = store.paths.document(doc.id).original(doc.format);
    return { store, doc, file, bytes, close: () => store.close() };
  }

  async function body(answer: Awaited<ReturnType<typeof answerOriginal>>): Promise<string> {
    return answer.body instanceof Readable ? text(answer.body) : String(answer.body ?? '');
  }

  it('answers a range with 206, the exact bytes and the headers a reader needs', async () => {
    const { store, doc, close } = await library();
    const answer = await answerOriginal(store, doc.id, { method: 'GET', range: 'bytes=10-24' });
    expect(answer.status).toBe(206);
    expect(await body(answer)).toBe('012345678901234');
    expect(answer.headers).toMatchObject({
      'Content-Range': 'bytes 10-24/100',
      'Content-Length': '15',
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': 'attachment',
    });
    expect(answer.headers.ETag).toMatch(/^"[\w-]+"$/);
    await close();
  });

  it('answers the whole file with 200, HEAD with headers only, and a bad range with 416', async () => {
    const { store, doc, close } = await library();
    const whole = await answerOriginal(store, doc.id, { method: 'GET' });
    expect(whole.status).toBe(200);
    expect((await body(whole)).length).toBe(100);
    const head = await answerOriginal(store, doc.id, { method: 'HEAD', range: 'bytes=0-9' });
    expect(head).toMatchObject({ status: 206, body: null, headers: { 'Content-Length': '10' } });
    const bad = await answerOriginal(store, doc.id, { method: 'GET', range: 'bytes=100-200' });
    expect(bad.status).toBe(416);
    expect(bad.headers['Content-Range']).toBe('bytes */100');
    expect(await body(bad)).toMatch(/after the file's end/);
    expect((await answerOriginal(store, doc.id, { method: 'POST' })).status).toBe(405);
    expect((await answerOriginal(store, 'no-such-document', { method: 'GET' })).status).toBe(404);
    await close();
  });

  it('answers several ranges in one multipart/byteranges body, each part the exact bytes under its Content-Range', async () => {
    const { store, doc, bytes, close } = await library();
    const answer = await answerOriginal(store, doc.id, { method: 'GET', range: 'bytes=90-99,0-4,-3' });
    expect(answer.status).toBe(206);
    const contentType = answer.headers['Content-Type']!;
    expect(contentType).toMatch(/^multipart\/byteranges; boundary=/);
    const raw = new Uint8Array(await buffer(answer.body as Readable));
    expect(raw.length).toBe(Number(answer.headers['Content-Length']));
    const parts = readMultipart(raw, contentType)!;
    expect(parts.map(({ start, end, size }) => [start, end, size])).toEqual([
      [0, 4, 100],
      [90, 99, 100],
    ]);
    for (const part of parts) expect(part.bytes).toEqual(bytes.slice(part.start, part.end + 1));
    const head = await answerOriginal(store, doc.id, { method: 'HEAD', range: 'bytes=0-4,90-99' });
    expect(head).toMatchObject({ status: 206, body: null, headers: { 'Content-Length': answer.headers['Content-Length'] } });
    await close();
  });

  it('refuses with 412 a range of a file replaced since the reader began (If-Match)', async () => {
    const { store, doc, file, close } = await library();
    const first = await answerOriginal(store, doc.id, { method: 'GET', range: 'bytes=0-9' });
    await body(first);
    const etag = first.headers.ETag!;
    const same = await answerOriginal(store, doc.id, { method: 'GET', range: 'bytes=10-19', ifMatch: etag });
    expect(same.status).toBe(206);
    await body(same);
    // Replaced as the store replaces files: a new file renamed over the old one.
    await writeFile(`${file}.new`, 'x'.repeat(100));
    await rename(`${file}.new`, file);
    const after = await answerOriginal(store, doc.id, { method: 'GET', range: 'bytes=10-19', ifMatch: etag });
    expect(after.status).toBe(412);
    await close();
  });

  it('never follows a link out of the library, and refuses a FIFO at once instead of hanging', async () => {
    const { store, doc, file, close } = await library();
    const outside = path.join(await tempDir(), 'secret.txt');
    await writeFile(outside, 'outside the library');
    await unlink(file);
    await symlink(outside, file);
    const linked = await answerOriginal(store, doc.id, { method: 'GET' });
    expect(linked.status).toBe(403);
    expect(await body(linked)).toMatch(/link/);
    await unlink(file);
    execFileSync('mkfifo', [file]);
    const fifo = await answerOriginal(store, doc.id, { method: 'GET' });
    expect(fifo.status).toBe(403);
    expect(await body(fifo)).toMatch(/not a regular file/);
    await close();
  });

  it('refuses a document folder that is a link to a folder elsewhere', async () => {
    const { store, doc, close } = await library();
    const elsewhere = await tempDir();
    const folder = store.paths.document(doc.id).dir;
    await rename(folder, path.join(elsewhere, 'moved'));
    await symlink(path.join(elsewhere, 'moved'), folder);
    const answer = await answerOriginal(store, doc.id, { method: 'GET' });
    expect(answer.status).toBe(403);
    await close();
  });

  it('serves ranges of an original of 2 GiB and more, read from disk a piece at a time', async () => {
    const { store, doc, file, close } = await library();
    // A sparse file: 5 GiB on paper, a few bytes on disk.
    const size = 5 * 2 ** 30;
    await truncate(file, size);
    const handle = await openFile(file, 'r+');
    await handle.write(Buffer.from('END-OF-FILE'), 0, 11, size - 11);
    await handle.close();
    const tail = await answerOriginal(store, doc.id, { method: 'GET', range: 'bytes=-11' });
    expect(tail.status).toBe(206);
    expect(tail.headers['Content-Range']).toBe(`bytes ${size - 11}-${size - 1}/${size}`);
    expect(await body(tail)).toBe('END-OF-FILE');
    const whole = await answerOriginal(store, doc.id, { method: 'HEAD' });
    expect(whole.headers['Content-Length']).toBe(String(size));
    await close();
  });
});
