// What an annotation hit shows (its quote and note) is not in the index (the index would outgrow its size
// budget): it is read from the document's annotations.json as the store would read it (a regular file,
// never through a link), but synchronously, and only what the hit shows is validated.
//
// A query shows twenty annotation hits, most from twenty different files of tens of kilobytes. The store
// writes these files as compact JSON with each annotation's id first, so an annotation's object is
// found in a file's bytes by its `{"id":…,` and only that object is parsed. Where each object shown
// lies is kept per file (a few bytes per annotation; files laid out otherwise, written by hand or
// pretty-printed, are parsed whole instead): when it is shown again only its object's bytes are read,
// not the whole file (reading and copying whole files was most of the cost of showing hits, and most of
// a query's garbage). What is read is checked to be that annotation's whole object; anything else
// (the file changed on disk) means reading the file again. The places are dropped when the store
// publishes a change that may touch them (one source of change).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import type { LibraryChange } from '../../../shared/library-changes';
import { parseJsonText } from '../library/files';

/** Annotations whose places in their files are kept (about 100 bytes each). */
const KEPT_PLACES = 100_000;
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** How the store's files begin (JSON.stringify of { version: 1, annotations }). */
const FRAME_START = '{"version":1,"annotations":[';
/** A place is start × SPAN + length (both exact in a double for files under 512 MB). */
const SPAN = 2 ** 24;

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

/** Where a file's annotations are: its size when read, and each annotation's place (see SPAN). */
interface FilePlaces {
  size: number;
  places: Map<string, number>;
}

export class HitAnnotations {
  /** Per document, where its file's annotations are; least recently used first. */
  private readonly kept = new Map<string, FilePlaces>();
  private keptPlaces = 0;
  /** Bytes read are read into this (grown as needed): nothing is allocated per read. */
  private scratch = Buffer.allocUnsafe(1 << 16);

  constructor(private readonly fileOf: (documentId: string) => string) {}

  /** The annotation's quote and note as its document's file has them now, or undefined (gone, unreadable). */
  get(documentId: string, annotationId: string): HitText | undefined {
    const known = this.kept.get(documentId);
    const place = known?.places.get(annotationId);
    if (known && place !== undefined) {
      this.touch(documentId, known);
      const found = shown(this.readObject(documentId, known.size, Math.floor(place / SPAN), place % SPAN, annotationId));
      if (found) return hitText(found);
    }
    // Not placed yet, or changed on disk: the whole file, and the annotation's object looked up in it.
    const length = this.read(documentId, -1, 0, -1);
    if (length < 0) {
      this.forget(documentId);
      return undefined;
    }
    const bytes = this.scratch.subarray(0, length);
    const at = placeIn(bytes, annotationId);
    if (at !== null) {
      this.place(documentId, length, annotationId, at);
      const found = shown(objectAt(bytes, Math.floor(at / SPAN), at % SPAN, annotationId));
      if (found) return hitText(found);
    }
    // Laid out otherwise (or the annotation is not there): the whole file, parsed.
    try {
      return shownText(parseWhole(this.fileOf(documentId), bytes.toString('utf8')).get(annotationId));
    } catch {
      // A file the store cannot read either: its health check reports it; the hit shows no quote.
      return undefined;
    }
  }

  /** Follows the store's changes: an annotation change drops its document's places, anything else all of them. */
  follow(change: LibraryChange): void {
    if (change.kind === 'annotations.changed') this.forget(change.documentId);
    else {
      this.kept.clear();
      this.keptPlaces = 0;
    }
  }

  private touch(documentId: string, places: FilePlaces): void {
    this.kept.delete(documentId);
    this.kept.set(documentId, places);
  }

  /** Keeps where an annotation is in its file (of this size); places of the file at another size go. */
  private place(documentId: string, size: number, annotationId: string, place: number): void {
    let known = this.kept.get(documentId);
    if (known?.size !== size) {
      this.forget(documentId, known);
      known = { size, places: new Map() };
    }
    if (!known.places.has(annotationId)) this.keptPlaces++;
    known.places.set(annotationId, place);
    this.touch(documentId, known);
    for (const [id, old] of this.kept) {
      if (this.keptPlaces <= KEPT_PLACES || id === documentId) break;
      this.forget(id, old);
    }
  }

  private forget(documentId: string, known = this.kept.get(documentId)): void {
    if (!known) return;
    this.kept.delete(documentId);
    this.keptPlaces -= known.places.size;
  }

  /** An annotation's object read from its place, if the file (of the size it had) still has it there. */
  private readObject(documentId: string, size: number, start: number, length: number, annotationId: string): unknown {
    if (this.read(documentId, size, start, length) !== length) return undefined;
    return objectAt(this.scratch, 0, length, annotationId);
  }

  /**
   * Reads `length` bytes at `start` of a document's file (the whole file when length is -1) into the
   * scratch buffer; returns how many, or -1 when the file is not a regular file, is unreadable or (size
   * ≥ 0) is not of that size any more.
   */
  private read(documentId: string, size: number, start: number, length: number): number {
    let fd = -1;
    try {
      fd = openSync(this.fileOf(documentId), FLAGS);
      const stat = fstatSync(fd);
      if (!stat.isFile() || (size >= 0 && stat.size !== size)) return -1;
      if (length < 0) length = stat.size;
      if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, 2 * this.scratch.length));
      let done = 0;
      while (done < length) {
        const n = readSync(fd, this.scratch, done, length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    } catch {
      return -1;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
}

/**
 * Where an annotation's object is in a file the store wrote (compact, id first), as start × SPAN +
 * length, or null (not there, or the file is not laid out so). An unescaped quote cannot stand inside a
 * JSON string, so `{"id":"…",` found in the bytes starts an object, never part of a note; objectAt()
 * then checks that the bytes are exactly that annotation's object. Only the asked annotation is looked
 * up (by the bytes of its head): scanning every object of a file the first time it was read cost more
 * than reading it.
 */
function placeIn(bytes: Buffer, id: string): number | null {
  if (bytes.toString('latin1', 0, FRAME_START.length) !== FRAME_START || !endsFrame(bytes)) return null;
  const at = bytes.indexOf(`{"id":${JSON.stringify(id)},`, FRAME_START.length, 'utf8');
  if (at === -1) return null;
  const end = objectEnd(bytes, at);
  return end === -1 || end - at >= SPAN ? null : at * SPAN + (end - at);
}

/** The annotation's object (parsed) from bytes [start, start + length), if they are exactly its object. */
function objectAt(bytes: Uint8Array, start: number, length: number, id: string): unknown {
  const head = `{"id":${JSON.stringify(id)},`;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + start, length);
  if (length < head.length || view.toString('utf8', 0, Buffer.byteLength(head)) !== head) return undefined;
  if (objectEnd(view, 0) !== length) return undefined;
  try {
    const value: unknown = JSON.parse(view.toString('utf8'));
    return (value as { id?: unknown } | null)?.id === id ? value : undefined;
  } catch {
    return undefined;
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

function shownText(value: unknown): HitText | undefined {
  const found = shown(value);
  return found ? hitText(found) : undefined;
}

function hitText(annotation: z.infer<typeof shownSchema>): HitText {
  return { quote: annotation.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '', note: annotation.body.note };
}

/** The annotation object with this id in a file the store wrote (compact, id first), parsed; else undefined. */
export function objectIn(bytes: Buffer, id: string): unknown {
  const at = placeIn(bytes, id);
  return at === null ? undefined : objectAt(bytes, Math.floor(at / SPAN), at % SPAN, id);
}

/** Whether the bytes end with the frame's "]}" (white space after it allowed): a file not cut short. */
function endsFrame(bytes: Uint8Array): boolean {
  const i = frameEnd(bytes);
  return bytes[i] === 0x5d && bytes[i + 1] === 0x7d;
}

/** Where the frame's closing "]}" would start (white space after it skipped). */
function frameEnd(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i > 0 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i--;
  return i - 1;
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
