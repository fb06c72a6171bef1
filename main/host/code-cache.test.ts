// The host's code cache (code-cache.ts, start.ts): kept in the data dir, never in the library, turned on
// before the host's code is loaded, and written while the host runs (a host stopped by a kill never
// reaches its exit). The host is built as `npm run build` builds it (scripts/build-main.mjs), into test-results/.
import { execFile, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/corpus';
import { useTempDir } from '../test-support/temp';
import { userDataDir } from '../services/paths';
import { codeCacheDir } from './code-cache';

const HOST_DIR = path.join(repoRoot, 'test-results', 'host-code-cache');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the host\'s code cache', () => {
  const tempDir = useTempDir();

  it('is kept in the data dir given, or the default one; never in the library', () => {
    expect(codeCacheDir(['--library', '/papers/library', '--data-dir', '/data/apostil'])).toBe(path.join('/data/apostil', 'code-cache'));
    expect(codeCacheDir(['--data-dir=/data/apostil', '--port', '0'])).toBe(path.join('/data/apostil', 'code-cache'));
    expect(codeCacheDir(['--library', '/papers/library'], { XDG_CONFIG_HOME: '/home/me/.config' })).toBe(path.join(userDataDir({ XDG_CONFIG_HOME: '/home/me/.config' }), 'code-cache'));
  });

  it('is turned on before the host\'s code is loaded: the entry imports the host only by import()', async () => {
    const result = await build({ entryPoints: ['main/host/start.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, logLevel: 'silent' });
    const start = result.metafile.inputs['main/host/start.ts']!;
    expect(start.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)).toEqual(['main/host/code-cache.ts']);
    expect(start.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path)).toEqual(['main/host/cli.ts']);
  });

  describe('in the built host', () => {
    beforeAll(async () => {
      await promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts', 'build-main.mjs'), '--out', HOST_DIR], { cwd: repoRoot });
    }, 120_000);

    it('is written into the data dir while the host runs, and nothing is written into the library for it', { timeout: 60_000 }, async () => {
      const library = await tempDir();
      const dataDir = await tempDir();
      const host = spawn(process.execPath, [path.join(HOST_DIR, 'host.js'), '--library', library, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise((resolve) => host.once('exit', resolve));
      try {
        // Until the cache has been written (the host is never asked to stop: a kill is what ends it below).
        for (;;) {
          if ((await filesUnder(path.join(dataDir, 'code-cache'))).length > 0) break;
          if (host.exitCode !== null) throw new Error(`The host stopped (${host.exitCode}).`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } finally {
        host.kill('SIGKILL');
        await exited;
      }
      expect((await filesUnder(path.join(dataDir, 'code-cache'))).length).toBeGreaterThan(1);
      // The library holds only what a library holds: nothing named after the cache or the code.
      expect((await filesUnder(library)).filter((file) => /code-cache|\.js$/.test(file))).toEqual([]);
    });
  });
});
