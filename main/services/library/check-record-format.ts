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
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { z } from 'zod';
import type { LibraryDocument } from '../../../shared/model';
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
const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
const numbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isFinite(item));

const columnsSchema = z.object({
  version: z.union([z.literal(2), z.literal(RECORD_VERSION)]),
  codebookSha256: z.string(),
  documents: z.custom<unknown[]>((value) => Array.isArray(value)),
  /** For each document, its annotations' ids separated by spaces. */
  annotationIds: z.custom<string[]>((value) => strings(value) && value.every((ids) => ID_LIST.test(ids))),
  files: z.object({
    paths: z.custom<string[]>(strings),
    stamps: z.custom<number[]>(numbers),
    sha256: z.string().regex(/^[0-9a-f-]*$/),
  }),
  folders: z.object({ ids: z.custom<string[]>(strings), stamps: z.custom<number[]>(numbers) }),
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
  return { version: RECORD_VERSION, codebookSha256: record.codebookSha256, documents, annotationIds, files: { paths, stamps, sha256: hashes.join('') }, folders };
}

const partsHeadSchema = z.object({
  version: z.literal(RECORD_VERSION),
  codebookSha256: z.string(),
  files: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  folders: z.number().int().nonnegative(),
});
const filesPartSchema = z.object({ files: z.object({ paths: z.custom<string[]>(strings), stamps: z.custom<number[]>(numbers), sha256: z.string() }) });
const documentsPartSchema = z.object({ documents: z.custom<unknown[]>((value) => Array.isArray(value)), annotationIds: z.custom<string[]>(strings) });
const foldersPartSchema = z.object({ folders: z.object({ ids: z.custom<string[]>(strings), stamps: z.custom<number[]>(numbers) }) });

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
    const files = filesPartSchema.safeParse(part);
    const documents = documentsPartSchema.safeParse(part);
    const folders = foldersPartSchema.safeParse(part);
    if (files.success) {
      const { paths, stamps, sha256 } = files.data.files;
      if (stamps.length !== paths.length * 4 || sha256.length !== paths.length * HASH_LENGTH) return null;
      for (const file of paths) columns.files.paths.push(file);
      for (const number of stamps) columns.files.stamps.push(number);
      hashes.push(sha256);
    } else if (documents.success) {
      if (documents.data.documents.length !== documents.data.annotationIds.length) return null;
      for (const document of documents.data.documents) columns.documents.push(document);
      for (const ids of documents.data.annotationIds) columns.annotationIds.push(ids);
    } else if (folders.success) {
      const { ids, stamps } = folders.data.folders;
      if (stamps.length !== ids.length * 4) return null;
      for (const id of ids) columns.folders.ids.push(id);
      for (const number of stamps) columns.folders.stamps.push(number);
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
function stampAt(stamps: readonly number[], index: number): FileStamp | null {
  const at = index * 4;
  const size = stamps[at]!;
  if (!Number.isSafeInteger(size) || size < 0) return null;
  return { size, mtimeMs: stamps[at + 1]!, ctimeMs: stamps[at + 2]!, ino: stamps[at + 3]! };
}

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
  return columns && parseColumns(columns);
}

async function parseColumns(body: unknown): Promise<CheckRecord | null> {
  const parsed = columnsSchema.safeParse(body);
  if (!parsed.success) return null;
  const { codebookSha256, documents: list, annotationIds, files: fileColumns, folders: folderColumns } = parsed.data;
  const { paths, stamps, sha256 } = fileColumns;
  if (annotationIds.length !== list.length || stamps.length !== paths.length * 4 || sha256.length !== paths.length * HASH_LENGTH) return null;
  if (folderColumns.stamps.length !== folderColumns.ids.length * 4) return null;

  const files = new Map<string, RecordedFile>();
  for (let i = 0; i < paths.length; i++) {
    if (i > 0 && i % ENTRIES_BETWEEN_BREAKS === 0) await yieldToIo();
    const stamp = stampAt(stamps, i);
    const hash = sha256.slice(i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
    if (!stamp || (hash !== NOT_HASHED && !HASH.test(hash))) return null;
    files.set(paths[i]!, { ...stamp, sha256: hash === NOT_HASHED ? null : hash });
  }
  const folders = new Map<string, FileStamp>();
  for (let i = 0; i < folderColumns.ids.length; i++) {
    const stamp = stampAt(folderColumns.stamps, i);
    if (!stamp) return null;
    folders.set(folderColumns.ids[i]!, stamp);
  }
  const documents = new Map<string, RecordedDocument>();
  for (let from = 0; from < list.length; from += DOCUMENTS_BETWEEN_BREAKS) {
    await yieldToIo();
    const chunk = documentsSchema.safeParse(list.slice(from, from + DOCUMENTS_BETWEEN_BREAKS));
    if (!chunk.success) return null;
    chunk.data.forEach((document, i) => {
      const ids = annotationIds[from + i]!;
      documents.set(document.id, { document, annotationIds: ids === '' ? [] : ids.split(' ') });
    });
  }
  // Each path, folder and document once: a record that names one twice is not one this code wrote.
  if (files.size !== paths.length || folders.size !== folderColumns.ids.length || documents.size !== list.length) return null;
  return { codebookSha256, files, documents, folders };
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
