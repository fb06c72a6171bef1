// `node dist/main/search-worst.js [--loop N] [--queries "a|b"] [--cold | --warm "c|d"]` (built by `npm run bench:search`, which also
// builds the index it reads): the benchmark's 500 queries, each timed in CPU, then the worst 20 looped N
// times, for profiling with `node --cpu-prof`. Prints CPU percentiles and the worst queries.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { EventBus } from '../../main/services/events';
import { LibraryStore } from '../../main/services/library/store';
import { SearchService } from '../../main/services/search/search-service';
import { QUERY_KINDS, querySet, vocabulary } from './synthetic-library';

const libraryDir = path.join(tmpdir(), 'apostil-bench-search-full');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const loops = Number(arg('--loop') ?? 0);

const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
const search = new SearchService(store, new EventBus(), { log: () => undefined, indexDir: `${libraryDir}-index` });
await search.start();
await search.idle();
const titles = store.listDocuments().map((d) => ({ title: d.metadata.title }));
const queries = arg('--queries')?.split('|') ?? querySet(vocabulary(30_000), 500, titles);
// --cold: no warm-up (each query seen first, as in the benchmark); --warm "a|b": warm up on other queries.
const warmup = arg('--warm')?.split('|') ?? (process.argv.includes('--cold') ? [] : queries.slice(0, 50));
for (const q of warmup) await search.query(q);
if (process.argv.includes('--totals')) {
  for (const q of queries) {
    const r = await search.query(q);
    console.log(`${q}: ${r.total.annotations}${r.totalCapped.annotations ? '+' : ''} annotations, ${r.total.passages}${r.totalCapped.passages ? '+' : ''} passages`);
  }
}
const cpuOf = async (q: string) => {
  const c = process.cpuUsage();
  await search.query(q);
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};
const times: [number, string][] = [];
for (const q of queries) times.push([await cpuOf(q), q]);
const sorted = times.map(([t]) => t).sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
console.log(`CPU p50/p95/p99 ${pct(50)}/${pct(95)}/${pct(99)} ms`);
if (!arg('--queries')) {
  // Per kind of query (the set cycles through QUERY_KINDS): which kinds make the tail.
  const byKind = new Map<string, number[]>();
  times.forEach(([t], i) => byKind.set(QUERY_KINDS[i % QUERY_KINDS.length]!, [...(byKind.get(QUERY_KINDS[i % QUERY_KINDS.length]!) ?? []), t]));
  for (const [kind, list] of byKind) {
    const s = list.sort((a, b) => a - b);
    const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1);
    console.log(`  ${kind.padEnd(16)} p50/p95/max ${at(50)}/${at(95)}/${s[s.length - 1]!.toFixed(1)} ms; over 5 ms: ${s.filter((t) => t > 5).length}`);
  }
}
const worst = [...times].sort((a, b) => b[0] - a[0]).slice(0, 20);
console.log(worst.map(([t, q]) => `${t.toFixed(1)}  ${q}`).join('\n'));
if (loops) {
  const again: [number, string][] = [];
  for (let i = 0; i < loops; i++) for (const [, q] of worst) again.push([await cpuOf(q), q]);
  const per = new Map<string, number[]>();
  for (const [t, q] of again) per.set(q, [...(per.get(q) ?? []), t]);
  console.log('looped (median CPU ms):');
  for (const [q, ts] of per) console.log(`${ts.sort((a, b) => a - b)[ts.length >> 1]!.toFixed(2)}  ${q}`);
}
await search.close();
await store.close();
