// Derived data kept in cache/ (the check record, the analysis facts) as one JSON file that carries the
// SHA-256 of its own body: {"sha256":"…","body":…}. The checksum is of the body's text as written, so it
// is checked before anything is parsed and without writing megabytes of body out again. A file that is
// missing, torn or altered reads as null: the caller then rebuilds what it held from the library.
import { createHash } from 'node:crypto';
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
