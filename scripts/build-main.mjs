// Bundles the main-process entry points with esbuild. npm packages stay external (they ship in
// node_modules); the sandboxed preload is one self-contained CommonJS file, as Electron requires.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

const entries = [
  { entryPoints: ['main/host/cli.ts'], outfile: 'dist/main/host.js', format: 'esm', packages: 'external' },
  { entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron/main.js', format: 'esm', packages: 'external' },
  { entryPoints: ['main/electron/preload.ts'], outfile: 'dist/main/electron/preload.cjs', format: 'cjs', external: ['electron'] },
  // The helper thread of long PDF imports, beside each bundle that imports (see pdf-parallel.ts).
  ...['dist/main', 'dist/main/electron'].map((dir) => ({
    entryPoints: ['main/services/import/pdf-text-worker.ts'],
    outfile: `${dir}/pdf-text-worker.mjs`,
    format: 'esm',
    packages: 'external',
  })),
];

await Promise.all(
  entries.filter((entry) => existsSync(entry.entryPoints[0])).map((entry) => build({ ...common, ...entry })),
);
