// A document's original file answered in byte ranges (HTTP Range, RFC 9110 §14), the same for browser
// mode's host and the desktop app's app:// protocol: pdf.js reads a PDF a piece at a time, so the first
// page shows without waiting for the whole file, whatever its size. The file is streamed from disk,
// never read whole.
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { closingDelimiter, coalesceRanges, MAX_RANGES, multipartLength, partHeader, type ByteRange } from '../../shared/byte-ranges';
import { isAppError } from '../../shared/errors';
import { securityHeaders } from './static-files';
import type { LibraryStore } from './library/store';

/** The URL path of a document's original, relative to the app's root ("api/documents/<id>/original"). */
export const ORIGINAL_PATH = /^\/api\/documents\/([^/]+)\/original$/;

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'part'; start: number; end: number }
  /** Several ranges, sorted, none overlapping or touching another: answered as multipart/byteranges. */
  | { kind: 'parts'; parts: ByteRange[] }
  | { kind: 'unsatisfiable'; reason: string };

/**
 * Reads a Range header against a file of `size` bytes: one byte range, or a list of them (pdf.js asks
 * for the scattered pieces a page needs at once; see shared/byte-ranges.ts), overlapping ones merged.
 * A range past the file's end is left out, as the RFC says, and the request is refused if none is left;
 * a header in another unit is ignored; anything else we cannot serve is refused.
 */
export function parseRange(header: string | null | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'whole' };
  const match = /^\s*([A-Za-z]+)\s*=\s*(.*)$/.exec(header);
  if (!match) return { kind: 'unsatisfiable', reason: 'the Range header is not of the form bytes=start-end' };
  if (match[1]!.toLowerCase() !== 'bytes') return { kind: 'whole' };
  const specs = match[2]!.split(',').map((spec) => spec.trim());
  if (specs.length > MAX_RANGES) return { kind: 'unsatisfiable', reason: `at most ${MAX_RANGES} ranges are served at a time` };
  const ranges: ByteRange[] = [];
  let reason = '';
  for (const spec of specs) {
    const range = parseOne(spec, size);
    if ('reason' in range) {
      if (range.malformed) return { kind: 'unsatisfiable', reason: range.reason };
      reason ||= range.reason;
    } else ranges.push(range);
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable', reason };
  const parts = coalesceRanges(ranges);
  return parts.length === 1 ? { kind: 'part', ...parts[0]! } : { kind: 'parts', parts };
}

function parseOne(spec: string, size: number): ByteRange | { reason: string; malformed: boolean } {
  const range = /^(\d{0,16})-(\d{0,16})$/.exec(spec);
  if (!range || (range[1] === '' && range[2] === '')) return { reason: `"${spec.slice(0, 40)}" is not a byte range`, malformed: true };
  const [first, last] = [range[1]!, range[2]!];
  if (first === '') {
    // The last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { reason: 'the range is empty', malformed: false };
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { reason: 'the range ends before it starts', malformed: true };
  if (start >= size) return { reason: `the range starts after the file's end (${size} bytes)`, malformed: false };
  return { start, end };
}

export interface OriginalRequest {
  method: string;
  range?: string | null;
  /** If-Match: the version the reader began with; a replaced file then answers 412, not mixed bytes. */
  ifMatch?: string | null;
}

export interface OriginalAnswer {
  status: number;
  headers: Record<string, string>;
  /** The bytes (a stream from the file), a message, or nothing (HEAD). */
  body: Readable | string | null;
}

/** Answers a request for document `id`'s original, whole or in one range. */
export async function answerOriginal(store: Pick<LibraryStore, 'openOriginal'>, id: string, request: OriginalRequest): Promise<OriginalAnswer> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return message(405, 'Only GET and HEAD are answered here.');
  let opened;
  try {
    opened = await store.openOriginal(id);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return message(error.code === 'not-found' ? 404 : 403, error.message);
  }
  const { handle, size, version } = opened;
  const etag = `"${version}"`;
  const headers: Record<string, string> = {
    ...securityHeaders('application/octet-stream'),
    // Bytes for the app's own reader, never a page to show: an HTML original must not run here.
    'Content-Disposition': 'attachment',
    'Cache-Control': 'no-store',
    'Accept-Ranges': 'bytes',
    ETag: etag,
  };
  const refuse = async (status: number, text: string, extra: Record<string, string> = {}) => {
    await handle.close();
    return message(status, text, extra);
  };
  if (request.ifMatch && request.ifMatch.trim() !== '*' && !request.ifMatch.split(',').some((tag) => tag.trim() === etag)) {
    return refuse(412, 'The file has changed since it was first read (it was replaced): open the document again.', { ETag: etag });
  }
  const range = parseRange(request.range, size);
  if (range.kind === 'unsatisfiable') {
    return refuse(416, `Range not satisfiable: ${range.reason}.`, { 'Content-Range': `bytes */${size}` });
  }
  if (range.kind === 'parts') return multipart(handle, request.method, headers, range.parts, size);
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
  const status = range.kind === 'part' ? 206 : 200;
  headers['Content-Length'] = String(Math.max(0, end - start + 1));
  if (range.kind === 'part') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  if (request.method === 'HEAD' || end < start) {
    await handle.close();
    return { status, headers, body: request.method === 'HEAD' ? null : '' };
  }
  return { status, headers, body: handle.createReadStream({ start, end, autoClose: true }) };
}

/** Several ranges in one multipart/byteranges answer, read from the file part by part as it is sent. */
async function multipart(handle: FileHandle, method: string, headers: Record<string, string>, parts: ByteRange[], size: number): Promise<OriginalAnswer> {
  const boundary = `apostil-${randomBytes(12).toString('hex')}`;
  const answer = {
    ...headers,
    'Content-Type': `multipart/byteranges; boundary=${boundary}`,
    'Content-Length': String(multipartLength(boundary, parts, size)),
  };
  if (method === 'HEAD') {
    await handle.close();
    return { status: 206, headers: answer, body: null };
  }
  async function* body() {
    try {
      for (const [i, part] of parts.entries()) {
        yield Buffer.from(partHeader(boundary, part, size, i === 0), 'latin1');
        for (let at = part.start; at <= part.end; ) {
          const piece = Buffer.allocUnsafe(Math.min(PIECE_BYTES, part.end - at + 1));
          const { bytesRead } = await handle.read(piece, 0, piece.length, at);
          // The file shrank under us: end short, and the reader, counting, refuses the answer.
          if (bytesRead === 0) return;
          yield piece.subarray(0, bytesRead);
          at += bytesRead;
        }
      }
      yield Buffer.from(closingDelimiter(boundary), 'latin1');
    } finally {
      await handle.close();
    }
  }
  return { status: 206, headers: answer, body: Readable.from(body(), { objectMode: false }) };
}

/** How much of a part is read from the file at a time. */
const PIECE_BYTES = 1024 * 1024;

function message(status: number, text: string, extra: Record<string, string> = {}): OriginalAnswer {
  return { status, headers: { ...securityHeaders('text/plain; charset=utf-8'), 'Cache-Control': 'no-store', ...extra }, body: text };
}
