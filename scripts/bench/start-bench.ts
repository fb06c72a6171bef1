// npm run bench:start: Apostil started as a user starts it, on the 5,000-document, 100,000-annotation
// library that `npm run bench:search` generates (reused from /tmp/apostil-bench-search-full, or
// generated there). Each round launches the browser-mode host, opens its address in Chromium and
// times, from the launch: the library listed; then the host's memory; the Analysis tab drawn (at
// once, and again once the host has finished its start-up work); a document opened. The renderer
// reports each moment with a performance mark (apostil:library-listed, apostil:analysis-drawn,
// apostil:text-drawn). Prints the figures, medians of the rounds, then ONE line of JSON.
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { step as waitStep, TABS } from './bench-steps';
import { generateLibrary, vocabulary } from './synthetic-library';

/** Another copy (APOSTIL_BENCH_LIBRARY) when the shared one is open elsewhere: a library has one owner at a time. */
const LIBRARY = process.env.APOSTIL_BENCH_LIBRARY ?? path.join(tmpdir(), 'apostil-bench-search-full');
const SIZE = { documents: 5_000, annotations: 100_000 };
const ROUNDS = Number(process.env.APOSTIL_BENCH_ROUNDS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The host counts as settled when it used under this share of one core over a second. */
const SETTLED_CPU = 0.05;
const SETTLE_LIMIT_S = 180;
/** Each step (host ready, library listed, a view drawn) fails with a message after this, never hangs. */
const STEP_LIMIT_S = Number(process.env.APOSTIL_BENCH_STEP_LIMIT_S ?? 120);

interface Round {
  host_ready_s: number;
  /** The page's own files loaded and run (DOMContentLoaded), from the launch. */
  page_loaded_s: number;
  /** The documents.list answer received in full, from the launch. */
  list_served_s: number;
  library_shown_s: number;
  rss_shown_mb: number;
  analysis_first_s: number;
  settled_s: number | null;
  rss_mb: number;
  analysis_s: number;
  open_document_s: number;
  documents_list_kb: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface RunningHost {
  host: ChildProcess;
  url: string;
  /** What the host printed, for the message when a step fails. */
  output(): string;
  /** Rejects when the host exits: raced against every wait, so a crashed host is reported at once. */
  exited: Promise<never>;
}

function startHost(dataDir: string): Promise<RunningHost> {
  const host = spawn(process.execPath, ['dist/main/host.js', '--library', LIBRARY, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<never>((_, reject) =>
    host.once('exit', (code, signal) => reject(new Error(`The host exited (${signal ?? code}):\n${output.slice(-2_000)}`))),
  );
  exited.catch(() => undefined);
  const ready = new Promise<RunningHost>((resolve) => {
    host.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output);
      if (match) resolve({ host, url: match[1]!, output: () => output, exited });
    });
    host.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  return step('the host printed its address', Promise.race([ready, exited]), () => output);
}

/** `promise`, or a loud failure after STEP_LIMIT_S naming the step (bench-steps.ts). */
function step<T>(what: string, promise: Promise<T>, explain: () => string | Promise<string>): Promise<T> {
  return waitStep(what, promise, explain, STEP_LIMIT_S);
}

/** What the page shows and what the host printed, for a failed step's message. */
async function pageState(page: Page, running: RunningHost, problems: string[]): Promise<string> {
  const shot = path.join(tmpdir(), `apostil-bench-start-failed-${Date.now()}.png`);
  await page.screenshot({ path: shot, timeout: 10_000 }).catch(() => undefined);
  const summary = await page
    .evaluate(() => ({
      tabs: [...document.querySelectorAll('[role="tab"]')].map((t) => `${t.textContent}${t.getAttribute('aria-selected') === 'true' ? ' (selected)' : ''}`),
      marks: performance.getEntriesByType('mark').map((m) => m.name),
      text: document.body.innerText.slice(0, 600),
    }))
    .catch((error: unknown) => ({ error: (error as Error).message }));
  return [
    `Page ${page.url().replace(/\/[^/]*$/, '/…')}: ${JSON.stringify(summary)}`,
    `Screenshot: ${shot}`,
    problems.length ? `Page errors:\n  ${problems.slice(-10).join('\n  ')}` : 'No page errors.',
    `Host output (last 2,000 characters):\n${running.output().slice(-2_000)}`,
  ].join('\n');
}

async function stopHost(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null) return;
  const exited = new Promise((resolve) => host.once('exit', resolve));
  host.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU seconds the process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until the host has finished its start-up work (search index, analysis): seconds waited, or null. */
async function waitSettled(pid: number): Promise<number | null> {
  const started = Date.now();
  let before = cpuSeconds(pid);
  while (Date.now() - started < SETTLE_LIMIT_S * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuSeconds(pid);
    if (now - before < SETTLED_CPU) return (Date.now() - started) / 1000;
    before = now;
  }
  return null;
}

/**
 * Clicks `target` (found first, by role and name as a user sees it, so that the time counts from the
 * click) and resolves with the seconds until the page sets the mark `name`.
 */
async function timeToMark(page: Page, name: string, target: Locator, explain: () => Promise<string>): Promise<number> {
  const element = await step(`${target} found to click`, target.elementHandle(), explain);
  await page.evaluate(() => performance.clearMarks());
  const seconds = page.evaluate(
    ([mark, clicked]) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const observer = new PerformanceObserver((list) => {
          const found = list.getEntriesByName(mark as string)[0];
          if (!found) return;
          observer.disconnect();
          resolve((found.startTime - start) / 1000);
        });
        observer.observe({ type: 'mark' });
        (clicked as HTMLElement).click();
      }),
    [name, element] as const,
  );
  return step(`the mark ${name} after the click`, seconds, explain);
}

async function runRound(browser: Browser, index: number, dataDir: string): Promise<Round> {
  const launched = Date.now();
  // The tab is made while the host starts, as a browser-mode user has a browser running and opens the
  // address in it: a new Playwright context and page cost 0.5-0.6 s here (1.6 s the first time), which
  // the rounds counted after the host's start until 2026-12-07. (The desktop app makes its window only
  // once the library is open: main/electron/main.ts.)
  const preparedTab = browser.newContext({ viewport: { width: 1440, height: 900 } }).then(async (context) => ({ context, page: await context.newPage() }));
  const running = await startHost(dataDir).catch(async (error: unknown) => {
    await preparedTab.then(({ context }) => context.close()).catch(() => undefined);
    throw error;
  });
  const { host, url } = running;
  const hostReady = (Date.now() - launched) / 1000;
  const { context, page } = await preparedTab;
  try {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
    const explain = () => pageState(page, running, problems);
    /** Every wait on the page also ends when the host exits. */
    const watched = <T>(what: string, promise: Promise<T>) => step(what, Promise.race([promise, running.exited]), explain);
    let listBytes = 0;
    let listServedAt = Number.NaN;
    // The list comes in the sign-in's answer (one line of it: shared/sign-in.ts), or as its own call
    // when the sign-in did not bring it.
    const carriesList = (url: string) => url.includes('documents.list') || url.endsWith('/api/session');
    page.on('response', (response) => {
      if (!carriesList(response.url())) return;
      void response
        .body()
        .then((body) => {
          const line = body.toString('utf8').split('\n').find((text) => text.startsWith('{"read":"documents.list"'));
          if (line || !response.url().endsWith('/api/session')) listBytes = line ? Buffer.byteLength(line) : body.byteLength;
        })
        .catch(() => undefined);
    });
    page.on('requestfinished', (request) => {
      // Timing's startTime is the epoch in ms; responseEnd counts from it.
      if (carriesList(request.url()) && (Number.isNaN(listServedAt) || request.url().includes('documents.list'))) listServedAt = request.timing().startTime + request.timing().responseEnd;
    });
    await watched('the page loaded', page.goto(url));
    const listedAt = await watched(
      'the library listed (mark apostil:library-listed)',
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const seen = () => performance.getEntriesByName('apostil:library-listed')[0];
            const already = seen();
            if (already) return resolve(performance.timeOrigin + already.startTime);
            const observer = new PerformanceObserver(() => {
              const found = seen();
              if (!found) return;
              observer.disconnect();
              resolve(performance.timeOrigin + found.startTime);
            });
            observer.observe({ type: 'mark' });
          }),
      ),
    );
    const shown = (listedAt - launched) / 1000;
    const pageLoadedAt = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return performance.timeOrigin + (navigation?.domContentLoadedEventEnd ?? Number.NaN);
    });
    const rssShown = rssMb(host.pid!);
    const tab = (name: string) => page.getByRole('tab', { name, exact: true });
    const analysisFirst = await watched('the Analysis tab drawn', timeToMark(page, 'apostil:analysis-drawn', tab(TABS.analysis), explain));
    await watched('the library tab chosen', tab(TABS.library).click());
    const settled = await waitSettled(host.pid!);
    const rss = rssMb(host.pid!);
    const analysis = await watched('the Analysis tab drawn again', timeToMark(page, 'apostil:analysis-drawn', tab(TABS.analysis), explain));
    await watched('the library tab chosen', tab(TABS.library).click());
    // An HTML document (the generated PDFs have no pages to draw, only their text), among the rows drawn.
    const htmlRow = page.locator('.document-item', { has: page.locator('.format-html') }).first();
    const open = await watched('a document opened (mark apostil:text-drawn)', timeToMark(page, 'apostil:text-drawn', htmlRow, explain));
    const figures: Round = {
      host_ready_s: round3(hostReady),
      page_loaded_s: round3((pageLoadedAt - launched) / 1000),
      list_served_s: round3((listServedAt - launched) / 1000),
      library_shown_s: round3(shown),
      rss_shown_mb: Math.round(rssShown),
      analysis_first_s: round3(analysisFirst),
      settled_s: settled === null ? null : Math.round(settled),
      rss_mb: Math.round(rss),
      analysis_s: round3(analysis),
      open_document_s: round3(open),
      documents_list_kb: Math.round(listBytes / 1024),
    };
    console.log(
      `Round ${index + 1}: host ready ${figures.host_ready_s} s, page loaded ${figures.page_loaded_s} s, list served ${figures.list_served_s} s, library shown ${figures.library_shown_s} s (documents.list ${figures.documents_list_kb} kB), ` +
        `RSS ${figures.rss_shown_mb} MB; Analysis at once ${figures.analysis_first_s} s; ` +
        `${settled === null ? `host still busy after ${SETTLE_LIMIT_S} s` : `host settled ${figures.settled_s} s later`}, RSS ${figures.rss_mb} MB, ` +
        `Analysis ${figures.analysis_s} s; document opened in ${figures.open_document_s} s`,
    );
    return figures;
  } finally {
    await context.close();
    await stopHost(host);
  }
}

async function main(): Promise<void> {
  console.log(`Start benchmark: ${SIZE.documents} documents, ${SIZE.annotations} annotations, ${ROUNDS} launches`);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  const generated = performance.now();
  const { reused } = generateLibrary(LIBRARY, SIZE, vocabulary(30_000));
  console.log(`Library ${reused ? 'reused' : `generated in ${((performance.now() - generated) / 1000).toFixed(1)} s`} at ${LIBRARY}`);
  if (!existsSync(path.join(LIBRARY, 'cache', 'search'))) console.log('No search index yet: the first launch builds it in the background (npm run bench:search builds it beforehand).');
  const loadBefore = loadavg()[0]!;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const rounds: Round[] = [];
  // One data dir for every launch, as a user's: the first launch writes the host's code cache there
  // (main/host/code-cache.ts), as the first launch after an install does, and the later ones use it.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'apostil-bench-start-data-'));
  try {
    for (let i = 0; i < ROUNDS; i++) rounds.push(await runRound(browser, i, dataDir));
  } finally {
    await browser.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0]!;
  // A figure a round could not read (NaN) is left out of its median rather than sorted among numbers.
  const med = (key: keyof Round) => {
    const read = rounds.map((r) => r[key] ?? Number.NaN).filter((n) => !Number.isNaN(n));
    return read.length > 0 ? median(read) : Number.NaN;
  };
  const result = {
    library_shown_s: med('library_shown_s'),
    rss_mb: med('rss_mb'),
    analysis_s: med('analysis_s'),
    open_document_s: med('open_document_s'),
    host_ready_s: med('host_ready_s'),
    page_loaded_s: med('page_loaded_s'),
    list_served_s: med('list_served_s'),
    analysis_first_s: med('analysis_first_s'),
    rss_shown_mb: med('rss_shown_mb'),
    documents_list_kb: med('documents_list_kb'),
    load_avg: Math.round(Math.max(loadBefore, loadAfter) * 10) / 10,
  };
  console.log(`Medians of ${ROUNDS} launches (machine load average ${result.load_avg} on ${cpus().length} cores):`);
  console.log(`  launch → library listed:  ${result.library_shown_s} s (target < 1 s; host ready after ${result.host_ready_s} s, page loaded ${result.page_loaded_s} s, list served ${result.list_served_s} s)`);
  console.log(`  host memory (RSS):        ${result.rss_mb} MB once settled (target < 250 MB; ${result.rss_shown_mb} MB when the library was listed)`);
  console.log(`  Analysis tab drawn:       ${result.analysis_s} s (target < 0.3 s; ${result.analysis_first_s} s when clicked as soon as the library was listed)`);
  console.log(`  a document opened:        ${result.open_document_s} s`);
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
