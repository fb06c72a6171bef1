// The first pass of an open: the check record read, and every document folder compared with it by
// stamp (check-record.ts). A document whose four files (description, text, annotations, original) are
// regular files with the stamps the record holds, in a folder with no temporary file and no replace
// journal, is "unchanged": the check at open (integrity.ts) takes it from the record as it is. Anything
// else is left to that check, which reads, repairs and sets aside as before. Only reads: a handful of
// system calls per document and no object made for one that is unchanged, as most are in a large library.
// A folder is listed (for temporary files and journals) only when its own stamp changed since it was
// last seen clean: any entry added, removed or renamed in it changes its modification time, and listing
// thousands of folders costs more than the stats of all their files.
import { lstatSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import path from 'node:path';
import type { LibraryDocument } from '../../../shared/model';
import { TEMP_MARK } from './atomic';
import { readCheckRecord, sameStamp, stampOf, type CheckRecord, type FileStamp } from './check-record';
import { originalFileName, type LibraryPaths } from './files';

export interface OpenScan {
  /** The record of the last check; null when there is none or it cannot be trusted (a full check). */
  record: CheckRecord | null;
  /** Documents found exactly as the record has them. */
  unchanged: Set<string>;
  /** The stamps of the unchanged documents' folders, for the next record (not those changed too lately to trust). */
  folders: Map<string, FileStamp>;
}

/**
 * A folder modified this recently is not recorded: a file system that keeps times in coarse steps could
 * give an entry added just after it was listed the same modification time (git's "racy" files). One
 * modified longer ago gets a new time from any entry added now.
 */
const RACY_MS = 3_000;

/**
 * Documents compared between two breaks: each costs only a few synchronous system calls, but thousands
 * of them in a row would keep the host from serving the page's own files while the library opens.
 */
const DOCUMENTS_BETWEEN_BREAKS = 100;

/** The four files of a document that the record knows, by path relative to the library. */
export function documentFileNames(document: Pick<LibraryDocument, 'id' | 'format'>): string[] {
  const dir = `documents/${document.id}/`;
  return [`${dir}meta.json`, `${dir}text.json`, `${dir}annotations.json`, dir + originalFileName(document.format)];
}

/** `racyMs`: how long ago a folder must have changed for its stamp to be recorded (tests set 0). */
export async function scanLibrary(paths: LibraryPaths, { racyMs = RACY_MS } = {}): Promise<OpenScan> {
  const record = await readCheckRecord(paths.cache);
  const unchanged = new Set<string>();
  const folders = new Map<string, FileStamp>();
  if (!record) return { record, unchanged, folders };
  const entries = await readdir(paths.documents, { withFileTypes: true }).catch(() => []);
  const journal = path.basename(paths.document('-').replacing);
  // Paths made by joining strings, not path.join: a document id is letters, digits, "-" and "_" (its
  // schema), and tens of thousands of path.join calls cost a noticeable part of the scan.
  const root = paths.root + path.sep;
  let count = 0;
  for (const entry of entries) {
    if (++count % DOCUMENTS_BETWEEN_BREAKS === 0) await yieldToIo();
    const recorded = record.documents.get(entry.name)?.document;
    if (!entry.isDirectory() || recorded?.id !== entry.name) continue;
    const folder = unchangedFolder(root, recorded, record, journal);
    if (!folder) continue;
    unchanged.add(recorded.id);
    if (Date.now() - folder.mtimeMs >= racyMs) folders.set(recorded.id, folder);
  }
  return { record, unchanged, folders };
}

/** The folder's stamp when the document is as recorded, else null. */
function unchangedFolder(root: string, document: LibraryDocument, record: CheckRecord, journal: string): FileStamp | null {
  try {
    const dir = `${root}documents${path.sep}${document.id}`;
    // Taken before the listing: an entry made after it changes the folder's time, so the next open lists it again.
    const folder = stampOf(lstatSync(dir));
    if (!sameStamp(folder, record.folders.get(document.id))) {
      const names = readdirSync(dir);
      if (names.some((name) => name.startsWith(TEMP_MARK) || name === journal)) return null;
    }
    for (const relative of documentFileNames(document)) {
      const info = lstatSync(root + (path.sep === '/' ? relative : relative.replaceAll('/', path.sep)));
      if (!info.isFile() || !sameStamp(stampOf(info), record.files.get(relative))) return null;
    }
    return folder;
  } catch {
    // Gone or unreadable: the check at open finds out what, and says so.
    return null;
  }
}
