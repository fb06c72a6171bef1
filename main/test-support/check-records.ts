// Check records (main/services/library/check-record.ts) as tests make them: one written as an earlier
// version of Apostil wrote it, and one forged, its checksum made to match whatever the body now says.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECK_RECORD_FILE, readCheckRecord, sha256, writeCheckRecord, type CheckRecord } from '../services/library/check-record';
import { columnsParts, joinRecordParts, RECORD_VERSION, recordColumns, type RecordColumns } from '../services/library/check-record-format';
import { readChecksummedParts, writeChecksummedParts } from '../services/library/checksummed';

/** Rewrites the library's record in version 1 (an object per file and per document), with or without folders. */
export async function writeVersion1Record(dir: string, { folders = true } = {}): Promise<void> {
  const cache = path.join(dir, 'cache');
  const record = (await readCheckRecord(cache))!;
  const body = {
    version: 1,
    codebookSha256: record.codebookSha256,
    files: Object.fromEntries(record.files),
    documents: Object.fromEntries(record.documents),
    ...(folders ? { folders: Object.fromEntries(record.folders) } : {}),
  };
  await writeBody(dir, body);
}

/** Rewrites the library's record in version 2 (the columns in one JSON body). */
export async function writeVersion2Record(dir: string): Promise<void> {
  const record = (await readCheckRecord(path.join(dir, 'cache')))!;
  await writeBody(dir, { ...recordColumns(record), version: 2 });
}

/** The record's body as written: in the current version, its parts put together in columns; else as one JSON body. */
export async function readRecordBody(dir: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, 'cache', CHECK_RECORD_FILE);
  const parts = await readChecksummedParts(file);
  if (parts) return joinRecordParts(parts) as unknown as Record<string, unknown>;
  return (JSON.parse(await readFile(file, 'utf8')) as { body: Record<string, unknown> }).body;
}

/**
 * Writes a body with a checksum that matches it: intact as far as the checksum can tell. A body of the
 * current version is written in parts, as Apostil writes it; one of an earlier version in one piece.
 */
export async function writeBody(dir: string, body: unknown): Promise<void> {
  const file = path.join(dir, 'cache', CHECK_RECORD_FILE);
  if ((body as { version?: unknown }).version === RECORD_VERSION) {
    await writeChecksummedParts(file, columnsParts(body as RecordColumns));
    return;
  }
  const text = JSON.stringify(body);
  await writeFile(file, `{"sha256":"${sha256(text)}","body":${text}}`);
}

/** Changes the record as read, and writes it back (in the current version). */
export async function editRecord(dir: string, edit: (record: CheckRecord) => void): Promise<void> {
  const cache = path.join(dir, 'cache');
  const record = (await readCheckRecord(cache))!;
  edit(record);
  await writeCheckRecord(cache, record);
}
