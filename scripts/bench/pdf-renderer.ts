// The page view measured in the real renderer: the browser-mode host and Chromium driven by
// Playwright. Time from opening a document to its first page drawn, and the renderer's JavaScript
// heap (after a garbage collection, through the Chrome DevTools Protocol) before and after scrolling
// through every page, with what stays alive (canvases, DOM nodes) to show memory is bounded.
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RendererFigures {
  /** Each open's time to first page drawn: the first one in a fresh app, then the others. */
  opens: number[];
  /**
   * Where the time went, each stage's median over the opens (seconds from the click): the file's first
   * bytes, the document's details and annotations arrived, pdf.js has parsed the file, the page view is
   * there, page 1 drawn, and the document's text arrived (asked for once page 1 is on screen).
   */
  stages: Record<string, number>;
  /** How many opens took page 1 as drawn ahead (while the reader was being set up) rather than drawing it. */
  drawnAhead: number;
  /** What the first open read of the file before its first page was drawn: range requests and MB. */
  firstPageReads: number;
  firstPageMbRead: number;
  memoryStartMb: number;
  memoryEndMb: number;
  pagesScrolled: number;
  scrollSeconds: number;
  canvasesAlive: number;
  canvasMbAlive: number;
  domNodesStart: number;
  domNodesEnd: number;
  /** The heap after each quarter of the pages, as "page: size". */
  heapWhileScrolling: string[];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPENS = 5;

function startHost(libraryDir: string, dataDir: string): Promise<{ host: ChildProcess; url: string }> {
  const host = spawn(process.execPath, ['dist/main/host.js', '--library', libraryDir, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    host.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (match) resolve({ host, url: match[1]! });
    });
    host.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    host.once('exit', (code) => reject(new Error(`The host exited (${code}):\n${output}`)));
  });
}

/**
 * Seconds from a click on the document in the library to its first page drawn, and what was read of
 * the file until then (the reader reads PDFs in ranges: a large file's first page needs little of it).
 */
async function timeOpen(page: Page, title: string): Promise<{ seconds: number; reads: number; bytes: number; marks: Record<string, number> }> {
  await page.evaluate(() => {
    performance.clearMarks();
    performance.clearResourceTimings();
  });
  const opened = await page.evaluate(async (wanted) => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('.document-item')].find((b) => b.textContent?.includes(wanted));
    if (!button) throw new Error(`"${wanted}" is not in the library.`);
    const start = performance.now();
    button.click();
    while (performance.now() - start < 60_000) {
      const mark = performance.getEntriesByName('apostil:pdf-first-page')[0];
      if (mark) {
        const reads = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
          (entry) => entry.name.includes('/original') && entry.responseEnd <= mark.startTime,
        );
        // The reader's marks of each stage (renderer/src/pdf), in seconds from the click, up to the
        // document's text, which comes after page 1.
        while (performance.getEntriesByName('apostil:document-text').length === 0 && performance.now() - start < 60_000) {
          await new Promise((r) => setTimeout(r, 5));
        }
        const marks = Object.fromEntries(
          performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith('apostil:'))
            .map((m) => [m.name.slice('apostil:'.length), (m.startTime - start) / 1000]),
        );
        return { seconds: (mark.startTime - start) / 1000, reads: reads.length, bytes: reads.reduce((n, entry) => n + entry.encodedBodySize, 0), marks };
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const shown = document.querySelector('.reader, .workspace')?.textContent?.replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`"${wanted}" was opened, but its first page was not drawn within a minute. The window shows: ${shown}`);
  }, title);
  await page.locator('.pdf-page[data-page-index="0"][data-rendered]').waitFor();
  return opened;
}

/** Measures the reader on the PDF at `file.path` (imported from there: large files never pass through memory here). */
export async function measureRenderer(file: { path: string; title: string }): Promise<RendererFigures> {
  const libraryDir = await mkdtemp(path.join(tmpdir(), 'apostil-bench-library-'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'apostil-bench-data-'));
  const { host, url } = await startHost(libraryDir, dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(url);
    await page.getByRole('navigation', { name: 'Library' }).waitFor();
    await page.getByTestId('import-input').setInputFiles([file.path]);
    await page.locator('.document-item', { hasText: file.title }).waitFor({ timeout: 300_000 });
    // The import opens the document (clicking it then would time nothing): leave it and reload, so
    // that the first open timed is a fresh app's (pdf.js not loaded, no page view shown yet), clicked
    // as soon as the library is listed.
    await page.locator('.pdf-page[data-page-index="0"][data-rendered]').waitFor({ timeout: 120_000 });
    await page.locator('.document-item', { hasText: 'Welcome to Apostil' }).click();
    await page.locator('.reader-text').waitFor();
    await page.reload();
    await page.locator('.document-item', { hasText: file.title }).waitFor();

    // Opened OPENS times, with the welcome document in between; the first open is in a fresh app.
    const first = await timeOpen(page, file.title);
    const timed = [first];
    while (timed.length < OPENS) {
      await page.locator('.document-item', { hasText: 'Welcome to Apostil' }).click();
      await page.locator('.reader-text').waitFor();
      timed.push(await timeOpen(page, file.title));
    }
    const opens = timed.map((t) => t.seconds);
    const stages: Record<string, number> = {};
    for (const stage of ['pdf-first-bytes', 'document-opened', 'pdf-parsed', 'pdf-ready', 'pdf-first-page', 'document-text']) {
      const times = timed.map((t) => t.marks[stage]).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
      if (times.length > 0) stages[stage] = times[Math.floor(times.length / 2)]!;
    }
    const drawnAhead = timed.filter((t) => 'pdf-first-page-drawn-ahead' in t.marks).length;

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return { mb: value('JSHeapUsedSize') / 1024 / 1024, nodes: value('Nodes') };
    };
    // Every page's size is read once after opening (pdf.js keeps a small object per page from then
    // on): memory is measured from there, so that what scrolling adds shows.
    await page.locator('.pdf-scroll[data-page-sizes="loaded"]').waitFor({ timeout: 120_000 });
    const start = await heap();
    const samples: string[] = [];

    // Scroll through every page, waiting for each to be drawn.
    const pageCount = await page.locator('.pdf-page-count').textContent().then((t) => Number(/\d+/.exec(t ?? '')?.[0] ?? 0));
    const scrollStarted = Date.now();
    for (let index = 0; index < pageCount; index++) {
      await page.locator('.pdf-scroll').evaluate((scroller, i) => {
        const target = scroller.querySelector<HTMLElement>(`.pdf-page[data-page-index="${i}"]`);
        scroller.scrollTop = target ? target.offsetTop : scroller.scrollTop + scroller.clientHeight;
      }, index);
      await page.locator(`.pdf-page[data-page-index="${index}"][data-rendered]`).waitFor({ timeout: 30_000 });
      if (pageCount >= 8 && (index + 1) % Math.ceil(pageCount / 4) === 0) samples.push(`${index + 1}: ${(await heap()).mb.toFixed(1)} MB`);
    }
    const scrollSeconds = (Date.now() - scrollStarted) / 1000;
    const end = await heap();
    const canvases = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].reduce((a, c) => ({ count: a.count + (c.width > 0 ? 1 : 0), pixels: a.pixels + c.width * c.height }), { count: 0, pixels: 0 }),
    );
    return {
      opens,
      stages,
      drawnAhead,
      firstPageReads: first.reads,
      firstPageMbRead: first.bytes / 1024 / 1024,
      memoryStartMb: start.mb,
      memoryEndMb: end.mb,
      pagesScrolled: pageCount,
      scrollSeconds,
      canvasesAlive: canvases.count,
      canvasMbAlive: (canvases.pixels * 4) / 1024 / 1024,
      domNodesStart: start.nodes,
      domNodesEnd: end.nodes,
      heapWhileScrolling: samples,
    };
  } finally {
    await browser.close();
    if (host.exitCode === null) {
      const exited = new Promise((r) => host.once('exit', r));
      host.kill('SIGTERM');
      await exited;
    }
    await rm(libraryDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}
