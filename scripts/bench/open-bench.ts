// npm run bench:open [-- DIR]: LibraryStore.open timed on a library, each round in a fresh Node process
// (as the host opens it at launch, before anything is warm). By default on a copy of the 5,000-document
// library that `npm run bench:search` generates, made once in /tmp/apostil-bench-open: an open writes the
// library's check record, and the shared benchmark library must stay as it is. The copy's first open
// reads every file (a copy has new inodes, so no stamp matches); the rounds after it are what a launch
// costs. Prints each round (time, CPU, the worst delay of a 10 ms timer while it ran: how long the host
// could not answer the page), medians, then ONE line of JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { LibraryStore } from '../../main/services/library/store';

const SOURCE = path.join(tmpdir(), 'apostil-bench-search-full');
const COPY = path.join(tmpdir(), 'apostil-bench-open');
const ROUNDS = Number(process.env.APOSTIL_BENCH_ROUNDS ?? 5);

interface Round {
  open_ms: number;
  cpu_ms: number;
  worst_lag_ms: number;
  documents: number;
  files_read: number;
  check: string;
}

/** One open, in this process: what a round prints as JSON for the parent. */
async function openOnce(dir: string): Promise<Round> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let worstLag = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    worstLag = Math.max(worstLag, now - last - 10);
    last = now;
  }, 10);
  const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
  const openMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(ticker);
  const { verification } = await store.health();
  const round = {
    open_ms: Math.round(openMs),
    cpu_ms: Math.round((used.user + used.system) / 1000),
    worst_lag_ms: Math.round(worstLag),
    documents: store.info().documentCount,
    files_read: verification.filesRead,
    check: verification.openCheck,
  };
  await store.close();
  return round;
}

function runRound(dir: string): Round {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [script, '--round', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`The round failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Round;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--round') {
    console.log(JSON.stringify(await openOnce(args[1]!)));
    return;
  }
  let dir = args[0];
  if (!dir) {
    dir = COPY;
    if (!existsSync(COPY)) {
      if (!existsSync(SOURCE)) throw new Error(`No benchmark library at ${SOURCE}: run npm run bench:search first (it generates it), or give a library folder.`);
      console.log(`Copying ${SOURCE} to ${COPY} (once)…`);
      execFileSync('cp', ['-r', SOURCE, COPY]);
    }
  }
  const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
  console.log(`Opening ${dir}; load average ${load()}`);
  // Until an open finds the record matching (the copy's first open reads every file and writes it).
  // A library that still needs reading after three opens (one with problems the open reports each time) is timed as it is.
  for (let settling = 0; settling < 3; settling++) {
    const first = runRound(dir);
    if (first.files_read === 0 && first.check !== 'full') break;
    console.log(`settling: ${first.check} check, ${first.files_read} files read, ${first.open_ms} ms`);
  }
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round = runRound(dir);
    rounds.push(round);
    console.log(
      `open ${round.open_ms} ms (CPU ${round.cpu_ms} ms), worst event-loop delay ${round.worst_lag_ms} ms, ${round.documents} documents, ${round.check} check, ${round.files_read} files read`,
    );
  }
  const result = {
    bench: 'open',
    documents: rounds[0]!.documents,
    open_ms: median(rounds.map((r) => r.open_ms)),
    cpu_ms: median(rounds.map((r) => r.cpu_ms)),
    worst_lag_ms: median(rounds.map((r) => r.worst_lag_ms)),
    rounds: ROUNDS,
    load_average: load(),
  };
  console.log(`medians: open ${result.open_ms} ms, CPU ${result.cpu_ms} ms, worst event-loop delay ${result.worst_lag_ms} ms (load average at the end ${result.load_average})`);
  console.log(JSON.stringify(result));
}

await main();
