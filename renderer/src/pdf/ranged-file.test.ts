import { beforeEach, describe, expect, it, vi } from 'vitest';

const fetchFromMain = vi.hoisted(() => vi.fn());
vi.mock('../api/client', () => ({ fetchFromMain }));
const { openRangedFile, RANGE_CHUNK_BYTES, TAIL_BYTES } = await import('./ranged-file');

/** A fake of main's original route over `file`: 206 for a range, with the file's version. */
function serve(file: Uint8Array, version = '"v1"') {
  fetchFromMain.mockImplementation(async (_path: string, headers: Record<string, string>) => {
    if (headers['If-Match'] && headers['If-Match'] !== version) return new Response('changed', { status: 412 });
    const [, a, b] = /bytes=(\d*)-(\d+)/.exec(headers.Range ?? '')!;
    // "bytes=-N": the last N bytes.
    const start = a === '' ? Math.max(0, file.length - Number(b)) : Number(a);
    const end = a === '' ? file.length - 1 : Math.min(Number(b), file.length - 1);
    return new Response(file.slice(start, end + 1), {
      status: 206,
      headers: { 'Content-Range': `bytes ${start}-${end}/${file.length}`, ETag: version },
    });
  });
}

describe('openRangedFile', () => {
  beforeEach(() => {
    fetchFromMain.mockReset();
  });
  const file = Uint8Array.from({ length: RANGE_CHUNK_BYTES * 3 + 17 }, (_, i) => (i * 7) & 255);

  it('reads the first chunk and the size, then exactly the ranges asked for', async () => {
    serve(file);
    const ranged = await openRangedFile('doc-1');
    expect(ranged.length).toBe(file.length);
    expect(ranged.first).toEqual(file.slice(0, RANGE_CHUNK_BYTES));
    expect(fetchFromMain).toHaveBeenCalledWith('api/documents/doc-1/original', { Range: `bytes=0-${RANGE_CHUNK_BYTES - 1}` }, expect.any(AbortSignal));
    const [begin, end] = [RANGE_CHUNK_BYTES, RANGE_CHUNK_BYTES * 2];
    expect(await ranged.read(begin, end)).toEqual(file.slice(begin, end));
    // Later ranges name the version read first.
    expect(fetchFromMain).toHaveBeenLastCalledWith(expect.any(String), { Range: `bytes=${begin}-${end - 1}`, 'If-Match': '"v1"' }, expect.any(AbortSignal));
  });

  it("reads the file's end beside its first bytes, and answers pdf.js's reads there without asking main again", async () => {
    const big = Uint8Array.from({ length: RANGE_CHUNK_BYTES * 5 + 17 }, (_, i) => (i * 13) & 255);
    serve(big);
    const ranged = await openRangedFile('doc-1');
    expect(fetchFromMain).toHaveBeenCalledTimes(2);
    expect(fetchFromMain).toHaveBeenCalledWith(expect.any(String), { Range: `bytes=-${TAIL_BYTES}` }, expect.any(AbortSignal));
    // pdf.js asks for chunk-aligned pieces: the last one, then the one before it (the trailer, the cross-references).
    const lastChunk = RANGE_CHUNK_BYTES * 5;
    expect(await ranged.read(lastChunk, big.length)).toEqual(big.slice(lastChunk));
    expect(await ranged.read(lastChunk - RANGE_CHUNK_BYTES, lastChunk)).toEqual(big.slice(lastChunk - RANGE_CHUNK_BYTES, lastChunk));
    expect(fetchFromMain).toHaveBeenCalledTimes(2);
    // Anything before the end is read from main.
    expect(await ranged.read(RANGE_CHUNK_BYTES, 2 * RANGE_CHUNK_BYTES)).toEqual(big.slice(RANGE_CHUNK_BYTES, 2 * RANGE_CHUNK_BYTES));
    expect(fetchFromMain).toHaveBeenCalledTimes(3);
  });

  it("does not use an end read from another version of the file (replaced between the two reads)", async () => {
    const big = Uint8Array.from({ length: RANGE_CHUNK_BYTES * 5 }, (_, i) => (i * 13) & 255);
    serve(big);
    const served = fetchFromMain.getMockImplementation()!;
    fetchFromMain.mockImplementation(async (path: string, headers: Record<string, string>) => {
      const answer = await served(path, headers);
      if (headers.Range?.startsWith('bytes=-')) answer.headers.set('ETag', '"v0"');
      return answer;
    });
    const ranged = await openRangedFile('doc-1');
    const begin = big.length - RANGE_CHUNK_BYTES;
    expect(await ranged.read(begin, big.length)).toEqual(big.slice(begin));
    expect(fetchFromMain).toHaveBeenCalledTimes(3);
  });

  it('says so in words when the file was replaced while open (412), or main answers short', async () => {
    serve(file);
    const ranged = await openRangedFile('doc-1');
    serve(file, '"v2"');
    await expect(ranged.read(0, 10)).rejects.toThrow(/replaced while it was open/);
    fetchFromMain.mockResolvedValue(new Response(new Uint8Array(3), { status: 206 }));
    await expect(ranged.read(0, 10)).rejects.toThrow(/could not be read \(bytes 0–10: HTTP 206, 3 bytes\)/);
  });

  it('tries once more after a network fault, not after an abort', async () => {
    serve(file);
    const ranged = await openRangedFile('doc-1');
    const served = fetchFromMain.getMockImplementation()!;
    fetchFromMain.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await ranged.read(5, 9)).toEqual(file.slice(5, 9));
    ranged.abort();
    fetchFromMain.mockImplementation(async (...args: unknown[]) => {
      const signal = args[2] as AbortSignal;
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      return served(...(args as Parameters<typeof served>));
    });
    await expect(ranged.read(5, 9)).rejects.toThrow(/aborted/);
  });

  it('refuses an empty file and passes on what main says when it refuses', async () => {
    fetchFromMain.mockImplementation(async () => new Response('Range not satisfiable', { status: 416 }));
    await expect(openRangedFile('doc-1')).rejects.toThrow('The file is empty.');
    fetchFromMain.mockImplementation(async () => new Response('This tab is not signed in to Apostil.', { status: 401 }));
    await expect(openRangedFile('doc-1')).rejects.toThrow('This tab is not signed in to Apostil.');
  });
});
