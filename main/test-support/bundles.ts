// Node bundles the tests run in other threads and processes (the import's worker thread, the crash
// harness's child), built with esbuild like the app's own (scripts/build-main.mjs). They are written
// under test-results/ so their npm imports resolve from the repository's node_modules.
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './corpus';

export const BUNDLE_DIR = path.join(repoRoot, 'test-results', 'bundles');

// Each bundle is split into chunks in its own folder, as the app's worker is (scripts/build-main.mjs);
// the crash child is told where the worker is on its command line.
export const TEST_BUNDLES = {
  extractWorker: { entry: 'main/services/import/worker/worker-main.ts', name: 'extract-worker' },
  crashChild: { entry: 'main/services/library/crash/crash-child.ts', name: 'crash-child' },
  lockContender: { entry: 'main/test-support/lock-contender.ts', name: 'lock-contender' },
  citationWorker: { entry: 'main/services/interchange/citation-worker-entry.ts', name: 'citation-worker' },
  syncChild: { entry: 'main/services/library/crash/sync-child.ts', name: 'sync-child' },
} as const;

export async function buildTestBundles(outDir = BUNDLE_DIR): Promise<Record<keyof typeof TEST_BUNDLES, string>> {
  const out = {} as Record<keyof typeof TEST_BUNDLES, string>;
  await Promise.all(
    (Object.keys(TEST_BUNDLES) as (keyof typeof TEST_BUNDLES)[]).map(async (key) => {
      const { entry, name } = TEST_BUNDLES[key];
      out[key] = path.join(outDir, name, `${name}.js`);
      await build({
        entryPoints: { [name]: path.join(repoRoot, entry) },
        outdir: path.join(outDir, name),
        splitting: true,
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        packages: 'external',
        sourcemap: 'inline',
        logLevel: 'warning',
      });
    }),
  );
  return out;
}
