// Derived data kept in cache/ (the check record, the analysis facts) as one JSON file that carries the
// SHA-256 of its own body: {"sha256":"…","body":…}. The checksum is of the body's text as written, so it
// is checked before anything is parsed and without writing megabytes of body out again. A file that is
// missing, torn or altered reads as null: the caller then rebuilds what it held from the library.
// A body of many megabytes can be written in parts instead, one JSON value a line under a head line
// {"sha256":"…","parts":N}: each part is parsed on its own, with a break between two, so that reading it
// never holds the event loop for the whole parse (the host answers the page meanwhile).
import { createHash } from 'node:crypto';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { writeFileAtomic } from './atomic';
import { readLibraryFile } from './safe-fs';

const HEAD = /^\{"sha256":"([0-9a-f]{64})","body":/;
const HEAD_LENGTH = '{"sha256":"","body":'.length + 64;
const CLOSING_BRACE = 0x7d;

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The body's JSON, parsed (to be validated by the caller), or null when absent or not intact. */
export async function readChecksummed(file: string): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await readLibraryFile(file);
  } catch {
    return null;
  }
  // Checked on the bytes as read, so that megabytes of text are decoded once, only when intact.
  let end = bytes.length;
  while (end > 0 && /\s/.test(String.fromCharCode(bytes[end - 1]!))) end--;
  const head = HEAD.exec(bytes.toString('latin1', 0, Math.min(end, HEAD_LENGTH)));
  if (!head || bytes[end - 1] !== CLOSING_BRACE) return null;
  const body = bytes.subarray(head[0].length, end - 1);
  if (sha256(body) !== head[1]) return null;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Writes the body with its checksum, atomically. */
export async function writeChecksummed(file: string, body: unknown): Promise<void> {
  const text = JSON.stringify(body);
  await writeFileAtomic(file, `{"sha256":"${sha256(text)}","body":${text}}\n`);
}

const PARTS_HEAD = /^\{"sha256":"([0-9a-f]{64})","parts":(\d{1,9})\}\n/;
const NEWLINE = 0x0a;
const HASHED_BETWEEN_BREAKS = 1 << 20;

/** The parts' JSON, each parsed (to be validated by the caller) with a break between two; null when absent or not intact. */
export async function readChecksummedParts(file: string): Promise<unknown[] | null> {
  let bytes: Buffer;
  try {
    bytes = await readLibraryFile(file);
  } catch {
    return null;
  }
  const head = PARTS_HEAD.exec(bytes.toString('latin1', 0, Math.min(bytes.length, 100)));
  if (!head) return null;
  const body = bytes.subarray(head[0].length);
  // Hashed a slice at a time too: megabytes at once are a stretch of their own.
  const hash = createHash('sha256');
  for (let at = 0; at < body.length; at += HASHED_BETWEEN_BREAKS) {
    if (at > 0) await yieldToIo();
    hash.update(body.subarray(at, at + HASHED_BETWEEN_BREAKS));
  }
  if (hash.digest('hex') !== head[1]) return null;
  const count = Number(head[2]);
  const parts: unknown[] = [];
  let start = 0;
  while (start < body.length) {
    const end = body.indexOf(NEWLINE, start);
    if (end === -1 || parts.length === count) return null;
    await yieldToIo();
    try {
      parts.push(JSON.parse(body.toString('utf8', start, end)) as unknown);
    } catch {
      return null;
    }
    start = end + 1;
  }
  return parts.length === count ? parts : null;
}

/**
 * Writes the parts, one a line, with the checksum of all of them, atomically; each part made into text
 * with a break between two, as they are read (the parts must not change meanwhile: the caller's own).
 */
export async function writeChecksummedParts(file: string, parts: readonly unknown[]): Promise<void> {
  const lines: string[] = [];
  const hash = createHash('sha256');
  for (const part of parts) {
    if (lines.length > 0) await yieldToIo();
    const line = `${JSON.stringify(part)}\n`;
    hash.update(line);
    lines.push(line);
  }
  await writeFileAtomic(file, `{"sha256":"${hash.digest('hex')}","parts":${parts.length}}\n${lines.join('')}`);
}
