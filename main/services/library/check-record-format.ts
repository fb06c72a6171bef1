// How the check record (check-record.ts) is written on disk. Since version 2 it keeps its tens of
// thousands of entries in columns: the files' paths in one list, their stamps as one list of numbers (four
// a file), their hashes as one string (64 hex digits a file, or 64 "-" for one not yet hashed), the
// documents' annotation ids as one string each. Parsed, that is a few thousand values instead of tens of
// thousands of objects, and it is checked by a pass over plain lists rather than one schema per entry: an
// open of a large library spent most of its time parsing and validating the version 1 record (an object
// per file). Version 3 writes those columns in parts of a few thousand entries, one JSON line each
// (checksummed.ts): the record of a 5,000-document library is 7.5 MB, and parsed in one piece it held
// the host's event loop for a third of a second while the page was waiting for its own files. The parts
// are put back together as the version 2 columns and checked as those are. The body is checksummed, so
// damage never reaches here; what is checked is that the body is a record of this shape, with each
// stamp, hash and id well formed, and anything else means a full check. Version 1 and 2 records are still
// read (and written again as version 3 by the next save).
import { createHash } from 'node:crypto';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { z } from 'zod';
import { DOCUMENT_FORMATS, type LibraryDocument } from '../../../shared/model';
import { libraryDocumentSchema } from '../../../shared/schemas';
import type { CheckRecord, FileStamp, RecordedDocument, RecordedFile } from './check-record';

export const RECORD_VERSION = 3;
/** Files, documents and folders a part of a version 3 record holds at most. */
const FILES_PER_PART = 1_000;
const DOCUMENTS_PER_PART = 250;
const HASH_LENGTH = 64;
/** The hash of a file not yet hashed (an original seen only by stat). */
const NOT_HASHED = '-'.repeat(HASH_LENGTH);
const HASH = /^[0-9a-f]{64}$/;
/** An id as shared/schemas.ts has it. */
const ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Ids are letters, digits, "-" and "_" (shared/schemas.ts), so a space separates them. */
const ID_LIST = /^(?:[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*)?$/;
/**
 * Entries validated between two breaks: the record of a large library takes a noticeable time to
 * validate, and the host serves the page's own files while the library opens. A document's description
 * costs much more to validate than a file's stamp.
 */
const ENTRIES_BETWEEN_BREAKS = 2_000;
const DOCUMENTS_BETWEEN_BREAKS = 100;

/** The documents' descriptions, validated a batch at a time. */
const documentsSchema = z.array(libraryDocumentSchema);

/*
 * Descriptions trusted by the record's checksum. Validating 5,000 descriptions with zod was the largest
 * part of opening a large library (more than its 25,000 stats), and the record is not outside input:
 * - every description in it was validated when it was read from its meta.json, or made by this code;
 * - the record is read only if its SHA-256 matches (checksummed.ts): damage or a torn write means a full check;
 * - it is trusted only if written by code whose description schema is this one (the fingerprint below,
 *   taken from the schema itself): a record written by another version of Apostil has each description
 *   validated as before, then is written again;
 * - a description from the record is used only for a document whose meta.json still has the exact stamp
 *   recorded, inode and change time included (open-scan.ts, document-check.ts): a library copied or synced
 *   here from elsewhere, cache and all, never matches, so its descriptions are read and validated from
 *   their files (even when a file's content hashes as recorded).
 * What is left is someone forging a record on this machine with a matching checksum, who can as well
 * change the library's files. The id and format, which name files, are still checked.
 */
let schemaFingerprint: string | undefined;
export function descriptionSchemaFingerprint(): string {
  schemaFingerprint ??= createHash('sha256')
    .update(JSON.stringify(z.toJSONSchema(libraryDocumentSchema, { unrepresentable: 'any' })))
    .digest('hex');
  return schemaFingerprint;
}

/** A description from a record trusted by its checksum: checked only for what names files. */
function recordedDescription(value: unknown): LibraryDocument | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, format } = value as Partial<LibraryDocument>;
  return typeof id === 'string' && ID.test(id) && DOCUMENT_FORMATS.includes(format!) ? (value as LibraryDocument) : null;
}
const list = z.custom<unknown[]>((value) => Array.isArray(value));

/**
 * The record's shape; what its columns hold (each path a string, each stamp four finite numbers, each
 * hash 64 hex digits, each list of ids well formed) is checked entry by entry in parseColumns, between
 * breaks: checked here at once, the columns of a large record were a stretch of their own.
 */
const columnsSchema = z.object({
  version: z.union([z.literal(2), z.literal(RECORD_VERSION)]),
  codebookSha256: z.string(),
  /** The fingerprint of the schema the descriptions were validated with (version 3). */
  descriptions: z.string().optional(),
  documents: list,
  /** For each document, its annotations' ids separated by spaces. */
  annotationIds: list,
  files: z.object({ paths: list, stamps: list, sha256: z.string() }),
  folders: z.object({ ids: list, stamps: list }),
});

/** The record as written now: its parts, one JSON line each (checksummed.ts). */
export function recordParts(record: CheckRecord): unknown[] {
  return columnsParts(recordColumns(record));
}

/** Columns split into version 3's parts. */
export function columnsParts({ files, folders, documents, annotationIds, ...head }: RecordColumns): unknown[] {
  const parts: unknown[] = [{ ...head, files: files.paths.length, documents: documents.length, folders: folders.ids.length }];
  for (let from = 0; from < files.paths.length; from += FILES_PER_PART) {
    const to = from + FILES_PER_PART;
    parts.push({ files: { paths: files.paths.slice(from, to), stamps: files.stamps.slice(from * 4, to * 4), sha256: files.sha256.slice(from * HASH_LENGTH, to * HASH_LENGTH) } });
  }
  for (let from = 0; from < documents.length; from += DOCUMENTS_PER_PART) {
    const to = from + DOCUMENTS_PER_PART;
    parts.push({ documents: documents.slice(from, to), annotationIds: annotationIds.slice(from, to) });
  }
  for (let from = 0; from < folders.ids.length; from += FILES_PER_PART) {
    const to = from + FILES_PER_PART;
    parts.push({ folders: { ids: folders.ids.slice(from, to), stamps: folders.stamps.slice(from * 4, to * 4) } });
  }
  return parts;
}

/** The record in columns (as version 2 wrote it in one piece, and as version 3's parts are put together). */
export interface RecordColumns {
  version: number;
  codebookSha256: string;
  descriptions?: string;
  documents: unknown[];
  annotationIds: string[];
  files: { paths: string[]; stamps: number[]; sha256: string };
  folders: { ids: string[]; stamps: number[] };
}

export function recordColumns(record: CheckRecord): RecordColumns {
  const documents: LibraryDocument[] = [];
  const annotationIds: string[] = [];
  for (const { document, annotationIds: ids } of record.documents.values()) {
    documents.push(document);
    annotationIds.push(ids.join(' '));
  }
  const paths: string[] = [];
  const stamps: number[] = [];
  const hashes: string[] = [];
  for (const [file, recorded] of record.files) {
    paths.push(file);
    stamps.push(...stampNumbers(recorded));
    hashes.push(recorded.sha256 ?? NOT_HASHED);
  }
  const folders = { ids: [...record.folders.keys()], stamps: [...record.folders.values()].flatMap(stampNumbers) };
  return {
    version: RECORD_VERSION,
    codebookSha256: record.codebookSha256,
    descriptions: descriptionSchemaFingerprint(),
    documents,
    annotationIds,
    files: { paths, stamps, sha256: hashes.join('') },
    folders,
  };
}

const partsHeadSchema = z.object({
  version: z.literal(RECORD_VERSION),
  codebookSha256: z.string(),
  descriptions: z.string().optional(),
  files: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  folders: z.number().int().nonnegative(),
});
/** A part's columns, each a list (what they hold is checked once they are put together). */
const lists = (value: unknown, keys: readonly string[]): value is Record<string, unknown[]> =>
  typeof value === 'object' && value !== null && keys.every((key) => Array.isArray((value as Record<string, unknown>)[key]));
const isPart = (part: unknown, kind: string): part is Record<string, unknown> => typeof part === 'object' && part !== null && kind in part;

/**
 * A version 3 record's parts put back together in columns, or null when they are not the parts of one:
 * each part's columns of equal length, and as many entries in all as the head says.
 */
export function joinRecordParts(parts: readonly unknown[]): RecordColumns | null {
  const head = partsHeadSchema.safeParse(parts[0]);
  if (!head.success) return null;
  const { files: fileCount, documents: documentCount, folders: folderCount, ...rest } = head.data;
  const columns: RecordColumns = { ...rest, documents: [], annotationIds: [], files: { paths: [], stamps: [], sha256: '' }, folders: { ids: [], stamps: [] } };
  const hashes: string[] = [];
  for (const part of parts.slice(1)) {
    if (isPart(part, 'files')) {
      const files = part.files;
      if (!lists(files, ['paths', 'stamps']) || typeof (files as { sha256?: unknown }).sha256 !== 'string') return null;
      const { paths, stamps, sha256 } = files as unknown as { paths: string[]; stamps: number[]; sha256: string };
      if (stamps.length !== paths.length * 4 || sha256.length !== paths.length * HASH_LENGTH) return null;
      columns.files.paths.push(...paths);
      columns.files.stamps.push(...stamps);
      hashes.push(sha256);
    } else if (isPart(part, 'documents')) {
      if (!lists(part, ['documents', 'annotationIds'])) return null;
      const { documents, annotationIds } = part as { documents: unknown[]; annotationIds: string[] };
      if (documents.length !== annotationIds.length) return null;
      columns.documents.push(...documents);
      columns.annotationIds.push(...annotationIds);
    } else if (isPart(part, 'folders')) {
      const folders = part.folders;
      if (!lists(folders, ['ids', 'stamps'])) return null;
      const { ids, stamps } = folders as unknown as { ids: string[]; stamps: number[] };
      if (stamps.length !== ids.length * 4) return null;
      columns.folders.ids.push(...ids);
      columns.folders.stamps.push(...stamps);
    } else return null;
  }
  columns.files.sha256 = hashes.join('');
  if (columns.files.paths.length !== fileCount || columns.documents.length !== documentCount || columns.folders.ids.length !== folderCount) return null;
  return columns;
}

function stampNumbers(stamp: FileStamp): number[] {
  return [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino];
}

/** The stamp at `index` of a list of four numbers a stamp, or null when its size is not a size. */
function stampAt(stamps: readonly unknown[], index: number): FileStamp | null {
  const at = index * 4;
  const [size, mtimeMs, ctimeMs, ino] = [stamps[at], stamps[at + 1], stamps[at + 2], stamps[at + 3]];
  if (!Number.isSafeInteger(size) || (size as number) < 0 || !finite(mtimeMs) || !finite(ctimeMs) || !finite(ino)) return null;
  return { size: size as number, mtimeMs, ctimeMs, ino };
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The record in a body read from disk as one piece (versions 1 and 2), or null when it is not one. */
export async function parseRecordBody(body: unknown): Promise<CheckRecord | null> {
  const version = (body as { version?: unknown } | null)?.version;
  if (version === 1) return parseVersion1(body);
  const record = await parseColumns(body);
  return record && { ...record, outdated: true };
}

/** The record in a version 3 record's parts, or null when they are not one. */
export async function parseRecordParts(parts: readonly unknown[]): Promise<CheckRecord | null> {
  const columns = joinRecordParts(parts);
  await yieldToIo();
  return columns && parseColumns(columns);
}

async function parseColumns(body: unknown): Promise<CheckRecord | null> {
  const parsed = columnsSchema.safeParse(body);
  if (!parsed.success) return null;
  const { codebookSha256, documents: list, annotationIds, files: fileColumns, folders: folderColumns } = parsed.data;
  const trusted = parsed.data.descriptions === descriptionSchemaFingerprint();
  await yieldToIo();
  const { paths, stamps, sha256 } = fileColumns;
  if (annotationIds.length !== list.length || stamps.length !== paths.length * 4 || sha256.length !== paths.length * HASH_LENGTH) return null;
  if (folderColumns.stamps.length !== folderColumns.ids.length * 4) return null;

  const files = new Map<string, RecordedFile>();
  for (let i = 0; i < paths.length; i++) {
    if (i > 0 && i % ENTRIES_BETWEEN_BREAKS === 0) await yieldToIo();
    const file = paths[i];
    const stamp = stampAt(stamps, i);
    const hash = sha256.slice(i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
    if (typeof file !== 'string' || !stamp || (hash !== NOT_HASHED && !HASH.test(hash))) return null;
    files.set(file, { size: stamp.size, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, ino: stamp.ino, sha256: hash === NOT_HASHED ? null : hash });
  }
  const folders = new Map<string, FileStamp>();
  for (let i = 0; i < folderColumns.ids.length; i++) {
    if (i > 0 && i % ENTRIES_BETWEEN_BREAKS === 0) await yieldToIo();
    const id = folderColumns.ids[i];
    const stamp = stampAt(folderColumns.stamps, i);
    if (typeof id !== 'string' || !stamp) return null;
    folders.set(id, stamp);
  }
  const documents = new Map<string, RecordedDocument>();
  const perBreak = trusted ? ENTRIES_BETWEEN_BREAKS : DOCUMENTS_BETWEEN_BREAKS;
  for (let from = 0; from < list.length; from += perBreak) {
    await yieldToIo();
    const slice = list.slice(from, from + perBreak);
    let valid: LibraryDocument[];
    if (trusted) {
      valid = [];
      for (const value of slice) {
        const document = recordedDescription(value);
        if (!document) return null;
        valid.push(document);
      }
    } else {
      const chunk = documentsSchema.safeParse(slice);
      if (!chunk.success) return null;
      valid = chunk.data;
    }
    for (const [i, document] of valid.entries()) {
      const ids = annotationIds[from + i];
      if (typeof ids !== 'string' || !ID_LIST.test(ids)) return null;
      documents.set(document.id, { document, annotationIds: ids === '' ? [] : ids.split(' ') });
    }
  }
  // Each path, folder and document once: a record that names one twice is not one this code wrote.
  if (files.size !== paths.length || folders.size !== folderColumns.ids.length || documents.size !== list.length) return null;
  // Descriptions validated here, not trusted: written again with this schema's fingerprint.
  return { codebookSha256, files, documents, folders, ...(trusted ? {} : { outdated: true }) };
}

// ---- Version 1: an object per file and per document, each validated on its own --------------------

const stampSchema = z.object({
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  ctimeMs: z.number(),
  ino: z.number(),
  sha256: z.string().regex(HASH).nullable(),
});
const folderStampSchema = z.object({ size: z.number().int().nonnegative(), mtimeMs: z.number(), ctimeMs: z.number(), ino: z.number() });
const recordedDocumentSchema = z.object({ document: libraryDocumentSchema, annotationIds: z.array(z.string()) });
const version1Schema = z.object({
  version: z.literal(1),
  codebookSha256: z.string(),
  files: z.record(z.string(), z.unknown()),
  documents: z.record(z.string(), z.unknown()),
  folders: z.record(z.string(), z.unknown()).optional(),
});

/** Each entry valid by `schema`, as a map; null if any is not. */
async function validEntries<T>(entries: Record<string, unknown>, schema: z.ZodType<T>): Promise<Map<string, T> | null> {
  const valid = new Map<string, T>();
  let count = 0;
  for (const [key, value] of Object.entries(entries)) {
    if (++count % ENTRIES_BETWEEN_BREAKS === 0) await yieldToIo();
    const parsed = schema.safeParse(value);
    if (!parsed.success) return null;
    valid.set(key, parsed.data);
  }
  return valid;
}

async function parseVersion1(body: unknown): Promise<CheckRecord | null> {
  const parsed = version1Schema.safeParse(body);
  if (!parsed.success) return null;
  const files = await validEntries(parsed.data.files, stampSchema);
  const documents = files && (await validEntries(parsed.data.documents, recordedDocumentSchema));
  // A record written before folders were kept has none: each folder is then listed, as it used to be.
  const folders = documents && (await validEntries(parsed.data.folders ?? {}, folderStampSchema));
  return files && documents && folders ? { codebookSha256: parsed.data.codebookSha256, files, documents, folders, outdated: true } : null;
}
