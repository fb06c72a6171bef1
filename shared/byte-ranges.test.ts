import { describe, expect, it } from 'vitest';
import { closingDelimiter, coalesceRanges, multipartLength, partHeader, readMultipart, type ByteRange } from './byte-ranges';

const file = Uint8Array.from({ length: 300 }, (_, i) => (i * 31) & 255);

/** A multipart/byteranges body of `file` as main writes it. */
function body(boundary: string, ranges: ByteRange[]): Uint8Array {
  const chunks: number[] = [];
  const text = (t: string) => chunks.push(...[...t].map((c) => c.charCodeAt(0)));
  ranges.forEach((range, i) => {
    text(partHeader(boundary, range, file.length, i === 0));
    chunks.push(...file.slice(range.start, range.end + 1));
  });
  text(closingDelimiter(boundary));
  return Uint8Array.from(chunks);
}

describe('byte ranges', () => {
  it('merges overlapping and touching ranges, in order', () => {
    expect(coalesceRanges([{ start: 10, end: 20 }, { start: 0, end: 4 }, { start: 5, end: 7 }, { start: 15, end: 30 }, { start: 40, end: 40 }])).toEqual([
      { start: 0, end: 7 },
      { start: 10, end: 30 },
      { start: 40, end: 40 },
    ]);
  });

  it('reads back each part of a multipart body, whatever its bytes (a boundary-like run inside a part included)', () => {
    const ranges = [{ start: 0, end: 9 }, { start: 100, end: 199 }, { start: 299, end: 299 }];
    const written = body('b0undary', ranges);
    expect(written.length).toBe(multipartLength('b0undary', ranges, file.length));
    const parts = readMultipart(written, 'multipart/byteranges; boundary=b0undary')!;
    expect(parts.map((p) => [p.start, p.end, p.size])).toEqual(ranges.map((r) => [r.start, r.end, 300]));
    for (const part of parts) expect(part.bytes).toEqual(file.slice(part.start, part.end + 1));
    // Bytes that spell the boundary inside a part do not cut it.
    const tricky = new TextEncoder().encode('\r\n--b0undary\r\n');
    file.set(tricky, 100);
    const again = readMultipart(body('b0undary', ranges), 'multipart/byteranges; boundary="b0undary"')!;
    expect(again[1]!.bytes).toEqual(file.slice(100, 200));
  });

  it('refuses what is not a whole multipart/byteranges body', () => {
    const ranges = [{ start: 0, end: 9 }, { start: 100, end: 199 }];
    const written = body('xyz', ranges);
    expect(readMultipart(written, 'application/octet-stream')).toBeNull();
    expect(readMultipart(written.subarray(0, written.length - 50), 'multipart/byteranges; boundary=xyz')).toBeNull();
    expect(readMultipart(written, 'multipart/byteranges; boundary=other')).toBeNull();
    const damaged = new TextDecoder('latin1').decode(written).replace('bytes 100-199/300', 'bytes 100-99/300');
    expect(readMultipart(Uint8Array.from([...damaged].map((c) => c.charCodeAt(0))), 'multipart/byteranges; boundary=xyz')).toBeNull();
  });
});
