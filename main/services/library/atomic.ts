// Durable, atomic file writes: a reader sees the old file or the new one, never a torn one, and a
// write that returned survives a crash or power loss (the file and its folder are both fsynced).
import { open, rename, rm, readdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const TEMP_MARK = '.apostil-tmp-';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${TEMP_MARK}${path.basename(file)}.${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
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

export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
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
