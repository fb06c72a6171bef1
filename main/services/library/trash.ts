// Bringing a deleted document back from trash/ (Undo). Deleting moved documents/<id> to
// trash/<id>-<time>; its newest folder there goes back, with its annotations. Its collections and tags
// were never taken away (collections.ts). A document whose annotations link to principles or actors the
// codebook has since lost is left in the trash, and the error says why: the check at open, not this,
// is what takes such links out (with a copy in the quarantine).
import { readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Annotation, Codebook, LibraryDocument } from '../../../shared/model';
import { documentTextSchema, libraryDocumentSchema } from '../../../shared/schemas';
import { syncDirectory } from './atomic';
import { readJsonFile, type LibraryPaths } from './files';
import { annotationsFileSchema, stripUnknownLinks } from './integrity';

/** The suffix a trashed folder's name gets: an ISO time with ':' and '.' made '-'. */
const TRASH_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

export function trashFolderName(id: string, when = new Date()): string {
  return `${id}-${when.toISOString().replace(/[:.]/g, '-')}`;
}

export async function restoreFromTrash(paths: LibraryPaths, id: string, codebook: Codebook): Promise<{ document: LibraryDocument; annotations: Annotation[] }> {
  const names = await readdir(paths.trash).catch(() => [] as string[]);
  const folder = names.filter((n) => n.startsWith(`${id}-`) && TRASH_STAMP.test(n.slice(id.length + 1))).sort().pop();
  if (!folder) throw new AppError('not-found', `Document ${id} is not in the trash.`);
  const from = path.join(paths.trash, folder);
  const to = paths.document(id).dir;
  if (await stat(to).then(() => true, () => false)) throw new AppError('duplicate', `documents/${id} exists already; the trashed copy was left in trash/${folder}.`);
  const document = await readJsonFile(path.join(from, 'meta.json'), libraryDocumentSchema);
  if (document.id !== id) throw new AppError('corrupt', `trash/${folder}/meta.json names another document.`);
  await readJsonFile(path.join(from, 'text.json'), documentTextSchema);
  const { annotations } = await readJsonFile(path.join(from, 'annotations.json'), annotationsFileSchema);
  if (stripUnknownLinks(annotations, codebook).stripped.length) {
    throw new AppError(
      'invalid-input',
      `“${document.metadata.title}” has passages linked to principles or actors the codebook no longer has, so it was left in the trash. Move trash/${folder} back to documents/${id} while Apostil is closed: the check at open keeps those links aside.`,
    );
  }
  await rename(from, to);
  await syncDirectory(paths.trash);
  await syncDirectory(paths.documents);
  return { document, annotations };
}
