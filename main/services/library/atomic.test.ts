// Durable, atomic writes: the bytes go to a temp file that is fsynced before it is renamed over the
// target, and the folder is fsynced after the rename (without that, a power loss can lose the rename).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../../test-support/temp';

// Record every file system step the writer takes, in order, around the real implementation.
const steps = vi.hoisted(() => [] as string[]);
const failRename = vi.hoisted(() => ({ on: false }));
const failLink = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const name = (file: unknown) => {
    const base = String(file).split(/[\\/]/).pop()!;
    return base.startsWith('.apostil-tmp-') ? 'temp' : base;
  };
  return {
    ...real,
    open: async (file: string, flags?: string) => {
      const handle = await real.open(file, flags);
      steps.push(`open ${name(file)} ${flags}`);
      return new Proxy(handle, {
        get(target, key) {
          const value = Reflect.get(target, key, target) as unknown;
          if (typeof value !== 'function') return value;
          // Streams are made synchronously; what they do to the file is not a step of the writer's own.
          if (key === 'createReadStream' || key === 'createWriteStream') return (value as (...a: unknown[]) => unknown).bind(target);
          return async (...args: unknown[]) => {
            steps.push(`${String(key)} ${name(file)}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    link: async (from: string, to: string) => {
      if (failLink.on) throw Object.assign(new Error('EXDEV: simulated'), { code: 'EXDEV' });
      steps.push(`link ${name(from)} -> ${name(to)}`);
      return real.link(from, to);
    },
    rename: async (from: string, to: string) => {
      if (failRename.on) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
      steps.push(`rename ${name(from)} -> ${name(to)}`);
      return real.rename(from, to);
    },
  };
});

const { copyFileAtomic, removeStaleTempFiles, writeFileAtomic, writeJsonAtomic } = await import('./atomic');

describe('atomic, durable writes', () => {
  const tempDir = useTempDir();
  beforeEach(() => {
    steps.length = 0;
    failRename.on = false;
    failLink.on = false;
  });

  it('writes a temp file, fsyncs it, renames it over the target, then fsyncs the folder', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'annotations.json');
    await writeJsonAtomic(file, { version: 1, annotations: [] });
    expect(steps).toEqual([
      'open temp wx',
      'writeFile temp',
      'sync temp',
      'close temp',
      'rename temp -> annotations.json',
      `open ${path.basename(dir)} r`,
      `sync ${path.basename(dir)}`,
      `close ${path.basename(dir)}`,
    ]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, annotations: [] });
    expect(await readdir(dir)).toEqual(['annotations.json']);
  });

  it('leaves the old file whole and no temp file when the rename fails', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'codebook.json');
    await writeFile(file, 'the old version');
    failRename.on = true;
    await expect(writeFileAtomic(file, 'the new version')).rejects.toThrow(/EIO/);
    expect(await readFile(file, 'utf8')).toBe('the old version');
    expect(await readdir(dir)).toEqual(['codebook.json']);
  });

  it('removes temp files a crash left behind, and nothing else', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '.apostil-tmp-meta.json.abc123'), '{"half');
    await writeFile(path.join(dir, 'meta.json'), '{}');
    expect(await removeStaleTempFiles(dir)).toBe(1);
    expect(await readdir(dir)).toEqual(['meta.json']);
  });

  it('copies a file without reading it: a hard link renamed into place, then the folder fsynced', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'original.pdf'), '%PDF-1.7 old');
    await copyFileAtomic(path.join(dir, 'original.pdf'), path.join(dir, 'kept.pdf'));
    expect(steps).toEqual([
      'link original.pdf -> temp',
      'rename temp -> kept.pdf',
      `open ${path.basename(dir)} r`,
      `sync ${path.basename(dir)}`,
      `close ${path.basename(dir)}`,
    ]);
    expect(await readFile(path.join(dir, 'kept.pdf'), 'utf8')).toBe('%PDF-1.7 old');
  });

  it('streams the copy, fsynced before its rename, where the file system has no hard links', async () => {
    const dir = await tempDir();
    const bytes = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 13) & 255));
    await writeFile(path.join(dir, 'original.pdf'), bytes);
    failLink.on = true;
    await copyFileAtomic(path.join(dir, 'original.pdf'), path.join(dir, 'kept.pdf'));
    // Written a piece at a time (never read whole), all before the fsync.
    expect(steps.filter((step) => step === 'write temp').length).toBeGreaterThan(1);
    expect(steps.filter((step) => !step.startsWith('stat') && step !== 'write temp')).toEqual([
      'open temp wx',
      expect.stringMatching(/^open original\.pdf \d+$/),
      'sync temp',
      'close temp',
      'rename temp -> kept.pdf',
      `open ${path.basename(dir)} r`,
      `sync ${path.basename(dir)}`,
      `close ${path.basename(dir)}`,
    ]);
    expect((await readFile(path.join(dir, 'kept.pdf'))).equals(bytes)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['kept.pdf', 'original.pdf']);
  });
});
