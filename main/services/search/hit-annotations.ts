// What an annotation hit shows (its quote and note) is not in the index (the index would outgrow its size
// budget): it is read from the document's annotations.json as the store would read it (a regular file,
// never through a link), but synchronously, and only what the hit shows is validated.
//
// A query shows twenty annotation hits, most from twenty different files of tens of kilobytes: parsing
// each whole file took about 40 % of a query's time, and made most of its garbage. The store writes
// these files as compact JSON with each annotation's id first, so a hit's annotation is found in the
// file's bytes by its `{"id":…,` and only that object is decoded and parsed; a file laid out otherwise
// (written by hand, pretty-printed) is parsed whole, as before. The bytes of the files hit lately are
// kept, dropped when the store publishes a change that may touch them (one source of change).
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LibraryChange } from '../../../shared/library-changes';
import { parseJsonText } from '../library/files';

/** Bytes of files kept: the files of a few pages of hits (about 30 kB each in a large library). */
const KEPT_BYTES = 6 << 20;
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** How the store's files begin (JSON.stringify of { version: 1, annotations }). */
const FRAME_START = '{"version":1,"annotations":[';

/** The file's frame; an annotation's parts are checked when a hit shows it. */
const frameSchema = z.object({ version: z.literal(1), annotations: z.array(z.unknown()) });
/** The parts of an annotation a hit shows (the store validates the whole of it when it reads the file). */
const shownSchema = z.object({
  id: z.string(),
  target: z.object({ selector: z.array(z.looseObject({ type: z.string(), exact: z.string().optional() })) }),
  body: z.object({ note: z.string() }),
});

export interface HitText {
  quote: string;
  note: string;
}

interface KeptFile {
  bytes: Buffer;
  /** The whole file parsed (annotations by id, unchecked), once an annotation was not found in its text. */
  parsed: Map<unknown, unknown> | null;
}

export class HitAnnotations {
  /** Per document, its file's bytes; least recently used first. */
  private readonly kept = new Map<string, KeptFile>();
  private keptBytes = 0;

  constructor(private readonly fileOf: (documentId: string) => string) {}

  /** The annotation's quote and note as its document's file has them now, or undefined (gone, unreadable). */
  get(documentId: string, annotationId: string): HitText | undefined {
    let file = this.kept.get(documentId);
    if (file) this.kept.delete(documentId);
    else {
      const bytes = this.read(documentId);
      if (bytes === undefined) return undefined;
      file = { bytes, parsed: null };
      this.keptBytes += bytes.byteLength;
    }
    this.kept.set(documentId, file);
    for (const [id, old] of this.kept) {
      if (this.keptBytes <= KEPT_BYTES || id === documentId) break;
      this.kept.delete(id);
      this.keptBytes -= old.bytes.byteLength;
    }
    const found = file.parsed ? undefined : shown(objectIn(file.bytes, annotationId));
    if (found?.id === annotationId) return hitText(found);
    try {
      file.parsed ??= parseWhole(this.fileOf(documentId), file.bytes.toString('utf8'));
    } catch {
      // A file the store cannot read either: its health check reports it; the hit shows no quote.
      return undefined;
    }
    const parsed = shown(file.parsed.get(annotationId));
    return parsed ? hitText(parsed) : undefined;
  }

  /** Follows the store's changes: an annotation change drops its document's file, anything else all of them. */
  follow(change: LibraryChange): void {
    if (change.kind === 'annotations.changed') {
      const file = this.kept.get(change.documentId);
      if (file) this.keptBytes -= file.bytes.byteLength;
      this.kept.delete(change.documentId);
    } else {
      this.kept.clear();
      this.keptBytes = 0;
    }
  }

  private read(documentId: string): Buffer | undefined {
    const file = this.fileOf(documentId);
    let fd = -1;
    try {
      fd = openSync(file, FLAGS);
      if (!fstatSync(fd).isFile()) return undefined;
      return readFileSync(fd);
    } catch {
      return undefined;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
}

function parseWhole(file: string, text: string): Map<unknown, unknown> {
  const { annotations } = parseJsonText(file, text, frameSchema);
  return new Map(annotations.map((a) => [(a as { id?: unknown } | null)?.id, a]));
}

function shown(value: unknown): z.infer<typeof shownSchema> | undefined {
  if (value === undefined) return undefined;
  const parsed = shownSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function hitText(annotation: z.infer<typeof shownSchema>): HitText {
  return { quote: annotation.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '', note: annotation.body.note };
}

/**
 * The annotation object with this id in a file the store wrote (compact, id first), parsed; undefined
 * when the file is not laid out so or the object is not there. An unescaped quote cannot stand inside
 * a JSON string, so `{"id":"…",` found in the bytes is an object's start, never part of a note; and no
 * byte of a multi-byte UTF-8 character is an ASCII brace or quote.
 */
export function objectIn(bytes: Buffer, id: string): unknown {
  if (bytes.toString('latin1', 0, FRAME_START.length) !== FRAME_START || !endsFrame(bytes)) return undefined;
  const at = bytes.indexOf(`{"id":${JSON.stringify(id)},`, FRAME_START.length, 'utf8');
  if (at === -1) return undefined;
  const end = objectEnd(bytes, at);
  if (end === -1) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8', at, end));
  } catch {
    return undefined;
  }
}

/** Whether the bytes end with the frame's "]}" (white space after it allowed): a file not cut short. */
function endsFrame(bytes: Uint8Array): boolean {
  let i = bytes.length - 1;
  while (i > 0 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i--;
  return bytes[i] === 0x7d && bytes[i - 1] === 0x5d;
}

/** The index just past the object starting at `start` (its closing brace), or -1. */
function objectEnd(bytes: Uint8Array, start: number): number {
  let depth = 0;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x22) {
      // A string: to its closing quote, escapes skipped.
      for (i++; i < bytes.length; i++) {
        const s = bytes[i]!;
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}
