// V8's code cache for the browser-mode host (node:module's enableCompileCache), turned on by its entry
// point (start.ts) before the host's code is loaded, so that each start after the first reuses the
// compiled code of the host and of the packages it loads instead of compiling a megabyte of JavaScript
// again. Kept in the data dir, never in the library: that folder is the user's, and may be shared.
import module from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { userDataDir } from '../services/paths';

/** Where the code cache is kept: the data dir's code-cache/ (the data dir as cli.ts finds it). */
export function codeCacheDir(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const { values } = parseArgs({ args: [...args], options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  const dataDir = values['data-dir'];
  return path.join(typeof dataDir === 'string' ? dataDir : userDataDir(env), 'code-cache');
}

/** Turns the code cache on (Node 22.1 and later; older ones are told so by cli.ts). */
export function enableCodeCache(dir: string): void {
  try {
    module.enableCompileCache?.(dir);
  } catch {
    // A cache that cannot be kept only makes starts slower.
  }
}

/** Writes what was compiled so far to the cache (it is also written at exit, but not if the host is killed). */
export function saveCodeCache(): void {
  try {
    module.flushCompileCache?.();
  } catch {
    // As above.
  }
}
