// The texts of source passages are not copied into the index (they would make it larger than the
// library's text): a hit's snippet is read from the document's own text.json. When the passage is
// indexed, the byte range of its text inside that file's JSON string is recorded, so a hit reads those
// few hundred bytes instead of parsing the whole file; the file's size is recorded too, and a file that
// changed since (or a range that does not decode to the passage's length) is read whole instead.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

const decoder = new TextDecoder();

/**
 * Where the characters at `offsets` (ascending, in the decoded "text" string) are in the raw JSON bytes,
 * or null when the file's "text" value cannot be found (then hits read the file whole).
 */
export function rawTextOffsets(raw: Uint8Array, text: string, offsets: readonly number[]): number[] | null {
  const at = findTextValue(raw);
  if (at < 0) return null;
  const out: number[] = [];
  let chars = 0;
  let i = at;
  let k = 0;
  while (k < offsets.length) {
    while (k < offsets.length && offsets[k]! <= chars) {
      if (offsets[k]! < chars) return null; // inside a character (half of a surrogate pair)
      out.push(i);
      k++;
    }
    if (k === offsets.length) break;
    const b = raw[i];
    if (b === undefined || b === 0x22) return null; // the string ended before the offset
    if (b === 0x5c) {
      i += raw[i + 1] === 0x75 ? 6 : 2; // \uXXXX or \n, \", …
      chars += 1;
    } else if (b < 0x80) {
      i += 1;
      chars += 1;
    } else if (b >= 0xf0) {
      i += 4;
      chars += 2; // a surrogate pair in JavaScript
    } else {
      i += b >= 0xe0 ? 3 : 2;
      chars += 1;
    }
  }
  // A cheap check that the walk agrees with the parsed text: the last offset's character is the same.
  const last = offsets[offsets.length - 1];
  if (last !== undefined && last < text.length && raw[out[out.length - 1]!] !== 0x5c) {
    const code = text.charCodeAt(last);
    if (code < 0x80 && raw[out[out.length - 1]!] !== code) return null;
  }
  return out;
}

/** The byte just after the opening quote of the top-level "text" value, or -1. */
function findTextValue(raw: Uint8Array): number {
  let i = skipSpace(raw, 0);
  if (raw[i] !== 0x7b) return -1;
  i++;
  for (;;) {
    i = skipSpace(raw, i);
    if (raw[i] !== 0x22) return -1;
    const keyStart = i + 1;
    i = skipString(raw, i);
    if (i < 0) return -1;
    const isText = i - keyStart === 5 && decoder.decode(raw.subarray(keyStart, i - 1)) === 'text';
    i = skipSpace(raw, i);
    if (raw[i] !== 0x3a) return -1;
    i = skipSpace(raw, i + 1);
    if (isText) return raw[i] === 0x22 ? i + 1 : -1;
    i = skipValue(raw, i);
    if (i < 0) return -1;
    i = skipSpace(raw, i);
    if (raw[i] === 0x2c) i++;
    else return -1;
  }
}

function skipSpace(raw: Uint8Array, i: number): number {
  while (raw[i] === 0x20 || raw[i] === 0x0a || raw[i] === 0x0d || raw[i] === 0x09) i++;
  return i;
}

/** From an opening quote to just after the closing one, or -1. */
function skipString(raw: Uint8Array, i: number): number {
  for (i++; i < raw.length; i++) {
    if (raw[i] === 0x5c) i++;
    else if (raw[i] === 0x22) return i + 1;
  }
  return -1;
}

/** Past one JSON value (strings, numbers, literals, nested arrays and objects), or -1. */
function skipValue(raw: Uint8Array, i: number): number {
  let depth = 0;
  for (; i < raw.length; ) {
    const b = raw[i]!;
    if (b === 0x22) {
      i = skipString(raw, i);
      if (i < 0) return -1;
    } else if (b === 0x7b || b === 0x5b) {
      depth++;
      i++;
    } else if (b === 0x7d || b === 0x5d) {
      if (depth === 0) return i;
      depth--;
      i++;
    } else if (depth === 0 && b === 0x2c) return i;
    else i++;
    if (depth === 0 && (b === 0x22 || b === 0x7d || b === 0x5d)) return i;
  }
  return -1;
}

export interface PassageLocation {
  file: string;
  /** The file's size when indexed (-1: unknown, read it whole). */
  size: number;
  rawStart: number;
  rawEnd: number;
  /** The passage's range in the decoded text. */
  start: number;
  end: number;
}

/** A passage's text, from its byte range when the file is as indexed, else from the whole file. */
export function readPassageText(where: PassageLocation): string {
  if (where.size >= 0 && where.rawEnd >= where.rawStart) {
    let fd = -1;
    try {
      fd = openSync(where.file, 'r');
      if (fstatSync(fd).size === where.size) {
        const bytes = new Uint8Array(where.rawEnd - where.rawStart);
        readSync(fd, bytes, 0, bytes.byteLength, where.rawStart);
        let text = decoder.decode(bytes);
        if (text.includes('\\')) text = JSON.parse(`"${text}"`) as string;
        if (text.length === where.end - where.start) return text;
      }
    } catch {
      // read whole below
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
  try {
    const parsed = JSON.parse(readFileSync(where.file, 'utf8')) as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text.slice(where.start, where.end) : '';
  } catch {
    return '';
  }
}
