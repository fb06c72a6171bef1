// The check record: what the last check of the library saw, so that the next open need not read
// everything again. For each file it holds the file's stamp (size, modification and change times, inode)
// and the SHA-256 of its content; for each document, its description and its annotations' ids. At open a
// file whose stamp is unchanged is taken as checked (nothing is read); a changed or unknown one is read
// and checked again; later a background pass re-hashes every file and re-checks any whose content changed
// under an unchanged stamp. The record lives in cache/ (derived data): written atomically, it carries its
// own checksum (checksummed.ts), and one that is missing, damaged or of an unknown version means a full check;
// how it is laid out is in check-record-format.ts.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { LibraryDocument } from '../../../shared/model';
import { jsonText, writeFileAtomic } from './atomic';
import { parseRecordBody, parseRecordParts, recordParts } from './check-record-format';
import { readChecksummed, readChecksummedParts, writeChecksummedParts } from './checksummed';

export const CHECK_RECORD_FILE = 'library-check.json';

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface RecordedFile extends FileStamp {
  /** The content's SHA-256 as last checked; null while not yet hashed (an original seen only by stat). */
  sha256: string | null;
}

export interface RecordedDocument {
  document: LibraryDocument;
  annotationIds: string[];
}

export interface CheckRecord {
  /** SHA-256 of codebook.json as the annotations' links were last checked against. */
  codebookSha256: string;
  /** By path relative to the library ("documents/<id>/text.json"). */
  files: Map<string, RecordedFile>;
  documents: Map<string, RecordedDocument>;
  /**
   * Document folders seen holding no temporary file and no replace journal, with their stamp as seen
   * (open-scan.ts): while a folder's stamp is unchanged, nothing was added to, removed from or renamed in
   * it, so the next open need not list it. By document id; absent from records written before it was kept.
   */
  folders: Map<string, FileStamp>;
  /** Read from a record of an earlier version (check-record-format.ts): to be written again as the current one. */
  outdated?: boolean;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function stampOf(info: Stats): FileStamp {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

export function sameStamp(a: FileStamp, b: FileStamp | undefined): boolean {
  return !!b && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** The record in `cacheDir`, or null when there is none or it cannot be trusted (then: a full check). */
export async function readCheckRecord(cacheDir: string): Promise<CheckRecord | null> {
  const file = path.join(cacheDir, CHECK_RECORD_FILE);
  const parts = await readChecksummedParts(file);
  // A record written in one piece is one an earlier version wrote (check-record-format.ts).
  return parts ? parseRecordParts(parts) : parseRecordBody(await readChecksummed(file));
}

export async function writeCheckRecord(cacheDir: string, record: CheckRecord): Promise<void> {
  await writeChecksummedParts(path.join(cacheDir, CHECK_RECORD_FILE), recordParts(record));
}

/** How long after a change the record is written (it is also written at close). */
const SAVE_DELAY_MS = 5_000;

/**
 * The record as the store keeps it while the library is open: each file it writes goes through here
 * and is noted (its stamp after the write, the hash of what was written), so the next open need not
 * read it again. The record is written a few seconds after a change, and at close; `save` (the store's)
 * writes it with the documents' descriptions and annotation ids as they are then.
 */
export class RecordKeeper {
  /** Files whose content was hashed during this session (read at open, or written since). */
  readonly hashed = new Set<string>();
  readonly files: Map<string, RecordedFile>;
  readonly folders: Map<string, FileStamp>;
  codebookSha256: string;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly root: string,
    record: CheckRecord,
    private readonly save: () => Promise<void>,
  ) {
    this.files = record.files;
    this.folders = record.folders;
    this.codebookSha256 = record.codebookSha256;
  }

  /** Writes a file of the library atomically, and notes it. */
  async writeFile(file: string, data: string | Uint8Array): Promise<void> {
    await writeFileAtomic(file, data);
    await this.noteWritten(file, data);
  }

  writeJson(file: string, value: unknown): Promise<void> {
    return this.writeFile(file, jsonText(value));
  }

  /** Writes the record now (through the store, after its pending writes). */
  saveNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.save();
  }

  get unsaved(): boolean {
    return this.dirty;
  }

  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  /** A file the store has just written, with what it wrote. */
  async noteWritten(file: string, data: string | Uint8Array): Promise<void> {
    const relative = this.relative(file);
    const hash = sha256(data);
    if (relative === 'codebook.json') this.codebookSha256 = hash;
    else this.note(relative, { ...stampOf(await lstat(file)), sha256: hash });
  }

  /** What the record should now say of a file (checked again, or hashed in the background). */
  note(relative: string, recorded: RecordedFile): void {
    this.files.set(relative, recorded);
    this.hashed.add(relative);
    this.changed();
  }

  /** A file hashed again and found as recorded: known for this session, and nothing to write. */
  confirm(relative: string): void {
    this.hashed.add(relative);
  }

  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A record that cannot be written (cache/ unusable, a full disk) only means a full check next time.
      void this.save().catch(() => undefined);
    }, SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /** The record as it stands, for a check of a document's files against it. */
  view(): CheckRecord {
    return { codebookSha256: this.codebookSha256, files: this.files, documents: new Map(), folders: this.folders };
  }

  /** A document checked again: what the record said of its files no longer holds. */
  forgetDocument(id: string): void {
    for (const file of [...this.files.keys()]) if (file.startsWith(`documents/${id}/`)) this.files.delete(file);
    this.folders.delete(id);
    this.changed();
  }

  /** Writes the record of the library as it is now: its documents and the files of those. */
  async write(cacheDir: string, documents: Map<string, RecordedDocument>): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const files = new Map<string, RecordedFile>();
    for (const [file, recorded] of this.files) {
      const id = /^documents\/([^/]+)\//.exec(file)?.[1];
      if (id && documents.has(id)) files.set(file, recorded);
    }
    const folders = new Map([...this.folders].filter(([id]) => documents.has(id)));
    this.dirty = false;
    try {
      await writeCheckRecord(cacheDir, { codebookSha256: this.codebookSha256, files, documents, folders });
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }
}
