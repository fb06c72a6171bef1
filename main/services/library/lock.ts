// One process owns a library at a time. The lock file is created with its full contents in one step
// (written to a temp file, then hard-linked into place, which fails if a lock exists), so nobody ever
// reads a half-written lock. A lock whose process is gone is stale and is taken over.
//
// Taking over must be safe when several processes find the same stale lock at once: removing "the
// lock" could remove the fresh lock another one has just created. So a stale lock is removed only by
// the process that wins its takeover gate (a file named after the stale lock's fingerprint, created
// the same exclusive way), and only if the lock still has that fingerprint. A lock, once removed,
// never comes back with the same fingerprint (it holds a random token), so a late winner of an old
// gate removes nothing. If a gate's winner died before finishing, the next gate in the chain (named
// after that gate's own fingerprint) lets one other process finish the job.
import { createHash, randomBytes } from 'node:crypto';
import { link, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';
import { isCode } from './atomic';
import { readLibraryFile } from './safe-fs';

export const LOCK_FILE = 'apostil.lock';
const GATE_MARK = '.takeover-';
const MAX_GATE_LEVELS = 4;
const TEMP_SUFFIX = '.tmp';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export interface LibraryLock {
  release(): Promise<void>;
}

interface SeenLock {
  /** null when the file cannot be read as a lock (torn by hand, garbage): stale. */
  owner: LockOwner | null;
  /** Identifies this very file's contents. */
  fingerprint: string;
}

export async function acquireLibraryLock(dir: string): Promise<LibraryLock> {
  const lockPath = path.join(dir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 8; attempt++) {
    if (await tryCreate(lockPath, owner)) {
      await removeLeftovers(dir);
      return { release: () => release(lockPath, owner.token) };
    }
    const seen = await readLock(lockPath);
    if (!seen) continue; // released meanwhile: try again
    if (seen.owner && isAlive(seen.owner)) throw inUse(dir, seen.owner);
    await removeStale(lockPath, seen.fingerprint, owner);
  }
  const seen = await readLock(lockPath);
  throw seen?.owner ? inUse(dir, seen.owner) : new AppError('in-use', `Could not lock the library at ${dir}. Try again.`);
}

/** Removes the stale lock with this fingerprint, if this process wins the right to. */
async function removeStale(lockPath: string, fingerprint: string, me: LockOwner): Promise<void> {
  let gate = `${lockPath}${GATE_MARK}${fingerprint}`;
  for (let level = 0; level < MAX_GATE_LEVELS; level++) {
    if (await tryCreate(gate, me)) {
      try {
        const still = await readLock(lockPath);
        if (still?.fingerprint === fingerprint) await rm(lockPath, { force: true });
      } finally {
        // Done with it: a contender that wins this gate later finds another fingerprint and removes nothing.
        // (Left in place, a gate won after the new owner's clean-up would stay behind.)
        await rm(gate, { force: true });
      }
      return;
    }
    const holder = await readLock(gate);
    if (!holder) continue;
    if (holder.owner && isAlive(holder.owner)) {
      await sleep(20); // it is taking over right now
      return;
    }
    gate = `${gate}-${holder.fingerprint}`; // its winner died mid-takeover: the next gate decides
  }
}

async function tryCreate(target: string, owner: LockOwner): Promise<boolean> {
  const temp = `${target}.${owner.token}${TEMP_SUFFIX}`;
  for (let attempt = 0; ; attempt++) {
    await writeFile(temp, JSON.stringify(owner));
    try {
      await link(temp, target);
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      // Our temp file vanished between writing and linking (removed by hand, or by an older Apostil's
      // clean-up): write it again rather than fail the open.
      if (!isCode(error, 'ENOENT') || attempt >= 3) throw error;
    } finally {
      await rm(temp, { force: true });
    }
  }
}

async function readLock(file: string): Promise<SeenLock | null> {
  let text: string;
  try {
    text = (await readLibraryFile(file)).toString('utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return null;
    // A link or a FIFO where the lock should be: stale (removing it removes the entry, not its target).
    if (error instanceof AppError) return { owner: null, fingerprint: 'not-a-regular-file' };
    throw error;
  }
  const fingerprint = createHash('sha256').update(text).digest('hex').slice(0, 16);
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { owner: { pid: value.pid, host: value.host, since: String(value.since ?? ''), token: value.token }, fingerprint };
    }
  } catch {
    // Unreadable: treated as stale.
  }
  return { owner: null, fingerprint };
}

/**
 * Gates of earlier takeovers are harmless once the lock is ours (they match no lock any more), and so
 * are temp files of processes that died. A live process's temp file is not: a contender that lost may be
 * about to link it into place as a gate, and removing it would fail that contender with ENOENT.
 */
async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const gate = new RegExp(`^${`${LOCK_FILE}${GATE_MARK}`.replaceAll('.', '\\.')}[0-9a-f]+(-[0-9a-f]+)*$`);
  const leftovers = await Promise.all(
    names.map(async (name) => {
      if (gate.test(name)) return name;
      if (!name.startsWith(`${LOCK_FILE}.`) || !name.endsWith(TEMP_SUFFIX)) return null;
      const owner = (await readLock(path.join(dir, name)).catch(() => null))?.owner;
      return owner && isAlive(owner) ? null : name;
    }),
  );
  await Promise.all(leftovers.map((name) => name && rm(path.join(dir, name), { force: true })));
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
  const seen = await readLock(lockPath).catch(() => null);
  if (seen?.owner?.token === token) await rm(lockPath, { force: true });
}
