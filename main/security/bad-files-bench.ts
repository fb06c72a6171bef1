// `npm run bench:bad-files`: how long each file of the bad-input corpus takes to be refused, and how
// much the process's memory grew meanwhile, with the app's default limits. Prints figures; asserts
// nothing (the tests check the outcomes).
import { badFileCorpus, invalidUtf8File } from './bad-files';
import { extractDocument } from '../services/import/index';
import { safeFileName } from '../services/importing';
import { setExtractionWorkerScript, stopExtractionWorker } from '../services/import/worker/extraction-worker';
import { DEFAULT_EXTRACTION_LIMITS } from '../services/import/worker/limits';

const [workerScript] = process.argv.slice(2);
if (workerScript) setExtractionWorkerScript(workerScript);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const files = [...(await badFileCorpus()), { label: 'text that is not UTF-8', ...invalidUtf8File(), code: 'imported', reason: /./ }];
console.log(`Limits: ${DEFAULT_EXTRACTION_LIMITS.timeoutMs / 1000} s in all, ${DEFAULT_EXTRACTION_LIMITS.stallMs / 1000} s without a heartbeat, ${DEFAULT_EXTRACTION_LIMITS.maxHeapMb} MB heap, ${DEFAULT_EXTRACTION_LIMITS.maxMemoryGrowthMb} MB memory growth.`);
console.log(['file', 'size', 'outcome', 'time', 'peak memory growth'].join('\t'));
let slowest = 0;
let largest = 0;
for (const file of files) {
  const base = process.memoryUsage.rss();
  let peak = base;
  const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  // As an import does: the name is cleaned first, then the file is read.
  const outcome = await Promise.resolve()
    .then(() => extractDocument(safeFileName(file.name), file.bytes))
    .then(
    () => 'imported',
    (error: { code?: string }) => error.code ?? 'error',
  );
  const ms = performance.now() - started;
  clearInterval(watch);
  peak = Math.max(peak, process.memoryUsage.rss());
  slowest = Math.max(slowest, ms);
  largest = Math.max(largest, peak - base);
  console.log([file.label, mb(file.bytes.length), outcome, `${Math.round(ms)} ms`, mb(peak - base)].join('\t'));
}
console.log(`${files.length} files; slowest ${Math.round(slowest)} ms; largest memory growth ${mb(largest)} (the worker's first start included).`);
await stopExtractionWorker();
