// Reading and making the library's files without ever leaving the library folder. A library is a plain
// folder anyone can change, so a file where Apostil expects one may be a symbolic link to somewhere else
// (an outside file would then be served, indexed and exported) or a FIFO or device (reading it would
// hang). So: files are opened without following a link, without blocking, and read only if they are
// regular files (regular-file.ts); folders are made one level at a time, each checked to be a real folder of the library.
import { lstat, mkdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { isCode, syncDirectory } from './atomic';
import { describeEntry, openFileNoFollow } from './regular-file';

export { describeEntry };

/** Opens a file of the library for reading: a regular file only, never through a link, never waiting. */
export async function openLibraryFile(file: string): Promise<FileHandle> {
  return (await openFileNoFollow(file, file)).handle;
}

/** The whole of a regular file of the library. */
export async function readLibraryFile(file: string): Promise<Buffer> {
  const handle = await openLibraryFile(file);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * The folder `relative` of the library (e.g. "cache/search"), made if missing, one level at a time
 * (each new level made durable in its parent). Throws if any level is a link or not a folder: whatever
 * is written there then stays inside the library. Returns its absolute path.
 */
export async function libraryFolder(root: string, relative: string): Promise<string> {
  let dir = root;
  for (const part of relative.split('/').filter(Boolean)) {
    if (part === '.' || part === '..') throw new AppError('internal', `Not a folder inside the library: ${relative}`);
    const parent = dir;
    dir = path.join(dir, part);
    let info = await lstat(dir).catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
    if (!info) {
      await mkdir(dir).catch((error: unknown) => (isCode(error, 'EEXIST') ? undefined : Promise.reject(error)));
      await syncDirectory(parent);
      info = await lstat(dir);
    }
    if (!info.isDirectory()) {
      throw new AppError(
        'corrupt',
        `${path.relative(root, dir).split(path.sep).join('/')} in the library is ${describeEntry(info)}, not a folder: Apostil will not write through it. Reopen the library to have it set aside.`,
      );
    }
  }
  return dir;
}
