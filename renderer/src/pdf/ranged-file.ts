// A document's original read from main in byte ranges (HTTP Range on the host, the app:// protocol in
// the desktop app), so that pdf.js fetches only the parts of a PDF a page needs: the first page shows
// without waiting for the whole file, whatever its size. Every range after the first names the file's
// version (If-Match): a file replaced meanwhile is refused instead of mixing two files' bytes.
import { AppError } from '../../../shared/errors';
import { fetchFromMain } from '../api/client';

/**
 * The piece pdf.js asks for at a time (its rangeChunkSize) and the first read. Larger pieces mean
 * fewer round trips for the first page, smaller ones less read for nothing. Measured on bench:pdf's
 * files, first page only: a 500-page text PDF needs 4 reads at pdf.js's default of 64 KB, 3 at 128 KB;
 * a 100 MB scanned PDF needs 20 reads whatever the size, 6.6 MB at 64 KB, 7.7 at 128 KB, 10 at 256 KB.
 */
export const RANGE_CHUNK_BYTES = 128 * 1024;

/**
 * The file's end, read beside its first bytes: pdf.js reads a PDF from its end (the trailer, the
 * cross-reference table, often the last page) before anything else, one round trip after another.
 * Two chunks cover the last two pieces pdf.js asks for (its requests are chunk-aligned), which on
 * bench:pdf's files held the trailer and the cross-reference table: 3 sequential reads became 1.
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
  const firstRead = fetchFromMain(path, { Range: `bytes=0-${RANGE_CHUNK_BYTES - 1}` }, controller.signal);
  // The last bytes, asked for at the same time (the size is not known yet: a suffix range).
  const tailRead = fetchFromMain(path, { Range: `bytes=-${TAIL_BYTES}` }, controller.signal)
    .then(readTail)
    .catch(() => null);
  const first = await firstRead;
  if (first.status !== 206 && first.status !== 200) {
    if (first.status === 416) throw new AppError('corrupt', 'The file is empty.');
    throw new AppError(first.status === 404 ? 'not-found' : 'internal', (await first.text()) || `The file could not be read (HTTP ${first.status}).`);
  }
  const bytes = new Uint8Array(await first.arrayBuffer());
  const length = first.status === 200 ? bytes.byteLength : totalOf(first.headers.get('Content-Range'));
  if (length === null) throw new AppError('internal', 'The file could not be read: main answered without its size.');
  const version = first.headers.get('ETag');
  // The end is used only if it is of the same version of the file and of its size; else it is read again.
  const tailPart = await tailRead;
  const tail = tailPart && tailPart.version === version && tailPart.size === length ? tailPart : null;

  async function read(begin: number, end: number, attempt = 0): Promise<Uint8Array> {
    if (tail && begin >= tail.start && end <= tail.size) return tail.bytes.slice(begin - tail.start, end - tail.start);
    let response: Response;
    try {
      response = await fetchFromMain(path, { Range: `bytes=${begin}-${end - 1}`, ...(version ? { 'If-Match': version } : {}) }, controller.signal);
    } catch (error) {
      // One more try for a passing fault; an abort (the document was closed) is final.
      if (attempt === 0 && !controller.signal.aborted) return read(begin, end, 1);
      throw error;
    }
    if (response.status === 412) {
      throw new AppError('corrupt', 'The file was replaced while it was open. Open the document again to see the new version.');
    }
    const chunk = new Uint8Array(await response.arrayBuffer());
    if (response.status !== 206 || chunk.byteLength !== end - begin) {
      throw new AppError('internal', `The file could not be read (bytes ${begin}–${end}: HTTP ${response.status}, ${chunk.byteLength} bytes).`);
    }
    return chunk;
  }

  return { length, first: bytes, read: (begin, end) => read(begin, end), abort: () => controller.abort() };
}

/** A suffix read: its bytes, where they start, the file's size and version; null if it is not usable. */
async function readTail(response: Response): Promise<{ bytes: Uint8Array; start: number; size: number; version: string | null } | null> {
  if (response.status !== 206) return null;
  const match = /^bytes (\d+)-(\d+)\/(\d+)\s*$/.exec(response.headers.get('Content-Range') ?? '');
  if (!match) return null;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const [start, end, size] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (bytes.byteLength !== end - start + 1 || end !== size - 1) return null;
  return { bytes, start, size, version: response.headers.get('ETag') };
}

/** The size in "Content-Range: bytes 0-99/1234". */
function totalOf(header: string | null): number | null {
  const match = /\/(\d+)\s*$/.exec(header ?? '');
  return match ? Number(match[1]) : null;
}
