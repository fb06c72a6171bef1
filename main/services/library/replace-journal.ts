// Replacing a document's file rewrites four files (original, text, annotations, meta), and no single
// rename can swap them together. So a replace is journalled: the current files are first copied,
// durably, to versions/<time>/ (hard links where possible: an original of gigabytes costs nothing);
// then replacing.json is written, naming that copy; then the new files are written; then the journal
// is removed. A crash before the journal exists changed nothing live; a
// crash after it is undone at the next open by copying the saved files back, so a document is always
// wholly the old version or wholly the new one.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { copyFileAtomic, isCode, syncDirectory, writeJsonAtomic } from './atomic';
import type { LibraryPaths } from './files';
import { libraryFolder, readLibraryFile } from './safe-fs';

type DocumentFiles = ReturnType<LibraryPaths['document']>;

const journalSchema = z.object({
  /** The copy of the files as they were, relative to the document's folder. */
  backup: z.string().regex(/^versions\/[\w.-]+$/),
});

/** Copies the live files to versions/<stamp>/ and opens the journal; returns the copy's folder. */
export async function beginReplace(files: DocumentFiles, liveFiles: string[], stamp: string): Promise<string> {
  const backup = `versions/${stamp}`;
  // Each new folder level made durable in its parent: the journal must never name a copy a power loss lost.
  await libraryFolder(files.dir, backup);
  for (const file of liveFiles) {
    await copyFileAtomic(file, path.join(files.dir, backup, path.basename(file))).catch((error: unknown) =>
      isCode(error, 'ENOENT') ? undefined : Promise.reject(error),
    );
  }
  await writeJsonAtomic(files.replacing, { backup });
  return path.join(files.dir, backup);
}

/** Closes the journal once every new file is written: the replace is then complete. */
export async function endReplace(files: DocumentFiles): Promise<void> {
  await rm(files.replacing, { force: true });
  await syncDirectory(files.dir);
}

/**
 * At open: a replace that a crash interrupted is undone (the saved files are copied back, then the
 * journal removed; doing it twice is harmless). Returns the copy it restored from, or null if none.
 */
export async function undoInterruptedReplace(files: DocumentFiles): Promise<string | null> {
  const raw = await readLibraryFile(files.replacing).then(
    (bytes) => bytes.toString('utf8'),
    (error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)),
  );
  if (raw === null) return null;
  const journal = journalSchema.parse(JSON.parse(raw));
  const backup = path.join(files.dir, journal.backup);
  for (const name of await readdir(backup)) {
    if (name.startsWith('.')) continue;
    await copyFileAtomic(path.join(backup, name), path.join(files.dir, name));
  }
  await endReplace(files);
  return journal.backup;
}
