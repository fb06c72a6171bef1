// Opening a library file to read it, of any size: only a regular file inside the library is opened.
// A symbolic link (to the file or to its document's folder) is never followed out of the library, and a
// FIFO or device is refused at once instead of hanging the read (O_NONBLOCK: opening a FIFO for
// reading would otherwise wait for a writer). The checks are made on the opened descriptor, so the file
// cannot be swapped between the check and the read.
import { constants, type Stats } from 'node:fs';
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

/** What a folder entry is, in words, for messages ("a FIFO (named pipe)", "a symbolic link"). */
export function describeEntry(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFile()) return 'a file';
  return 'something that is not a file';
}

/**
 * Opens a file for reading only if it is a regular file: never through a link at its end, never waiting
 * on a FIFO; checked on the descriptor. A missing file fails with the system's own error (ENOENT);
 * a link or anything but a regular file with AppError 'corrupt', naming it as `label`.
 */
export async function openFileNoFollow(file: string, label: string): Promise<{ handle: FileHandle; info: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | NO_FOLLOW | NON_BLOCKING);
  } catch (error) {
    // Linux and macOS say ELOOP when the last part of the path is a link; FreeBSD says EMLINK.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new AppError('corrupt', `${label} is a symbolic link, which Apostil does not follow out of the library.`);
    throw error;
  }
  try {
    const info = await handle.stat();
    // Where O_NOFOLLOW does not exist, a link shows as such to lstat only.
    const linked = NO_FOLLOW === 0 && (await lstat(file)).isSymbolicLink();
    if (linked) throw new AppError('corrupt', `${label} is a symbolic link, which Apostil does not follow out of the library.`);
    if (!info.isFile()) throw new AppError('corrupt', `${label} is ${describeEntry(info)}, not a regular file.`);
    return { handle, info };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

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
  try {
    const { handle, info } = await openFileNoFollow(file, `${label} (${relative})`);
    return { handle, size: info.size, version: `${info.ino.toString(36)}-${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}` };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not-found', `${label} is missing (${relative}).`);
    throw new AppError('corrupt', `${label} could not be opened (${relative}): ${(error as Error).message}`);
  }
}
