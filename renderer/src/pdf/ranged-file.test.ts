import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closingDelimiter, coalesceRanges, partHeader } from '../../../shared/byte-ranges';

const fetchFromMain = vi.hoisted(() => vi.fn());
vi.mock('../api/client', () => ({ fetchFromMain }));
const { openRangedFile, RANGE_CHUNK_BYTES, TAIL_BYTES } = await import('./ranged-file');

/**
 * A fake of main's original route over `file` (main's own answer, with the real file, is tested in
 * main/services/original-ranges.test.ts and end to end): one range answered with 206, several with a
 * multipart/byteranges body, a range naming another version with 412. Returns the requests' headers.
 */
function serve(file: Uint8Array, version = '"v1"') {
  const requests: Record<string, string>[] = [];
  fetchFromMain.mockImplementation(async (_path: string, headers: Record<string, string>, signal?: AbortSignal) => {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    requests.push(headers);
    if (headers['If-Match'] && headers['If-Match'] !== version) return new Response('changed', { status: 412 });
    if (file.length === 0) return new Response('Range not satisfiable', { status: 416 });
    const ranges = coalesceRanges(
      headers.Range!.replace('bytes=', '')
        .split(',')
        .map((spec) => {
          const [a, b] = spec.split('-');
          // "-N": the last N bytes.
          return a === '' ? { start: Math.max(0, file.length - Number(b)), end: file.length - 1 } : { start: Number(a), end: Math.min(Number(b), file.length - 1) };
        }),
    );
    if (ranges.length === 1) {
      const [{ start, end }] = ranges as [{ start: number; end: number }];
      return new Response(file.slice(start, end + 1), { status: 206, headers: { 'Content-Range': `bytes ${start}-${end}/${file.length}`, ETag: version } });
    }
    const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    const parts = ranges.flatMap((range, i) => [latin1(partHeader('sep', range, file.length, i === 0)), file.slice(range.start, range.end + 1)]);
    parts.push(latin1(closingDelimiter('sep')));
    const body = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    parts.reduce((at, part) => (body.set(part, at), at + part.length), 0);
    return new Response(body, {
      status: 206,
      headers: { 'Content-Type': 'multipart/byteranges; boundary=sep', ETag: version },
    });
  });
  return requests;
}

/** A file's bytes (what they are does not matter to the transport), of TAMReview.pdf's size by default. */
const bytesOf = (length = 674_629) => Uint8Array.from({ length }, (_, i) => (i * 7 + (i >> 11)) & 255);

describe('openRangedFile', () => {
  beforeEach(() => {
    fetchFromMain.mockReset();
  });

  it("reads a file's first bytes and its end in one request, then answers pdf.js's reads of the end without asking main", async () => {
    const bytes = bytesOf();
    expect(bytes.length).toBeGreaterThan(RANGE_CHUNK_BYTES + TAIL_BYTES);
    const requests = serve(bytes);
    const ranged = await openRangedFile('doc-1');
    expect(requests).toEqual([{ Range: `bytes=0-${RANGE_CHUNK_BYTES - 1},-${TAIL_BYTES}` }]);
    expect(ranged.length).toBe(bytes.length);
    expect(ranged.first).toEqual(bytes.slice(0, RANGE_CHUNK_BYTES));
    // pdf.js asks for chunk-aligned pieces: the last one, then the one before it (the trailer, the cross-references).
    const lastChunk = Math.floor(bytes.length / RANGE_CHUNK_BYTES) * RANGE_CHUNK_BYTES;
    expect(await ranged.read(lastChunk, bytes.length)).toEqual(bytes.slice(lastChunk));
    expect(await ranged.read(lastChunk - RANGE_CHUNK_BYTES, lastChunk)).toEqual(bytes.slice(lastChunk - RANGE_CHUNK_BYTES, lastChunk));
    expect(requests).toHaveLength(1);
  });

  it('comes whole, in one request, when the file is smaller than the first bytes and the end together', async () => {
    const bytes = bytesOf(92_397);
    const requests = serve(bytes);
    const ranged = await openRangedFile('doc-1');
    expect(requests).toHaveLength(1);
    expect(ranged.length).toBe(bytes.length);
    expect(ranged.first).toEqual(bytes);
  });

  it('sends the pieces pdf.js asks for in the same moment to main in one request, each answered with its exact bytes', async () => {
    const bytes = bytesOf();
    const requests = serve(bytes);
    const ranged = await openRangedFile('doc-1');
    const pieces: [number, number][] = [
      [3 * RANGE_CHUNK_BYTES, 4 * RANGE_CHUNK_BYTES],
      [RANGE_CHUNK_BYTES, 2 * RANGE_CHUNK_BYTES],
      [RANGE_CHUNK_BYTES + 10, RANGE_CHUNK_BYTES + 20],
      [2 * RANGE_CHUNK_BYTES, 2 * RANGE_CHUNK_BYTES + 5],
    ];
    const read = await Promise.all(pieces.map(([begin, end]) => ranged.read(begin, end)));
    read.forEach((piece, i) => expect(piece).toEqual(bytes.slice(...pieces[i]!)));
    // The first read named the version it began with; overlapping and touching pieces were asked for once.
    expect(requests).toHaveLength(2);
    expect(requests[1]!.Range).toBe(`bytes=${RANGE_CHUNK_BYTES}-${2 * RANGE_CHUNK_BYTES + 4},${3 * RANGE_CHUNK_BYTES}-${4 * RANGE_CHUNK_BYTES - 1}`);
    expect(requests[1]!['If-Match']).toBeTruthy();
    // A later read is a request of its own.
    expect(await ranged.read(5, 9)).toEqual(bytes.slice(5, 9));
    expect(requests).toHaveLength(3);
  });

  it('says so in words when the file was replaced while open (412), or main answers short', async () => {
    const bytes = bytesOf();
    serve(bytes);
    const ranged = await openRangedFile('doc-1');
    serve(bytes, '"v2"');
    await expect(ranged.read(RANGE_CHUNK_BYTES, RANGE_CHUNK_BYTES + 10)).rejects.toThrow(/replaced while it was open/);
    fetchFromMain.mockResolvedValue(new Response(new Uint8Array(3), { status: 206, headers: { 'Content-Range': `bytes 200000-200009/${bytes.length}` } }));
    await expect(ranged.read(200_000, 200_010)).rejects.toThrow(/could not be read \(bytes 200000–200010: HTTP 206\)/);
  });

  it('tries once more after a network fault, not after an abort', async () => {
    const bytes = bytesOf();
    serve(bytes);
    const ranged = await openRangedFile('doc-1');
    fetchFromMain.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await ranged.read(200_005, 200_009)).toEqual(bytes.slice(200_005, 200_009));
    ranged.abort();
    await expect(ranged.read(200_005, 200_009)).rejects.toThrow(/aborted/);
  });

  it('refuses an empty file and passes on what main says when it refuses', async () => {
    serve(new Uint8Array(0));
    await expect(openRangedFile('doc-1')).rejects.toThrow('The file is empty.');
    fetchFromMain.mockImplementation(async () => new Response('This tab is not signed in to Apostil.', { status: 401 }));
    await expect(openRangedFile('doc-1')).rejects.toThrow('This tab is not signed in to Apostil.');
  });
});
