// One process owns a library at a time. The lock file is created with its full contents in one step
// (written to a temp file, then hard-linked into place, which fails if a lock exists), so nobody ever
// reads a half-written lock. A lock whose process is gone is stale and is taken over.
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { isCode } from './atomic';

export const LOCK_FILE = 'apostil.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export interface LibraryLock {
  release(): Promise<void>;
}

export async function acquireLibraryLock(dir: string): Promise<LibraryLock> {
  const lockPath = path.join(dir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(lockPath, owner)) return { release: () => release(lockPath, owner.token) };
    const holder = await readOwner(lockPath);
    if (holder && isAlive(holder)) throw inUse(dir, holder);
    // Stale (its process is gone) or unreadable: move it aside and try again. Renaming (not deleting)
    // means two processes racing to take over cannot both succeed: only one rename finds the file.
    await rename(lockPath, `${lockPath}.stale-${owner.token}`).catch(() => undefined);
    await rm(`${lockPath}.stale-${owner.token}`, { force: true });
  }
  const holder = await readOwner(lockPath);
  throw holder ? inUse(dir, holder) : new AppError('in-use', `Could not lock the library at ${dir}. Try again.`);
}

async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  const temp = `${lockPath}.${owner.token}.tmp`;
  await writeFile(temp, JSON.stringify(owner));
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const value = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, since: String(value.since ?? ''), token: value.token };
    }
  } catch {
    // Missing or unreadable: treated as stale.
  }
  return null;
}

function isAlive(owner: LockOwner): boolean {
  // A process on another machine (a library on a shared drive) cannot be checked: assume it is alive.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

function inUse(dir: string, owner: LockOwner): AppError {
  const where = owner.host === hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
  return new AppError(
    'in-use',
    `The library at ${dir} is in use by another Apostil (${where}, since ${owner.since}). ` +
      'Close it there first, or open a different library.',
  );
}

async function release(lockPath: string, token: string): Promise<void> {
  const holder = await readOwner(lockPath);
  if (holder?.token === token) await rm(lockPath, { force: true });
}
