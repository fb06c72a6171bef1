// The quarantine folder: where the integrity check keeps data it could not use, instead of deleting it.
// Each finding gets a folder of its own holding the data as it was found, a machine-readable note.json
// and a NOTE.txt that tells a person what happened and how to put the data back.
import { mkdir, readdir, rename } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { HEALTH_ISSUE_KINDS, type HealthIssueKind, type QuarantineEntry } from '../../../shared/health';
import { syncDirectory, writeFileAtomic, writeJsonAtomic } from './atomic';
import { libraryFolder, readLibraryFile } from './safe-fs';

export const QUARANTINE_DIR = 'quarantine';
const NOTE_FILE = 'note.json';

const noteSchema = z.object({
  kind: z.enum(HEALTH_ISSUE_KINDS),
  foundAt: z.string(),
  message: z.string(),
  originalPath: z.string(),
});

export interface QuarantineNote {
  kind: HealthIssueKind;
  message: string;
  /** Where the data was found, relative to the library folder. */
  originalPath: string;
  /** How to put it back, for NOTE.txt. */
  restore: string;
}

/** A short name for a quarantine folder: the document's id, or the library file's name. */
function labelFor(originalPath: string): string {
  const parts = originalPath.split('/');
  return parts[0] === 'documents' && parts[1] ? parts[1] : (parts[parts.length - 1] ?? '').replace(/\.json$/, '');
}

export class Quarantine {
  readonly dir: string;
  constructor(private readonly root: string) {
    this.dir = path.join(root, QUARANTINE_DIR);
  }

  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  /** A new, empty folder for one finding, inside the library's own quarantine folder (never through a link). */
  private async newFolder(kind: HealthIssueKind, label: string): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const safeLabel = label.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40);
    const dir = await libraryFolder(this.root, QUARANTINE_DIR);
    const folder = path.join(dir, `${stamp}-${kind}-${safeLabel || 'item'}-${randomBytes(3).toString('hex')}`);
    await mkdir(folder);
    await syncDirectory(dir);
    return folder;
  }

  private async writeNote(folder: string, note: QuarantineNote): Promise<void> {
    const foundAt = new Date().toISOString();
    await writeJsonAtomic(path.join(folder, NOTE_FILE), {
      kind: note.kind,
      foundAt,
      message: note.message,
      originalPath: note.originalPath,
    });
    await writeFileAtomic(
      path.join(folder, 'NOTE.txt'),
      [
        `Apostil set this aside on ${foundAt} while checking the library.`,
        '',
        `What was found: ${note.message}`,
        `Where it was: ${note.originalPath}`,
        '',
        `To put it back: ${note.restore}`,
        '',
      ].join('\n'),
    );
  }

  /** Moves a file or folder of the library into a new quarantine folder. Returns that folder. */
  async moveAside(source: string, note: QuarantineNote): Promise<string> {
    const folder = await this.newFolder(note.kind, labelFor(note.originalPath));
    // The note first: if we stop between the two steps, the data is still where it was.
    await this.writeNote(folder, note);
    await rename(source, path.join(folder, path.basename(source)));
    await syncDirectory(path.dirname(source));
    await syncDirectory(folder);
    return this.relative(folder);
  }

  /** Keeps copies of data that is about to be rewritten (e.g. annotations taken out of a file), by file name. */
  async keepCopies(copies: Record<string, string>, note: QuarantineNote): Promise<string> {
    const folder = await this.newFolder(note.kind, labelFor(note.originalPath) || 'copy');
    for (const [fileName, data] of Object.entries(copies)) await writeFileAtomic(path.join(folder, fileName), data);
    await this.writeNote(folder, note);
    return this.relative(folder);
  }

  /** Every folder of the quarantine, newest first; folders without a readable note are listed too. */
  async list(): Promise<QuarantineEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: QuarantineEntry[] = [];
    for (const name of names.sort().reverse()) {
      const folder = `${QUARANTINE_DIR}/${name}`;
      try {
        const note = noteSchema.parse(JSON.parse((await readLibraryFile(path.join(this.dir, name, NOTE_FILE))).toString('utf8')));
        entries.push({ folder, ...note });
      } catch {
        entries.push({ folder, kind: 'unknown', foundAt: '', message: 'Kept aside; its note could not be read.', originalPath: '' });
      }
    }
    return entries;
  }
}
