// A document's original read from main in byte ranges (HTTP Range on the host, the app:// protocol in
// the desktop app), so that pdf.js fetches only the parts of a PDF a page needs: the first page shows
// without waiting for the whole file, whatever its size. Pieces asked for together go in one request
// (several ranges, one multipart answer: shared/byte-ranges.ts). Every range after the first names the
// file's version (If-Match): a file replaced meanwhile is refused instead of mixing two files' bytes.
import { AppError } from '../../../shared/errors';
import { coalesceRanges, MAX_RANGES, readContentRange, readMultipart, type RangePart } from '../../../shared/byte-ranges';
import { fetchFromMain } from '../api/client';

/**
 * The piece pdf.js asks for at a time (its rangeChunkSize) and the first read. Larger pieces mean
 * fewer round trips for the first page, smaller ones less read for nothing. Measured on bench:pdf's
 * files, first page only: a 500-page text PDF needs 4 reads at pdf.js's default of 64 KB, 3 at 128 KB;
 * a 100 MB scanned PDF needs 20 reads whatever the size, 6.6 MB at 64 KB, 7.7 at 128 KB, 10 at 256 KB.
 */
export const RANGE_CHUNK_BYTES = 128 * 1024;

/**
 * The file's end, read with its first bytes (in the same request): pdf.js reads a PDF from its end
 * (the trailer, the cross-reference table, often the last page) before anything else, one round trip
 * after another. Two chunks cover the last two pieces pdf.js asks for (its requests are chunk-aligned),
 * which on bench:pdf's files held the trailer and the cross-reference table: 3 sequential reads became 1.
 */
export const TAIL_BYTES = 2 * RANGE_CHUNK_BYTES;

export interface RangedFile {
  /** The file's size in bytes. */
  length: number;
  /** Its first bytes (the whole file when it is small). */
  first: Uint8Array;
  /** Bytes [begin, end) of the file. */
  read(begin: number, end: number): Promise<Uint8Array>;
  /** Stops every read under way. */
  abort(): void;
}

export async function openRangedFile(documentId: string): Promise<RangedFile> {
  const path = `api/documents/${encodeURIComponent(documentId)}/original`;
  const controller = new AbortController();
  // The first bytes and the last (the size is not known yet: a suffix range), in one request. A file
  // smaller than both comes whole, once.
  const first = await fetchFromMain(path, { Range: `bytes=0-${RANGE_CHUNK_BYTES - 1},-${TAIL_BYTES}` }, controller.signal);
  if (first.status !== 206 && first.status !== 200) {
    if (first.status === 416) throw new AppError('corrupt', 'The file is empty.');
    throw new AppError(first.status === 404 ? 'not-found' : 'internal', (await first.text()) || `The file could not be read (HTTP ${first.status}).`);
  }
  const opening = partsOf(first, new Uint8Array(await first.arrayBuffer()));
  const head = opening?.find((part) => part.start === 0);
  if (!opening || !head) throw new AppError('internal', 'The file could not be read: main answered without its first bytes or its size.');
  const length = head.size;
  const tail = opening.find((part) => part.end === length - 1) ?? null;
  const version = first.headers.get('ETag');

  /** Asks main for ranges [begin, end) in one request and answers each from the parts that come back. */
  async function fetchRanges(wanted: PendingRead[], attempt = 0): Promise<void> {
    const ranges = coalesceRanges(wanted.map(({ begin, end }) => ({ start: begin, end: end - 1 })));
    let response: Response;
    let parts: RangePart[] | null;
    try {
      response = await fetchFromMain(path, { Range: `bytes=${ranges.map((r) => `${r.start}-${r.end}`).join(',')}`, ...(version ? { 'If-Match': version } : {}) }, controller.signal);
      if (response.status === 412) {
        throw new AppError('corrupt', 'The file was replaced while it was open. Open the document again to see the new version.');
      }
      parts = response.status === 206 ? partsOf(response, new Uint8Array(await response.arrayBuffer())) : null;
    } catch (error) {
      // One more try for a passing fault; an abort (the document was closed) or a replaced file is final.
      if (attempt === 0 && !controller.signal.aborted && !(error instanceof AppError)) return fetchRanges(wanted, 1);
      for (const read of wanted) read.reject(error);
      return;
    }
    for (const read of wanted) {
      const part = parts?.find((p) => p.size === length && p.start <= read.begin && read.end - 1 <= p.end);
      if (part) read.resolve(part.bytes.slice(read.begin - part.start, read.end - part.start));
      else read.reject(new AppError('internal', `The file could not be read (bytes ${read.begin}–${read.end}: HTTP ${response.status}).`));
    }
  }

  // pdf.js asks for the pieces a page needs one message at a time, all in the same moment: those asked
  // for before the next turn of the event loop go to main together (a flat page tree's page objects,
  // scattered between megabytes of images, were 17 requests before the first page of a scan).
  let waiting: PendingRead[] = [];
  function flush(): void {
    const batch = waiting;
    waiting = [];
    for (let i = 0; i < batch.length; i += MAX_RANGES) void fetchRanges(batch.slice(i, i + MAX_RANGES));
  }

  function read(begin: number, end: number): Promise<Uint8Array> {
    if (tail && begin >= tail.start && end <= length) return Promise.resolve(tail.bytes.slice(begin - tail.start, end - tail.start));
    return new Promise((resolve, reject) => {
      if (waiting.length === 0) setTimeout(flush, 0);
      waiting.push({ begin, end, resolve, reject });
    });
  }

  return { length, first: head.bytes, read, abort: () => controller.abort() };
}

interface PendingRead {
  begin: number;
  end: number;
  resolve(bytes: Uint8Array): void;
  reject(error: unknown): void;
}

/** The parts of a range answer: one (a 206 with its Content-Range, or the whole file with 200), or several (multipart). */
function partsOf(response: Response, body: Uint8Array): RangePart[] | null {
  if (response.status === 200) return [{ start: 0, end: body.byteLength - 1, size: body.byteLength, bytes: body }];
  const multipart = readMultipart(body, response.headers.get('Content-Type'));
  if (multipart) return multipart;
  const range = readContentRange(response.headers.get('Content-Range'));
  return range && body.byteLength === range.end - range.start + 1 ? [{ ...range, bytes: body }] : null;
}
