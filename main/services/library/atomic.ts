// Durable, atomic file writes: a reader sees the old file or the new one, never a torn one, and a
// write that returned survives a crash or power loss (the file and its folder are both fsynced).
import { link, lstat, open, rename, rm, readdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { openRegularFile } from './regular-file';

export const TEMP_MARK = '.apostil-tmp-';

function tempFor(file: string): string {
  return path.join(path.dirname(file), `${TEMP_MARK}${path.basename(file)}.${randomBytes(6).toString('hex')}`);
}

/** `data` may be a file to copy (only a regular file, opened with openRegularFile): streamed, of any size. */
export async function writeFileAtomic(file: string, data: string | Uint8Array | { copyOf: string }): Promise<void> {
  const dir = path.dirname(file);
  const temp = tempFor(file);
  const handle = await open(temp, 'wx');
  try {
    if (typeof data === 'object' && 'copyOf' in data) {
      const source = await openRegularFile(path.dirname(data.copyOf), data.copyOf, data.copyOf);
      for await (const chunk of source.handle.createReadStream({ autoClose: true }) as AsyncIterable<Buffer>) await handle.write(chunk);
    } else await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/**
 * Puts a copy of `source` at `file`, atomically and durably, without reading it into memory: a hard
 * link where the file system has them (library files are never written in place, only replaced by a
 * rename, so two names for one file are safe), else a streamed copy. Any size: a 3 GB original too.
 * Only a regular file is copied: never a link (whose target may be outside the library) or a FIFO.
 */
export async function copyFileAtomic(source: string, file: string): Promise<void> {
  const info = await lstat(source);
  if (!info.isFile()) throw new AppError('corrupt', `${source} is not a regular file, so it was not copied.`);
  const temp = tempFor(file);
  try {
    await link(source, temp);
  } catch (error) {
    if (!isCode(error, 'EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EACCES')) throw error;
    return writeFileAtomic(file, { copyOf: source });
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** A value as the library writes JSON: indented, so a person can read it, with a final newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, jsonText(value));
}

/** fsync a folder so a rename or a new entry in it is itself durable. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open or fsync folders; there the rename is as durable as the OS makes it.
    if (!isCode(error, 'EISDIR', 'EPERM', 'EINVAL', 'EACCES')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Remove temp files a crash left behind in a folder. They are never the only copy of anything. */
export async function removeStaleTempFiles(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(TEMP_MARK)) {
      await rm(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

export function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '');
}
