// Opening a library file to read it, of any size: only a regular file inside the library is opened.
// A symbolic link (to the file or to its document's folder) is never followed out of the library, and a
// FIFO or device is refused at once instead of hanging the read (O_NONBLOCK: opening a FIFO for
// reading would otherwise wait for a writer). The checks are made on the opened descriptor, so the file
// cannot be swapped between the check and the read.
import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

export interface OpenedFile {
  handle: FileHandle;
  size: number;
  /** Changes whenever the file is replaced (a new inode) or rewritten: an HTTP ETag for its bytes. */
  version: string;
}

// Windows has neither flag (0 leaves them out); there the lstat checks below stand alone.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

/** Opens `file`, which must be a regular file whose folders up to `root` are real folders. */
export async function openRegularFile(root: string, file: string, label: string): Promise<OpenedFile> {
  const relative = path.relative(root, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new AppError('forbidden', `${label} is outside the library.`);
  }
  // Every folder between the library and the file must be a folder, not a link to one elsewhere.
  let dir = path.dirname(file);
  while (dir.length > root.length && dir.startsWith(root)) {
    const info = await lstat(dir).catch(() => null);
    if (!info) throw new AppError('not-found', `${label} is missing (${relative}).`);
    if (!info.isDirectory()) throw new AppError('corrupt', `${label} cannot be read: ${path.relative(root, dir)} is not a folder (a link?).`);
    dir = path.dirname(dir);
  }
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | NO_FOLLOW | NON_BLOCKING);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not-found', `${label} is missing (${relative}).`);
    if (code === 'ELOOP') throw new AppError('corrupt', `${label} is a link, which Apostil does not follow (${relative}).`);
    throw new AppError('corrupt', `${label} could not be opened (${relative}): ${(error as Error).message}`);
  }
  try {
    const info = await handle.stat();
    // Where O_NOFOLLOW does not exist, a link shows as such to lstat only.
    const linked = NO_FOLLOW === 0 && (await lstat(file)).isSymbolicLink();
    if (!info.isFile() || linked) throw new AppError('corrupt', `${label} is not a regular file (${relative}).`);
    return { handle, size: info.size, version: `${info.ino.toString(36)}-${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}` };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
