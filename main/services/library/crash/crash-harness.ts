// The crash harness: runs crash-child.js on a library and kills it with SIGKILL at random moments, over
// and over. After every kill, before anything repairs the library, every JSON file in it must parse
// (no torn file is ever visible); then the library must open, its integrity check must find nothing
// but unfinished imports, and it must hold every change acknowledged before the kill, and the change
// in flight either whole or not at all. Files under cache/ are damaged between runs, and search must
// still answer.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir, readFile, writeFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import { SearchService } from '../../search/search-service';
import { LibraryStore } from '../store';
import {
  annotationKey,
  applyOp,
  cloneState,
  diffStates,
  emptyState,
  linkKey,
  memoKey,
  random,
  type ChildMessage,
  type CrashOp,
  type LibraryState,
} from './ops';

export interface CrashRunOptions {
  libraryDir: string;
  kills: number;
  seed: number;
  childScript: string;
  /**
   * 'replace': the child only replaces documents' files, so that kills land inside replacements;
   * 'codebook': it mostly merges and splits codes, and kills land inside those changes.
   */
  mode?: 'mixed' | 'replace' | 'codebook';
  workerScript: string;
  /** Check search (after damaging the cache) every n kills. */
  searchEvery?: number;
  onKill?: (stats: CrashStats) => void;
}

export interface CrashStats {
  kills: number;
  /** Changes acknowledged by the services before a kill, all found again. */
  acknowledged: number;
  /** Kills that hit a change in flight (which then had landed whole or not at all). */
  inFlight: number;
  inFlightLanded: number;
  /** Kills before the child had even opened the library (during open and its check). */
  duringOpen: number;
  unfinishedImports: number;
  /** Files replaced (acknowledged), and replacements cut short by a kill, undone at the next open. */
  replaced: number;
  undoneReplaces: number;
  /** Codebook changes (merges, splits) acknowledged, and those cut short by a kill, undone at the next open. */
  codebookChanges: number;
  /** Memos written, rewritten or deleted and acknowledged. */
  memoChanges: number;
  /** Document variable values set on several documents at once, acknowledged. */
  variableSets: number;
  /** Links between passages made or deleted and acknowledged. */
  linkChanges: number;
  undoneCodebookChanges: number;
  cacheFilesDamaged: number;
  searchChecks: number;
  jsonFilesChecked: number;
}

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

export async function runCrashHarness(options: CrashRunOptions): Promise<CrashStats> {
  const rand = random(options.seed);
  const stats: CrashStats = {
    kills: 0,
    acknowledged: 0,
    inFlight: 0,
    inFlightLanded: 0,
    duringOpen: 0,
    unfinishedImports: 0,
    replaced: 0,
    undoneReplaces: 0,
    codebookChanges: 0,
    memoChanges: 0,
    variableSets: 0,
    linkChanges: 0,
    undoneCodebookChanges: 0,
    cacheFilesDamaged: 0,
    searchChecks: 0,
    jsonFilesChecked: 0,
  };
  // The library as it is now, read back by the parent.
  let state = await readState(options.libraryDir, stats);
  // How long the targeted changes took (begin to ack), to time kills inside them.
  const timing: KillTiming = { durations: [], misses: 0 };

  /** After a kill: nothing torn, the library opens whole, and holds every acknowledged change. */
  const checkRun = async ({ acked, inFlight, beforeReady }: ChildRun, run: number, childSeed: number): Promise<void> => {
    stats.kills++;
    if (beforeReady) stats.duringOpen++;

    const context = `kill ${run + 1} (child seed ${childSeed})`;
    stats.jsonFilesChecked += await expectNoTornFiles(options.libraryDir, context);

    const expected = cloneState(state);
    for (const message of acked) applyOp(expected, message);
    stats.acknowledged += acked.length;
    stats.replaced += acked.filter((message) => message.op.kind === 'document.replace').length;
    stats.codebookChanges += acked.filter((message) => message.op.kind === 'codebook.change').length;
    stats.memoChanges += acked.filter((message) => message.op.kind.startsWith('memo.')).length;
    stats.variableSets += acked.filter((message) => message.op.kind === 'variables.set').length;
    stats.linkChanges += acked.filter((message) => message.op.kind.startsWith('link.')).length;

    const actual = await readState(options.libraryDir, stats, context);
    let differences = diffStates(actual, expected);
    if (differences.length > 0 && inFlight) {
      const landed = withInFlight(expected, inFlight, actual);
      const landedDifferences = diffStates(actual, landed);
      if (landedDifferences.length === 0) {
        differences = [];
        stats.inFlightLanded++;
      }
    }
    if (inFlight) stats.inFlight++;
    if (differences.length > 0) {
      throw new Error(
        `After ${context}, the library does not hold what was acknowledged:\n${differences.slice(0, 10).join('\n')}` +
          (inFlight ? `\n(change in flight: ${JSON.stringify(inFlight).slice(0, 300)})` : ''),
      );
    }
    state = actual;
    stats.cacheFilesDamaged += await damageCache(options.libraryDir, rand);
    if (options.searchEvery && (run + 1) % options.searchEvery === 0) {
      if (await expectSearchAnswers(options.libraryDir, state, context)) stats.searchChecks++;
    }
    options.onKill?.(stats);
  };

  // Node's start and loading the child's code take most of a run: the next child does both while
  // this one works and is checked, and opens the library only when it is given its seed.
  let next: WaitingChild | null = startChild(options);
  try {
    for (let run = 0; run < options.kills; run++) {
      const childSeed = Math.floor(rand() * 2 ** 31);
      const child: WaitingChild = next!;
      next = run + 1 < options.kills ? startChild(options) : null;
      await checkRun(await runAndKill(child, options, childSeed, rand, timing), run, childSeed);
    }
  } finally {
    next?.process.kill('SIGKILL');
  }
  return stats;
}

interface ChildRun {
  acked: Extract<ChildMessage, { t: 'ack' }>[];
  inFlight: CrashOp | null;
  beforeReady: boolean;
}

interface WaitingChild {
  process: ChildProcessWithoutNullStreams;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  errors: { text: string };
}

/** A child that loads its code, then waits for its seed before it opens the library. */
function startChild(options: CrashRunOptions): WaitingChild {
  const child = spawn(process.execPath, [options.childScript, options.libraryDir, 'stdin', options.workerScript, options.mode ?? 'mixed'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const errors = { text: '' };
  child.stderr.on('data', (chunk: Buffer) => (errors.text += chunk.toString()));
  // Only once the process is gone (reaped) is its lock stale for the next opener.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  // A child killed before it was used (the harness stopped) must not leave an unhandled rejection.
  exited.catch(() => undefined);
  child.stdin.on('error', () => undefined);
  return { process: child, exited, errors };
}

function runAndKill(waiting: WaitingChild, options: CrashRunOptions, seed: number, rand: () => number, timing: KillTiming): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = waiting.process;
    child.stdin.end(`${seed}\n`);
    const acked: ChildRun['acked'] = [];
    const targeted = options.mode === 'replace' ? 'document.replace' : options.mode === 'codebook' ? 'codebook.change' : null;
    let inFlight: CrashOp | null = null;
    let began = 0;
    let ready = false;
    let killed = false;
    let buffer = '';
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    // Mostly while it works (short and long runs), sometimes while it is still opening the library.
    const earlyKill = rand() < 0.1;
    const delay = earlyKill ? rand() * 250 : rand() < 0.8 ? rand() * 150 : 150 + rand() * 900;
    let timer: NodeJS.Timeout | null = earlyKill ? setTimeout(kill, delay) : null;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const message = JSON.parse(line) as ChildMessage;
        if (message.t === 'ready') {
          ready = true;
          if (!targeted) timer ??= setTimeout(kill, delay);
        } else if (message.t === 'begin') {
          inFlight = message.op;
          // Replacing or recoding: the kill comes within moments of such a change starting, so most land in it.
          if (targeted === message.op.kind) {
            began = Date.now();
            timer ??= setTimeout(kill, killDelay(targeted, timing, rand));
          }
        }
        else {
          if (message.op.kind === targeted) timing.durations.push(Date.now() - began);
          acked.push(message);
          inFlight = null;
        }
      }
    });
    waiting.exited.then(({ code, signal }) => {
      if (timer) clearTimeout(timer);
      if (!killed || signal !== 'SIGKILL') {
        reject(new Error(`The crash child stopped by itself (code ${code}, signal ${signal}):\n${waiting.errors.text.slice(0, 2_000)}`));
        return;
      }
      resolve({ acked, inFlight, beforeReady: !ready });
    }, reject);
  });
}

interface KillTiming {
  durations: number[];
  /** Codebook changes killed before one was ever seen to finish. */
  misses: number;
}

/**
 * When to kill after a targeted change begins. A codebook change spends most of its time copying the
 * files it will rewrite; its writes come last. Once changes have been seen to finish, kills are spread
 * over the later part of a typical one, so that many land among the writes; until then (a loaded
 * machine is slow) the wait doubles with every change killed, so that one gets to finish.
 */
function killDelay(targeted: CrashOp['kind'], timing: KillTiming, rand: () => number): number {
  if (targeted !== 'codebook.change') return rand() * 30;
  if (timing.durations.length === 0) return rand() * Math.min(3_000, 30 * 2 ** timing.misses++);
  const typical = [...timing.durations].sort((a, b) => a - b)[Math.floor(timing.durations.length / 2)]!;
  return typical * (0.4 + rand() * 0.8);
}

/** The expected state if the change in flight at the kill had landed. */
function withInFlight(expected: LibraryState, op: CrashOp, actual: LibraryState): LibraryState {
  const landed = cloneState(expected);
  if (op.kind === 'import') {
    // The new document's id was never reported: it is the one document that only the library has.
    const extra = [...actual.documents].filter(([id, doc]) => !expected.documents.has(id) && doc.hash === op.hash);
    if (extra.length === 1) {
      const [id, doc] = extra[0]!;
      applyOp(landed, { t: 'ack', op, documentId: id, title: doc.title });
    }
  } else if (op.kind === 'memo.create') {
    // Likewise the new memo's id: the one memo, with that title, that only the library has.
    const extra = [...actual.memos].filter(([id, key]) => !expected.memos.has(id) && key === memoKey(op));
    if (extra.length === 1) applyOp(landed, { t: 'ack', op, memoId: extra[0]![0] });
  } else if (op.kind === 'link.create') {
    const extra = [...actual.links].filter(([id, key]) => !expected.links.has(id) && key === linkKey(op));
    if (extra.length === 1) applyOp(landed, { t: 'ack', op, linkId: extra[0]![0] });
  } else {
    applyOp(landed, { t: 'ack', op });
  }
  return landed;
}

/** Every JSON file of the library parses, before anything (the check at open) could repair it. */
export async function expectNoTornFiles(root: string, context: string): Promise<number> {
  let checked = 0;
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['trash', 'quarantine', 'cache'].includes(path.relative(root, full))) await visit(full);
      } else if (entry.name.endsWith('.json') && !entry.name.startsWith('.apostil-tmp-')) {
        const text = await readFile(full, 'utf8');
        try {
          JSON.parse(text);
        } catch {
          throw new Error(`After ${context}, ${path.relative(root, full)} is torn (${text.length} characters, not valid JSON).`);
        }
        checked++;
      }
    }
  };
  await visit(root);
  return checked;
}

/** Opens the library (which runs the integrity check) and reads back what the harness compares. */
async function readState(root: string, stats: CrashStats, context = 'the start'): Promise<LibraryState> {
  const store = await open(root);
  try {
    const health = await store.health();
    // An import, a file replacement or a codebook change cut short is not damage: the one is dropped, the others undone.
    const undone = ['unfinished-import', 'interrupted-replace', 'interrupted-codebook-change'];
    const damage = health.issues.filter((issue) => !undone.includes(issue.kind));
    stats.unfinishedImports += health.issues.filter((issue) => issue.kind === 'unfinished-import').length;
    stats.undoneReplaces += health.issues.filter((issue) => issue.kind === 'interrupted-replace').length;
    stats.undoneCodebookChanges += health.issues.filter((issue) => issue.kind === 'interrupted-codebook-change').length;
    if (damage.length > 0) {
      throw new Error(`After ${context}, the integrity check found damage:\n${damage.map((d) => `${d.kind}: ${d.message}`).join('\n')}`);
    }
    const state = emptyState();
    for (const document of store.listDocuments()) {
      state.documents.set(document.id, { title: document.metadata.title, hash: document.contentHash });
      state.annotations.set(document.id, new Map((await store.listAnnotations(document.id)).map((a) => [a.id, annotationKey(a)])));
      const token = /zephyr\d+x\d+/.exec((await store.readText(document.id)).text)?.[0];
      if (token) state.tokens.set(document.id, token);
    }
    for (const actor of store.getCodebook().actors) state.actors.add(actor.id);
    for (const memo of store.memos.list()) state.memos.set(memo.id, memoKey(memo));
    for (const [documentId, values] of Object.entries(store.variables.get().values)) {
      for (const [variableId, value] of Object.entries(values)) state.variableValues.set(`${documentId} ${variableId}`, String(value));
    }
    for (const link of store.links.stored().links) state.links.set(link.id, linkKey(link));
    return state;
  } finally {
    await store.close();
  }
}

/** Truncates, garbles or empties files under cache/ (the search index, whatever form it takes). */
async function damageCache(root: string, rand: () => number): Promise<number> {
  const files: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await visit(full);
      else files.push(full);
    }
  };
  await visit(path.join(root, 'cache'));
  let damaged = 0;
  for (const file of files) {
    if (rand() > 0.3) continue;
    const how = rand();
    if (how < 0.4) await truncate(file, Math.floor(rand() * 64));
    else if (how < 0.8) await writeFile(file, Buffer.from(Array.from({ length: 256 }, () => Math.floor(rand() * 256))));
    else await writeFile(file, '');
    damaged++;
  }
  return damaged;
}

/** Search still finds an imported document by the word only it contains (false: none to look for). */
async function expectSearchAnswers(root: string, state: LibraryState, context: string): Promise<boolean> {
  const [documentId, token] = [...state.tokens][0] ?? [];
  if (!documentId || !token) return false;
  const store = await open(root);
  try {
    const search = new SearchService(store);
    const results = await search.query(token).finally(() => search.close());
    if (!results.passages.some((hit) => hit.documentId === documentId)) {
      throw new Error(`After ${context}, search does not find "${token}" in document ${documentId}.`);
    }
    return true;
  } finally {
    await store.close();
  }
}
