// Bundles the main-process entry points with esbuild. npm packages stay external (they ship in
// node_modules); the sandboxed preload is one self-contained CommonJS file, as Electron requires.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

const entries = [
  // The host's entry (host.js) turns V8's code cache on before it loads the rest, which is split off into
  // host-*.js chunks beside it (main/host/code-cache.ts).
  { entryPoints: { host: 'main/host/start.ts' }, outdir: 'dist/main', chunkNames: 'host-[hash]', splitting: true, format: 'esm', packages: 'external' },
  { entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron/main.js', format: 'esm', packages: 'external' },
  { entryPoints: ['main/electron/preload.ts'], outfile: 'dist/main/electron/preload.cjs', format: 'cjs', external: ['electron'] },
  // The import's worker thread, beside each bundle that starts it (found relative to the bundle). Split
  // into chunks so that each format's reader (jsdom, pdf.js) loads only when a file needs it.
  ...['dist/main/extract-worker', 'dist/main/electron/extract-worker'].map((outdir) => ({
    entryPoints: { 'extract-worker': 'main/services/import/worker/worker-main.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    packages: 'external',
  })),
  // The helper thread of long PDF imports, beside the extraction chunks that start it (pdf-parallel.ts).
  ...['dist/main/extract-worker', 'dist/main/electron/extract-worker'].map((outdir) => ({
    entryPoints: ['main/services/import/pdf-text-worker.ts'],
    outfile: `${outdir}/pdf-text-worker.mjs`,
    format: 'esm',
    packages: 'external',
  })),
  // The search index worker, found beside the host bundle (and one folder up from the Electron one).
  { entryPoints: ['main/services/search/worker-entry.ts'], outfile: 'dist/main/search-worker.js', format: 'esm', packages: 'external' },
  // The citation worker (citation styles applied off the event loop), found the same way.
  { entryPoints: ['main/services/interchange/citation-worker-entry.ts'], outfile: 'dist/main/citation-worker.js', format: 'esm', packages: 'external' },
];
// `--bench`: also the search benchmark, beside the worker it starts.
if (process.argv.includes('--bench')) {
  entries.push({ entryPoints: ['scripts/bench/bench-search.ts'], outfile: 'dist/main/bench-search.js', format: 'esm', packages: 'external' });
  entries.push({ entryPoints: ['scripts/bench/search-worst.ts'], outfile: 'dist/main/search-worst.js', format: 'esm', packages: 'external' });
}

// `--out DIR`: the same bundles under DIR instead of dist/main (the host crash test runs the real host from there).
const outAt = process.argv.indexOf('--out');
const out = outAt === -1 ? null : process.argv[outAt + 1];
if (outAt !== -1 && !out) throw new Error('usage: node scripts/build-main.mjs [--bench] [--out DIR]');
const moved = (file) => (out && file ? file.replace(/^dist\/main/, out) : file);

// The host's chunks of earlier builds (their names change with their content).
const hostChunks = moved('dist/main');
for (const name of existsSync(hostChunks) ? readdirSync(hostChunks) : []) {
  if (/^host-[A-Z0-9]+\.js(\.map)?$/.test(name)) rmSync(path.join(hostChunks, name));
}

await Promise.all(
  entries
    .filter((entry) => Object.values(entry.entryPoints).every((file) => existsSync(file)))
    .map((entry) => build({ ...common, ...entry, ...(entry.outfile ? { outfile: moved(entry.outfile) } : { outdir: moved(entry.outdir) }) })),
);
