// The library's on-disk layout, in one place. Everything is a plain file a person can read:
//
//   <library>/library.json                  name, format version
//   <library>/codebook.json                 principles and actors
//   <library>/collections.json              collections (nested) and the documents in each
//   <library>/document-tags.json            tags given to whole documents, by document id
//   <library>/memos.json                    memos on documents, principles, actors and the project
//   <library>/document-variables.json       the user's document variables and each document's values
//   <library>/links.json                    links between passages (highlights) and the relations offered
//   <library>/documents/<id>/meta.json      LibraryDocument (written last: its presence marks a complete import)
//   <library>/documents/<id>/original.<ext> the imported file, untouched
//   <library>/documents/<id>/text.json      DocumentText, the text every selector refers to
//   <library>/documents/<id>/annotations.json
//   <library>/documents/<id>/versions/<time>/  the files as they were before the file was replaced
//   <library>/documents/<id>/replacing.json  present only while a file is being replaced (see replace-journal.ts)
//   <library>/codebook-change.json         present only while a codebook change is written (see codebook-journal.ts)
//   <library>/journal/<time>/               the files a codebook change rewrites, as they were, until it is done
//   <library>/trash/                        deleted documents, with their annotations
//   <library>/cache/                        derived data (search index): safe to delete
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { describeZodError } from '../../../shared/schemas';
import type { DocumentFormat } from '../../../shared/model';
import { lstat } from 'node:fs/promises';
import type { Codebook } from '../../../shared/model';
import { writeJsonAtomic } from './atomic';
import { readLibraryFile } from './safe-fs';

export const LIBRARY_FORMAT_VERSION = 1;

const ORIGINAL_EXTENSION: Record<DocumentFormat, string> = {
  pdf: 'pdf',
  html: 'html',
  markdown: 'md',
  text: 'txt',
};

/** The name of a document's original file in its folder. */
export function originalFileName(format: DocumentFormat): string {
  return `original.${ORIGINAL_EXTENSION[format]}`;
}

export function libraryPaths(root: string) {
  const documents = path.join(root, 'documents');
  return {
    root,
    libraryFile: path.join(root, 'library.json'),
    codebookFile: path.join(root, 'codebook.json'),
    collectionsFile: path.join(root, 'collections.json'),
    documentTagsFile: path.join(root, 'document-tags.json'),
    memosFile: path.join(root, 'memos.json'),
    variablesFile: path.join(root, 'document-variables.json'),
    linksFile: path.join(root, 'links.json'),
    codebookJournal: path.join(root, 'codebook-change.json'),
    journalCopies: path.join(root, 'journal'),
    documents,
    trash: path.join(root, 'trash'),
    cache: path.join(root, 'cache'),
    document(id: string) {
      const dir = path.join(documents, id);
      return {
        dir,
        meta: path.join(dir, 'meta.json'),
        text: path.join(dir, 'text.json'),
        annotations: path.join(dir, 'annotations.json'),
        versions: path.join(dir, 'versions'),
        replacing: path.join(dir, 'replacing.json'),
        original: (format: DocumentFormat) => path.join(dir, originalFileName(format)),
      };
    },
  };
}
export type LibraryPaths = ReturnType<typeof libraryPaths>;

/**
 * Writes the files of a new library if nothing of a library is there (a missing library.json alone is
 * repaired by the check at open). Returns whether it did.
 */
export async function createIfNew(paths: LibraryPaths, defaultCodebook: Codebook): Promise<boolean> {
  const present = (file: string) => lstat(file).then(() => true, () => false);
  if ((await present(paths.libraryFile)) || (await present(paths.codebookFile)) || (await present(paths.documents))) return false;
  await writeJsonAtomic(paths.codebookFile, defaultCodebook);
  await writeJsonAtomic(paths.libraryFile, { version: LIBRARY_FORMAT_VERSION, name: path.basename(paths.root), created: new Date().toISOString() });
  return true;
}

/**
 * Read a JSON file and validate it; a file that fails either is reported as corrupt, naming it. Only a
 * regular file is read, never through a link (safe-fs.ts).
 */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S>> {
  return (await loadJsonFile(file, schema)).value;
}

/** readJsonFile, with the bytes as read (to hash them). */
export async function loadJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<{ value: z.output<S>; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readLibraryFile(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('not-found', `${file} could not be read: ${(error as Error).message}`);
  }
  return { value: parseJsonText(file, bytes.toString('utf8'), schema), bytes };
}

/** JSON text of a library file, validated; AppError 'corrupt' naming the file when it is not valid. */
export function parseJsonText<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('corrupt', `${file} is not valid JSON.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('corrupt', `${file} is not valid: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
