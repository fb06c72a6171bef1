import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp';
import { acquireLibraryLock, LOCK_FILE } from './lock';

describe('library lock', () => {
  const tempDir = useTempDir();

  it('lets one owner in and tells the next who holds the library', async () => {
    const dir = await tempDir();
    const lock = await acquireLibraryLock(dir);
    await expect(acquireLibraryLock(dir)).rejects.toThrow(/in use by another Apostil \(process \d+/);
    await lock.release();
    const again = await acquireLibraryLock(dir);
    await again.release();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid, host: hostname(), since: '2020-01-01', token: 'old' }),
    );
    const lock = await acquireLibraryLock(dir);
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over an unreadable (torn) lock file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), '{"pid": 12');
    const lock = await acquireLibraryLock(dir);
    await lock.release();
  });

  it('treats a lock from another machine as held', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, host: 'another-laptop', since: '2026-01-01', token: 'x' }),
    );
    await expect(acquireLibraryLock(dir)).rejects.toThrow(/process 1 on another-laptop/);
  });
});
