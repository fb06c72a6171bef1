// `npm run bench:search [-- --small]`: the search index on a synthetic library of 5,000 documents and
// 100,000 annotations (--small: 500 and 10,000). Each phase runs in its own process, so the memory figure
// is that of a process that loaded the index and answered queries, as the app's main process does.
// Prints the figures against their targets, then ONE line of JSON. Latency is wall time and CPU time of
// the process (on a shared machine wall time includes waiting for a core), with the load average.
//
// The library is generated once and reused (it is shared with other benchmarks); the index is built in
// a folder beside it (<library>-index), so runs of this benchmark never touch the library's own cache.
// The annotations it saves to time "save to searchable" are deleted again (search-saves.ts).
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import type { Annotation } from '../../shared/model';
import { findSelector } from '../../shared/model';
import { benchAnnotation, removeBenchSaves } from './search-saves';
import { EventBus } from '../../main/services/events';
import { LibraryStore } from '../../main/services/library/store';
import { regionCache } from '../../main/services/search/region-cache';
import { SearchService } from '../../main/services/search/search-service';
import { generateLibrary, QUERY_KINDS, querySet, vocabulary, type LibrarySize } from './synthetic-library';

const small = process.argv.includes('--small') || process.env.npm_config_small === 'true';
const size: LibrarySize = small ? { documents: 500, annotations: 10_000 } : { documents: 5_000, annotations: 100_000 };
const libraryDir = path.join(tmpdir(), `apostil-bench-search-${small ? 'small' : 'full'}`);
const indexDir = `${libraryDir}-index`;
const QUERIES = 500;
/** Targets (issue 10). */
const TARGET_P95_MS = 5;
const TARGET_P99_MS = 15;
const TARGET_INDEX_SHARE = 0.5;
const TARGET_RSS_MB = 250;
const WARMUP = 50;
const SCAN_QUERIES = 100;

const vocab = vocabulary(30_000);
const phase = process.argv.find((a) => a.startsWith('--phase='))?.slice(8);

const seconds = (ms: number) => Math.round(ms) / 1000;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const quiet = { log: () => undefined, indexDir };
const mark = (ok: boolean) => (ok ? '✓' : '✗');

/** Bytes of the documents' extracted text (UTF-8), and of the annotations' quotes and notes. */
async function textSizes(): Promise<{ text: number; annotations: number }> {
  let text = 0;
  let annotations = 0;
  for (const id of await readdir(path.join(libraryDir, 'documents'))) {
    const folder = path.join(libraryDir, 'documents', id);
    text += Buffer.byteLength((JSON.parse(await readFile(path.join(folder, 'text.json'), 'utf8')) as { text: string }).text);
    const list = JSON.parse(await readFile(path.join(folder, 'annotations.json'), 'utf8')) as { annotations: Annotation[] };
    for (const a of list.annotations) annotations += Buffer.byteLength(findSelector(a, 'TextQuoteSelector')?.exact ?? '') + Buffer.byteLength(a.body.note);
  }
  return { text, annotations };
}

async function openLibrary() {
  return LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
}

async function buildPhase(): Promise<Record<string, number>> {
  const store = await openLibrary();
  const search = new SearchService(store, new EventBus(), quiet);
  await search.segmentStore.clear();
  const began = performance.now();
  await search.start();
  await search.idle();
  const buildMs = performance.now() - began;
  const bytes = await search.segmentStore.size();
  const segments = search.index.segments.length;
  await search.close();
  await store.close();
  return { build_s: seconds(buildMs), index_mb: round(bytes / 1024 / 1024, 1), segments };
}

/** Annotations left in the library by runs that saved them and did not take them out (search-saves.ts). */
async function cleanPhase(): Promise<Record<string, number>> {
  const store = await openLibrary();
  const removed = await removeBenchSaves(store);
  await store.close();
  return { removed };
}

async function servePhase(): Promise<Record<string, number>> {
  const store = await openLibrary();
  const search = new SearchService(store, new EventBus(), quiet);
  const began = performance.now();
  await search.start();
  const loadMs = performance.now() - began;
  await search.idle();
  const reconcileMs = performance.now() - began - loadMs;

  const titles = store.listDocuments().map((d) => ({ title: d.metadata.title }));
  const queries = querySet(vocab, QUERIES, titles);
  for (const q of queries.slice(0, WARMUP)) await search.query(q);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let found = 0;
  let errors = 0;
  let capped = 0;
  const loadBefore = loadavg()[0]!;
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const result = await search.query(q);
    times.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    if (result.error) errors++;
    if (result.total.annotations + result.total.passages > 0) found++;
    if (result.totalCapped.annotations || result.totalCapped.passages) capped++;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const cpuSorted = [...cpuTimes].sort((a, b) => a - b);
  const loadAfter = loadavg()[0]!;
  // Per kind of query, wall and CPU percentiles: which kinds make the tail.
  const byKind = new Map<string, { wall: number[]; cpu: number[] }>();
  queries.forEach((_, i) => {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length]!;
    const entry = byKind.get(kind) ?? { wall: [], cpu: [] };
    entry.wall.push(times[i]!);
    entry.cpu.push(cpuTimes[i]!);
    byKind.set(kind, entry);
  });
  const spread = (list: number[]) => {
    const s = [...list].sort((a, b) => a - b);
    return [50, 95, 99].map((p) => round(percentile(s, p), 1)).join('/');
  };
  console.error('By kind of query, p50/p95/p99 ms (wall; CPU):');
  for (const [kind, { wall, cpu }] of byKind) console.error(`  ${kind.padEnd(16)} ${String(wall.length).padStart(3)} queries  wall ${spread(wall).padEnd(16)} CPU ${spread(cpu)}`);
  const slowest = queries.map((q, i) => [times[i]!, q] as const).sort((a, b) => b[0] - a[0]).slice(0, 8);
  console.error(`Slowest queries: ${slowest.map(([ms, q]) => `${q} (${round(ms, 1)} ms)`).join(', ')}`);

  // Save a new annotation (written to disk like any save), then query until it is found; the write and
  // what follows it (the change indexed, the query that finds it) are also timed apart.
  const saves: number[] = [];
  const writes: number[] = [];
  const saved: Annotation[] = [];
  const documents = store.listDocuments();
  for (let i = 0; i < 20; i++) {
    const document = documents[(i * 37) % documents.length]!;
    const word = `benchmarkmarker${i}x`;
    const t = performance.now();
    saved.push(await store.saveAnnotation(benchAnnotation(document.id, i, word)));
    writes.push(performance.now() - t);
    let hits = 0;
    while (hits === 0) hits = (await search.query(word)).total.annotations;
    saves.push(performance.now() - t);
  }
  const searchable = saves.map((ms, i) => ms - writes[i]!);
  for (const list of [writes, searchable]) list.sort((a, b) => a - b);
  // Taken out again (search-saves.ts), the library left as generated.
  for (const annotation of saved) await store.deleteAnnotation(annotation.documentId, annotation.id);
  await search.idle();
  saves.sort((a, b) => a - b);
  const memory = process.memoryUsage();
  const rssMb = memory.rss / 1024 / 1024;
  const cacheMb = regionCache.bytes / 1024 / 1024;

  // A naive scan: every annotation's quote and note and every passage, lower-cased in memory, each
  // query's words looked up with includes(). Same queries (the first SCAN_QUERIES plain-word ones).
  const texts: string[] = [];
  for (const annotation of await store.allAnnotations()) {
    texts.push(`${findSelector(annotation, 'TextQuoteSelector')?.exact ?? ''}\n${annotation.body.note}`.toLowerCase());
  }
  for (const id of await readdir(path.join(libraryDir, 'documents'))) {
    const text = JSON.parse(await readFile(path.join(libraryDir, 'documents', id, 'text.json'), 'utf8')) as { text: string; blocks: { start: number; end: number }[] };
    for (const b of text.blocks) texts.push(text.text.slice(b.start, b.end).toLowerCase());
  }
  const plain = queries.filter((q) => /^[a-z]+( [a-z]+)?$/.test(q)).slice(0, SCAN_QUERIES);
  const scanTimes: number[] = [];
  const lunrTimes: number[] = [];
  for (const q of plain) {
    const words = q.split(' ');
    let t = performance.now();
    let n = 0;
    for (const text of texts) if (words.every((w) => text.includes(w))) n++;
    if (n === -1) throw new Error('unreachable'); // keeps the count from being optimised away
    scanTimes.push(performance.now() - t);
    t = performance.now();
    await search.query(q);
    lunrTimes.push(performance.now() - t);
  }
  scanTimes.sort((a, b) => a - b);
  lunrTimes.sort((a, b) => a - b);
  await search.close();
  await store.close();
  return {
    load_s: seconds(loadMs),
    reconcile_s: seconds(reconcileMs),
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(sorted[sorted.length - 1] ?? 0),
    cpu_p50_ms: round(percentile(cpuSorted, 50)),
    cpu_p95_ms: round(percentile(cpuSorted, 95)),
    cpu_p99_ms: round(percentile(cpuSorted, 99)),
    load_avg: round(Math.max(loadBefore, loadAfter), 1),
    queries_with_results: found,
    query_errors: errors,
    capped_totals: capped,
    heap_mb: Math.round(memory.heapUsed / 1024 / 1024),
    cache_mb: round(cacheMb, 1),
    save_to_searchable_ms: round(percentile(saves, 50)),
    save_to_searchable_max_ms: round(saves[saves.length - 1] ?? 0),
    save_write_ms: round(percentile(writes, 50)),
    save_then_found_ms: round(percentile(searchable, 50)),
    rss_mb: Math.round(rssMb),
    scan_p50_ms: round(percentile(scanTimes, 50)),
    scan_lunr_p50_ms: round(percentile(lunrTimes, 50)),
    scan_over_lunr_ratio: round(percentile(scanTimes, 50) / Math.max(0.001, percentile(lunrTimes, 50)), 1),
  };
}

function runPhase(name: string): Record<string, number> {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [self, `--phase=${name}`, ...(small ? ['--small'] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`The ${name} phase failed (exit ${child.status}).`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

async function main(): Promise<void> {
  if (phase === 'build') return void console.log(JSON.stringify(await buildPhase()));
  if (phase === 'serve') return void console.log(JSON.stringify(await servePhase()));
  if (phase === 'clean') return void console.log(JSON.stringify(await cleanPhase()));

  console.log(`Search benchmark: ${size.documents} documents, ${size.annotations} annotations (${small ? 'small' : 'full size'})`);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  const t = performance.now();
  const { reused } = generateLibrary(libraryDir, size, vocab);
  console.log(`Library ${reused ? 'reused' : 'generated'} in ${seconds(performance.now() - t)} s at ${libraryDir}`);
  const { removed } = runPhase('clean');
  if (removed) console.log(`${removed} annotations saved by earlier runs of this benchmark were taken out of the library`);
  const sizes = await textSizes();
  const textMb = sizes.text / 1024 / 1024;
  const build = runPhase('build');
  const share = build.index_mb / textMb;
  console.log(`Full build: ${build.build_s} s (${build.segments} segments)`);
  console.log(
    `Index on disk: ${build.index_mb} MB = ${Math.round(share * 100)} % of the documents' extracted text (${round(textMb, 1)} MB; annotations' quotes and notes another ${round(sizes.annotations / 1024 / 1024, 1)} MB) — target ≤ ${TARGET_INDEX_SHARE * 100} % ${mark(share <= TARGET_INDEX_SHARE)}`,
  );
  const serve = runPhase('serve');
  console.log(`Load at start: ${serve.load_s} s (then ${serve.reconcile_s} s checking the library for changes, in the background)`);
  console.log(
    `Queries (${QUERIES} mixed, after ${WARMUP} warm-up), wall time: p50 ${serve.p50_ms} ms, p95 ${serve.p95_ms} ms (target < ${TARGET_P95_MS} ${mark(serve.p95_ms! < TARGET_P95_MS)}), p99 ${serve.p99_ms} ms (target < ${TARGET_P99_MS} ${mark(serve.p99_ms! < TARGET_P99_MS)}), max ${serve.max_ms} ms; ${serve.queries_with_results} found something, ${serve.query_errors} refused`,
  );
  console.log(
    `The same queries in CPU time of this process: p50 ${serve.cpu_p50_ms} ms, p95 ${serve.cpu_p95_ms} ms (${mark(serve.cpu_p95_ms! < TARGET_P95_MS)}), p99 ${serve.cpu_p99_ms} ms (${mark(serve.cpu_p99_ms! < TARGET_P99_MS)}) (machine load average ${serve.load_avg} on ${cpus().length} cores while they ran; final figures need a quiet machine)`,
  );
  console.log(`Totals: ${serve.capped_totals} of the ${QUERIES} queries matched more than 10,000 entries of a kind (shown as "10,000+")`);
  console.log(
    `Save to searchable: ${serve.save_to_searchable_ms} ms median of 20 (max ${serve.save_to_searchable_max_ms} ms): the store's write ${serve.save_write_ms} ms, then indexed and found ${serve.save_then_found_ms} ms (medians)`,
  );
  console.log(
    `Main-process memory after load and queries: ${serve.rss_mb} MB RSS (target for the whole host < ${TARGET_RSS_MB} MB ${mark(serve.rss_mb! < TARGET_RSS_MB)}; JavaScript heap ${serve.heap_mb} MB, index regions cached ${serve.cache_mb} MB)`,
  );
  console.log(
    `Naive substring scan over the same texts: p50 ${serve.scan_p50_ms} ms vs ${serve.scan_lunr_p50_ms} ms for the index on the same ${SCAN_QUERIES} word queries: ${serve.scan_over_lunr_ratio}×`,
  );
  console.log(
    JSON.stringify({
      build_s: build.build_s,
      index_mb: build.index_mb,
      text_mb: round(textMb, 1),
      index_over_text: round(share, 3),
      load_s: serve.load_s,
      p50_ms: serve.p50_ms,
      p95_ms: serve.p95_ms,
      p99_ms: serve.p99_ms,
      cpu_p50_ms: serve.cpu_p50_ms,
      cpu_p95_ms: serve.cpu_p95_ms,
      cpu_p99_ms: serve.cpu_p99_ms,
      load_avg: serve.load_avg,
      p95_target_ms: TARGET_P95_MS,
      p99_target_ms: TARGET_P99_MS,
      save_to_searchable_ms: serve.save_to_searchable_ms,
      save_write_ms: serve.save_write_ms,
      save_then_found_ms: serve.save_then_found_ms,
      rss_mb: serve.rss_mb,
      scan_over_lunr_ratio: serve.scan_over_lunr_ratio,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
