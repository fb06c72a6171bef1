// npm run bench:start: Apostil started as a user starts it, on the 5,000-document, 100,000-annotation
// library that `npm run bench:search` generates (reused from /tmp/apostil-bench-search-full, or
// generated there). Each round launches the browser-mode host, opens its address in Chromium and
// times, from the launch: the library listed; then the host's memory; the Analysis tab drawn (at
// once, and again once the host has finished its start-up work); a document opened. The renderer
// reports each moment with a performance mark (apostil:library-listed, apostil:analysis-drawn,
// apostil:text-drawn). Prints the figures, medians of the rounds, then ONE line of JSON.
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { generateLibrary, vocabulary } from './synthetic-library';

const LIBRARY = path.join(tmpdir(), 'apostil-bench-search-full');
const SIZE = { documents: 5_000, annotations: 100_000 };
const ROUNDS = Number(process.env.APOSTIL_BENCH_ROUNDS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The host counts as settled when it used under this share of one core over a second. */
const SETTLED_CPU = 0.05;
const SETTLE_LIMIT_S = 180;

interface Round {
  host_ready_s: number;
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

function startHost(dataDir: string): Promise<{ host: ChildProcess; url: string }> {
  const host = spawn(process.execPath, ['dist/main/host.js', '--library', LIBRARY, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    host.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output);
      if (match) resolve({ host, url: match[1]! });
    });
    host.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    host.once('exit', (code) => reject(new Error(`The host exited (${code}) before it was ready:\n${output.slice(-2_000)}`)));
  });
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

/** Runs `act` in the page and resolves with the seconds until the mark `name` is set after it. */
async function timeToMark(page: Page, name: string, act: string): Promise<number> {
  await page.evaluate(() => performance.clearMarks());
  const seconds = await page.evaluate(
    ([mark, selector]) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        const observer = new PerformanceObserver((list) => {
          const found = list.getEntriesByName(mark!)[0];
          if (!found) return;
          observer.disconnect();
          resolve((found.startTime - start) / 1000);
        });
        observer.observe({ type: 'mark' });
        const target = document.querySelector<HTMLElement>(selector!);
        if (!target) return reject(new Error(`Nothing to click: ${selector}`));
        target.click();
      }),
    [name, act],
  );
  return seconds;
}

async function runRound(browser: Browser, index: number): Promise<Round> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'apostil-bench-start-data-'));
  const launched = Date.now();
  const { host, url } = await startHost(dataDir);
  const hostReady = (Date.now() - launched) / 1000;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    let listBytes = 0;
    page.on('response', (response) => {
      if (response.url().includes('documents.list')) void response.body().then((b) => (listBytes = b.byteLength)).catch(() => undefined);
    });
    await page.goto(url);
    const listedAt = await page.evaluate(
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
    );
    const shown = (listedAt - launched) / 1000;
    const rssShown = rssMb(host.pid!);
    const analysisFirst = await timeToMark(page, 'apostil:analysis-drawn', '.view-switch [role="tab"]:nth-child(2)');
    await page.getByRole('tab', { name: 'Library & reader' }).click();
    const settled = await waitSettled(host.pid!);
    const rss = rssMb(host.pid!);
    const analysis = await timeToMark(page, 'apostil:analysis-drawn', '.view-switch [role="tab"]:nth-child(2)');
    await page.getByRole('tab', { name: 'Library & reader' }).click();
    await page.locator('.document-item').first().waitFor();
    // An HTML document (the generated PDFs have no pages to draw, only their text).
    const htmlRow = await page.locator('.document-item', { has: page.locator('.format-html') }).first().getAttribute('data-index');
    const open = await timeToMark(page, 'apostil:text-drawn', `.document-item[data-index="${htmlRow}"]`);
    const figures: Round = {
      host_ready_s: round3(hostReady),
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
      `Round ${index + 1}: host ready ${figures.host_ready_s} s, library shown ${figures.library_shown_s} s (documents.list ${figures.documents_list_kb} kB), ` +
        `RSS ${figures.rss_shown_mb} MB; Analysis at once ${figures.analysis_first_s} s; ` +
        `${settled === null ? `host still busy after ${SETTLE_LIMIT_S} s` : `host settled ${figures.settled_s} s later`}, RSS ${figures.rss_mb} MB, ` +
        `Analysis ${figures.analysis_s} s; document opened in ${figures.open_document_s} s`,
    );
    return figures;
  } finally {
    await context.close();
    await stopHost(host);
    await rm(dataDir, { recursive: true, force: true });
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
  try {
    for (let i = 0; i < ROUNDS; i++) rounds.push(await runRound(browser, i));
  } finally {
    await browser.close();
  }
  const loadAfter = loadavg()[0]!;
  const med = (key: keyof Round) => median(rounds.map((r) => r[key] ?? Number.NaN));
  const result = {
    library_shown_s: med('library_shown_s'),
    rss_mb: med('rss_mb'),
    analysis_s: med('analysis_s'),
    open_document_s: med('open_document_s'),
    host_ready_s: med('host_ready_s'),
    analysis_first_s: med('analysis_first_s'),
    rss_shown_mb: med('rss_shown_mb'),
    documents_list_kb: med('documents_list_kb'),
    load_avg: Math.round(Math.max(loadBefore, loadAfter) * 10) / 10,
  };
  console.log(`Medians of ${ROUNDS} launches (machine load average ${result.load_avg} on ${cpus().length} cores):`);
  console.log(`  launch → library listed:  ${result.library_shown_s} s (target < 1 s; host ready after ${result.host_ready_s} s)`);
  console.log(`  host memory (RSS):        ${result.rss_mb} MB once settled (target < 250 MB; ${result.rss_shown_mb} MB when the library was listed)`);
  console.log(`  Analysis tab drawn:       ${result.analysis_s} s (target < 0.3 s; ${result.analysis_first_s} s when clicked as soon as the library was listed)`);
  console.log(`  a document opened:        ${result.open_document_s} s`);
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
