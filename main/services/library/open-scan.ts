// The first pass of an open: the check record read, and every document folder compared with it by
// stamp (check-record.ts). A document whose four files (description, text, annotations, original) are
// regular files with the stamps the record holds, in a folder with no temporary file and no replace
// journal, is "unchanged": the check at open (integrity.ts) takes it from the record as it is. Anything
// else is left to that check, which reads, repairs and sets aside as before. Only reads: a handful of
// system calls per document and no object made for one that is unchanged, as most are in a large library.
import { lstatSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import path from 'node:path';
import type { LibraryDocument } from '../../../shared/model';
import { TEMP_MARK } from './atomic';
import { readCheckRecord, sameStamp, stampOf, type CheckRecord } from './check-record';
import type { LibraryPaths } from './files';

export interface OpenScan {
  /** The record of the last check; null when there is none or it cannot be trusted (a full check). */
  record: CheckRecord | null;
  /** Documents found exactly as the record has them. */
  unchanged: Set<string>;
}

/**
 * Documents compared between two breaks: each costs only a few synchronous system calls, but thousands
 * of them in a row would keep the host from serving the page's own files while the library opens.
 */
const DOCUMENTS_BETWEEN_BREAKS = 100;

/** The four files of a document that the record knows, by path relative to the library. */
export function documentFileNames(document: Pick<LibraryDocument, 'id' | 'format'>, paths: LibraryPaths): string[] {
  const dir = `documents/${document.id}/`;
  return [`${dir}meta.json`, `${dir}text.json`, `${dir}annotations.json`, dir + path.basename(paths.document(document.id).original(document.format))];
}

export async function scanLibrary(paths: LibraryPaths): Promise<OpenScan> {
  const record = await readCheckRecord(paths.cache);
  const unchanged = new Set<string>();
  if (!record) return { record, unchanged };
  const entries = await readdir(paths.documents, { withFileTypes: true }).catch(() => []);
  const journal = path.basename(paths.document('-').replacing);
  let count = 0;
  for (const entry of entries) {
    if (++count % DOCUMENTS_BETWEEN_BREAKS === 0) await yieldToIo();
    const recorded = record.documents.get(entry.name)?.document;
    if (!entry.isDirectory() || recorded?.id !== entry.name) continue;
    if (documentUnchanged(paths, recorded, record, journal)) unchanged.add(recorded.id);
  }
  return { record, unchanged };
}

function documentUnchanged(paths: LibraryPaths, document: LibraryDocument, record: CheckRecord, journal: string): boolean {
  try {
    const names = readdirSync(path.join(paths.documents, document.id));
    if (names.some((name) => name.startsWith(TEMP_MARK) || name === journal)) return false;
    for (const relative of documentFileNames(document, paths)) {
      const info = lstatSync(path.join(paths.root, relative));
      if (!info.isFile() || !sameStamp(stampOf(info), record.files.get(relative))) return false;
    }
    return true;
  } catch {
    // Gone or unreadable: the check at open finds out what, and says so.
    return false;
  }
}
