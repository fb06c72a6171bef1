// Runs a TypeScript script (a benchmark) on Node: bundled with esbuild (npm packages stay external),
// written next to node_modules' cache, and imported with the remaining command-line arguments.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('Usage: node scripts/run-ts.mjs <script.ts> [args...]');
  process.exit(2);
}
const outDir = path.resolve('node_modules/.cache/apostil-scripts');
await mkdir(outDir, { recursive: true });
const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.mjs`);
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'warning' };
await build({ ...common, entryPoints: [entry], outfile });
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(outfile).href);
