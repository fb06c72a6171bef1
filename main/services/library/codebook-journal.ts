// A codebook change (a merge, a delete that recodes, a split...) rewrites codebook.json and the
// annotations.json of every document whose passages it recodes; no single rename can swap them
// together. So the change is journalled, as a file replacement is (replace-journal.ts): the files as
// they are are first copied, durably, to journal/<time>/; then codebook-change.json is written, naming
// each copy and the file it belongs to; then the new files are written; then the journal is removed
// and the copies with it. A crash before the journal exists changed nothing; a crash after it is
// undone at the next open by copying the saved files back, so the library is wholly before the change
// or wholly after it.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isCode, syncDirectory, writeFileAtomic, writeJsonAtomic } from './atomic';
import type { LibraryPaths } from './files';

/** The live files a change may touch, relative to the library: nothing else can be named. */
const LIVE_FILE = /^(codebook\.json|documents\/[A-Za-z0-9_-]+\/annotations\.json)$/;

const journalSchema = z.object({
  backup: z.string().regex(/^journal\/[\w.-]+$/),
  files: z.array(z.object({ live: z.string().regex(LIVE_FILE), saved: z.string().regex(/^\d+\.json$/) })),
});

/** Copies the live files (absolute paths inside the library) aside and opens the journal. */
export async function beginCodebookChange(paths: LibraryPaths, liveFiles: readonly string[], stamp: string): Promise<void> {
  const backup = `journal/${stamp}`;
  const dir = path.join(paths.root, backup);
  await mkdir(dir, { recursive: true });
  const files: z.output<typeof journalSchema>['files'] = [];
  for (const [i, file] of liveFiles.entries()) {
    const live = path.relative(paths.root, file).split(path.sep).join('/');
    if (!LIVE_FILE.test(live)) throw new Error(`A codebook change cannot touch ${live}.`);
    const saved = `${i}.json`;
    await writeFileAtomic(path.join(dir, saved), await readFile(file));
    files.push({ live, saved });
  }
  await writeJsonAtomic(paths.codebookJournal, { backup, files });
}

/** Closes the journal once every new file is written, then drops the copies. */
export async function endCodebookChange(paths: LibraryPaths): Promise<void> {
  const journal = await readJournal(paths).catch(() => null);
  await rm(paths.codebookJournal, { force: true });
  await syncDirectory(paths.root);
  if (journal) await rm(path.join(paths.root, journal.backup), { recursive: true, force: true });
}

/**
 * At open: a change a crash interrupted is undone (each saved file copied back, then the journal
 * removed; doing it twice is harmless). Copies left by a change that did finish are removed. Returns
 * the copy it restored from, or null if there was nothing to undo.
 */
export async function undoInterruptedCodebookChange(paths: LibraryPaths): Promise<string | null> {
  const journal = await readJournal(paths);
  if (journal) {
    const dir = path.join(paths.root, journal.backup);
    for (const { live, saved } of journal.files) {
      const target = path.join(paths.root, ...live.split('/'));
      // A document folder that is gone was set aside by hand; there is nothing there to put back.
      if (!(await exists(path.dirname(target)))) continue;
      await writeFileAtomic(target, await readFile(path.join(dir, saved)));
    }
    await endCodebookChange(paths);
  }
  await removeLeftoverCopies(paths);
  return journal?.backup ?? null;
}

async function readJournal(paths: LibraryPaths): Promise<z.output<typeof journalSchema> | null> {
  const raw = await readFile(paths.codebookJournal, 'utf8').catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
  return raw === null ? null : journalSchema.parse(JSON.parse(raw));
}

/** Without a journal, nothing in journal/ is needed: the change it was copied for finished. */
async function removeLeftoverCopies(paths: LibraryPaths): Promise<void> {
  const names = await readdir(paths.journalCopies).catch(() => [] as string[]);
  for (const name of names) await rm(path.join(paths.journalCopies, name), { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
