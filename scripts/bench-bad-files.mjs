// `npm run bench:bad-files`: builds the bench and the import worker (as the tests do) and runs it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const out = path.resolve('test-results/bundles');
const common = { bundle: true, platform: 'node', target: 'node22', format: 'esm', packages: 'external', splitting: true, logLevel: 'warning' };
await build({ ...common, entryPoints: { 'extract-worker': 'main/services/import/worker/worker-main.ts' }, outdir: path.join(out, 'extract-worker') });
await build({ ...common, entryPoints: { 'bad-files-bench': 'main/security/bad-files-bench.ts' }, outdir: path.join(out, 'bad-files-bench') });
const result = spawnSync(process.execPath, [path.join(out, 'bad-files-bench', 'bad-files-bench.js'), path.join(out, 'extract-worker', 'extract-worker.js')], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
