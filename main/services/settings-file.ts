// Browser mode's settings file, <data>/settings.json: a JSON object read once at start and written whole,
// atomically (a temporary file fsynced, then renamed over it), at each change. Written here rather than
// with `conf`: conf loads ajv and a dozen other modules at every start (some 0.15 s of CPU on a 2-core
// machine before the host can print its address) for what is here one read and one atomic write. The
// desktop app keeps electron-store. The file is checked by openSettingsStore (settings.ts) before this reads it.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Settings } from '../../shared/settings';
import type { ConfLike } from './settings';

export class SettingsFile implements ConfLike {
  private data: Settings;

  constructor(
    private readonly file: string,
    defaults: Settings,
  ) {
    this.data = { ...defaults, ...readObject(file) };
  }

  get store(): Settings {
    return { ...this.data };
  }

  get<K extends keyof Settings>(key: K): Settings[K] {
    return this.data[key];
  }

  set<K extends keyof Settings>(key: K, value: Settings[K]): void {
    const next = { ...this.data, [key]: value };
    writeAtomicSync(this.file, `${JSON.stringify(next, null, '\t')}\n`);
    this.data = next;
  }
}

/** The file's object; {} when there is no file yet. */
function readObject(file: string): Partial<Settings> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('it does not hold an object of settings');
  return value as Partial<Settings>;
}

function writeAtomicSync(file: string, text: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.apostil-tmp-${path.basename(file)}.${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** Makes the rename durable; Windows cannot open or fsync folders (there the rename is as durable as the OS makes it). */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // as above
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
