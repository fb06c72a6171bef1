import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { useTempDir } from '../../test-support/temp';
import { acquireLibraryLock, LOCK_FILE } from './lock';
import { LibraryStore } from './store';

/** Starts a bundled script and resolves with it and its first line of output. */
function startProcess(script: string, args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; line: string }> {
  const child = spawn(process.execPath, [script, ...args]);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline !== -1) resolve({ child, line: out.slice(0, newline) });
    });
    child.on('error', reject);
    // 'close', not 'exit': a process that prints and exits at once may be reaped before its output is read.
    child.on('close', (code) => {
      if (!out.includes('\n')) reject(new Error(`exited with ${code} before saying anything`));
    });
  });
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  return new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
}

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
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: await deadPid(), host: hostname(), since: '2020-01-01', token: 'old' }),
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

  it('tells a second process that the library is in use by the first, and takes over once the first is killed', async () => {
    const dir = await tempDir();
    const bundles = inject('bundles');
    await (await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK })).close();
    // The first process: the crash harness's child, which opens the library and keeps changing it.
    const first = await startProcess(bundles.crashChild, [dir, '7', bundles.extractWorker]);
    expect(first.line).toBe('{"t":"ready"}');
    const open = () => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    await expect(open()).rejects.toMatchObject({
      code: 'in-use',
      message: expect.stringMatching(new RegExp(`is in use by another Apostil \\(process ${first.child.pid}, since .*\\)\\. Close it there first`)),
    });

    first.child.kill('SIGKILL');
    await exited(first.child);
    const store = await open();
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await store.close();
  });

  it('lets exactly one of several processes racing for a stale lock take it over', async () => {
    const bundles = inject('bundles');
    for (let round = 0; round < 4; round++) {
      const dir = await tempDir();
      await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: await deadPid(), host: hostname(), since: '2020-01-01', token: `stale${round}` }));
      const contenders = await Promise.all(Array.from({ length: 4 }, () => startProcess(bundles.lockContender, [dir])));
      const winners = contenders.filter((c) => c.line === 'won');
      expect(winners, contenders.map((c) => c.line).join('\n')).toHaveLength(1);
      const winner = winners[0]!;
      for (const loser of contenders.filter((c) => c !== winner)) {
        expect(loser.line).toMatch(new RegExp(`^lost .*in use by another Apostil \\(process ${winner.child.pid},`));
      }
      expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(winner.child.pid);
      winner.child.stdin.end();
      await Promise.all(contenders.map((c) => exited(c.child)));
      // Released, and no takeover gates are left behind by the winner.
      expect((await readdir(dir)).filter((name) => name.startsWith(LOCK_FILE))).toEqual([]);
    }
  });

  it('finishes a takeover whose first taker died before removing the stale lock', async () => {
    const dir = await tempDir();
    const lockPath = path.join(dir, LOCK_FILE);
    const stale = JSON.stringify({ pid: await deadPid(), host: hostname(), since: '2020-01-01', token: 'stale' });
    await writeFile(lockPath, stale);
    const { createHash } = await import('node:crypto');
    const fingerprint = createHash('sha256').update(stale).digest('hex').slice(0, 16);
    // A gate won by a process that died at once.
    await writeFile(`${lockPath}.takeover-${fingerprint}`, JSON.stringify({ pid: await deadPid(), host: hostname(), since: '', token: 'gone' }));
    const lock = await acquireLibraryLock(dir);
    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('leaves alone the temp file of another process still taking over (only gates and dead leftovers are cleared)', async () => {
    const dir = await tempDir();
    const me = JSON.stringify({ pid: process.pid, host: hostname(), since: '', token: 'racing' });
    // Another contender has written its gate's temp file and is about to link it into place.
    const racing = path.join(dir, `${LOCK_FILE}.takeover-0123456789abcdef.racing.tmp`);
    await writeFile(racing, me);
    // Left by contenders that were killed: a gate, and temp files of a dead process.
    const gone = JSON.stringify({ pid: await deadPid(), host: hostname(), since: '', token: 'gone' });
    await writeFile(path.join(dir, `${LOCK_FILE}.takeover-fedcba9876543210`), gone);
    await writeFile(path.join(dir, `${LOCK_FILE}.takeover-fedcba9876543210.gone.tmp`), gone);
    await writeFile(path.join(dir, `${LOCK_FILE}.gone.tmp`), gone);
    const lock = await acquireLibraryLock(dir);
    expect((await readdir(dir)).filter((name) => name !== LOCK_FILE).sort()).toEqual([path.basename(racing)]);
    await lock.release();
  });
});
