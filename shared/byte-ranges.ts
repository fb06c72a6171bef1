// Several byte ranges of a file in one HTTP request and one answer (RFC 9110 §14.2, §14.6: a Range
// header with a list, answered as multipart/byteranges). pdf.js asks for the scattered pieces a page
// needs all at once (a flat page tree's page objects lie between megabytes of images): one round trip
// instead of one per piece. Main writes the answer, the renderer reads it; both use what is here.

/** Bytes start..end of a file, both included (as HTTP writes them). */
export interface ByteRange {
  start: number;
  end: number;
}

/** One part of an answer: its bytes and where they lie in a file of `size` bytes. */
export interface RangePart extends ByteRange {
  size: number;
  bytes: Uint8Array;
}

/** The most ranges main answers in one request (RFC 9110 §17.15: a long list is a way to overload a server). */
export const MAX_RANGES = 64;

/** The ranges sorted, with those that overlap or touch merged (RFC 9110 §14.2 allows a server to). */
export function coalesceRanges(ranges: readonly ByteRange[]): ByteRange[] {
  const merged: ByteRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The header of one part of a multipart/byteranges body (the first part has no line break before it). */
export function partHeader(boundary: string, range: ByteRange, size: number, first: boolean): string {
  return `${first ? '' : '\r\n'}--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${range.start}-${range.end}/${size}\r\n\r\n`;
}

/** The end of a multipart/byteranges body. */
export function closingDelimiter(boundary: string): string {
  return `\r\n--${boundary}--\r\n`;
}

/** The length of a multipart/byteranges body with these parts. */
export function multipartLength(boundary: string, ranges: readonly ByteRange[], size: number): number {
  let length = closingDelimiter(boundary).length;
  ranges.forEach((range, i) => (length += partHeader(boundary, range, size, i === 0).length + range.end - range.start + 1));
  return length;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/i;

/** "bytes 0-99/1234" read, or null. */
export function readContentRange(header: string | null | undefined): { start: number; end: number; size: number } | null {
  const match = CONTENT_RANGE.exec((header ?? '').trim());
  if (!match) return null;
  const [start, end, size] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return start <= end && end < size ? { start, end, size } : null;
}

/**
 * The parts of a multipart/byteranges body, or null if it is not one (or is damaged: a part shorter
 * than its Content-Range says, a missing boundary). Each part's bytes are a view of `body`.
 */
export function readMultipart(body: Uint8Array, contentType: string | null): RangePart[] | null {
  const boundary = /^multipart\/byteranges\s*;.*?boundary="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) return null;
  const ascii = (from: number, to: number) => String.fromCharCode(...body.subarray(from, to));
  const delimiter = `--${boundary}`;
  const parts: RangePart[] = [];
  let at = 0;
  for (;;) {
    const found = indexOf(body, delimiter, at);
    if (found < 0) return null;
    at = found + delimiter.length;
    if (ascii(at, at + 2) === '--') return parts;
    const headersEnd = indexOf(body, '\r\n\r\n', at);
    if (headersEnd < 0) return null;
    const headers = ascii(at, headersEnd).split('\r\n');
    const range = readContentRange(headers.find((h) => /^content-range\s*:/i.test(h))?.replace(/^[^:]*:/, ''));
    const start = headersEnd + 4;
    const end = start + (range ? range.end - range.start + 1 : 0);
    if (!range || end > body.length) return null;
    parts.push({ ...range, bytes: body.subarray(start, end) });
    at = end;
  }
}

function indexOf(body: Uint8Array, text: string, from: number): number {
  const first = text.charCodeAt(0);
  for (let i = body.indexOf(first, from); i >= 0 && i + text.length <= body.length; i = body.indexOf(first, i + 1)) {
    let k = 1;
    while (k < text.length && body[i + k] === text.charCodeAt(k)) k++;
    if (k === text.length) return i;
  }
  return -1;
}
