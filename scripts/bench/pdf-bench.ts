// npm run bench:pdf [-- /path/to/your.pdf]
//
// Measures the PDF reader on a generated 500-page text PDF, on a generated 100 MB PDF of large page
// images (the reader reads PDFs in ranges: its first page must not wait for the rest of the file), and
// on a realistic article (a generated two-column journal article, or the PDF you name): time from
// "open" to the first page drawn in the real renderer, time to extract the full text at import
// compared with poppler's pdftotext on the same file, and the renderer's memory before and after
// scrolling through every page. Prints the figures, then one line of JSON with them all (the top-level
// keys are those of the 500-page PDF, plus first_page_100mb_s).
import { spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { extractDocument } from '../../main/services/import';
import { setExtractionWorkerScript } from '../../main/services/import/worker/extraction-worker';
import { makeImagePdf, makeLongTextPdf, makeRealisticArticle } from './pdf-inputs';
import { measureRenderer } from './pdf-renderer';

interface Figures {
  file: string;
  pages: number;
  first_page_s: number;
  /** The first of those opens, in a fresh app (pdf.js and its worker not loaded yet, nothing kept), apart. */
  first_page_fresh_app_s: number;
  /** The median of the others (pdf.js loaded, its standard fonts kept). */
  first_page_later_s: number;
  /** Median seconds from the click to each stage of opening (see pdf-renderer.ts). */
  first_page_stages_s: Record<string, number>;
  /** Opens whose page 1 was drawn ahead, while the document's text was on its way. */
  first_page_drawn_ahead: number;
  /** Requests to main for the file (each may name several ranges) before the first page was drawn. */
  first_page_reads: number;
  /** MB of the file read before the first page was drawn (first open). */
  first_page_mb_read: number;
  extract_s: number;
  pdftotext_s: number | null;
  extract_ratio: number | null;
  memory_start_mb: number;
  memory_end_mb: number;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** Extraction and pdftotext are timed this many times each, alternately, so that a busy machine weighs on both alike. */
const ROUNDS = 3;

function pdftotextAvailable(): boolean {
  const probe = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  return !probe.error;
}

/** Wall-clock seconds of `pdftotext file -` (its text to a pipe, as the import keeps it in memory). */
function timePdftotext(file: string): number {
  const started = process.hrtime.bigint();
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 512 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`pdftotext failed on ${file}: ${run.stderr?.toString().trim()}`);
  return seconds;
}

async function timeExtraction(name: string, bytes: Uint8Array): Promise<{ seconds: number; pages: number }> {
  const started = process.hrtime.bigint();
  const doc = await extractDocument(name, bytes);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, pages: doc.pageCount ?? 0 };
}

async function bench(label: string, name: string, bytes: Uint8Array, title: string, folder: string, havePdftotext: boolean): Promise<Figures> {
  console.log(`\n${label}: ${name} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB)`);
  const file = path.join(folder, name);
  await writeFile(file, bytes);

  const extractions: number[] = [];
  const pdftotexts: number[] = [];
  let pages = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const extraction = await timeExtraction(name, bytes);
    extractions.push(extraction.seconds);
    pages = extraction.pages;
    if (havePdftotext) pdftotexts.push(timePdftotext(file));
  }
  const extract = median(extractions);
  const pdftotext = havePdftotext ? median(pdftotexts) : null;
  const ratio = havePdftotext ? median(extractions.map((e, i) => e / pdftotexts[i]!)) : null;
  const list = (values: number[]) => values.map((v) => v.toFixed(3)).join(', ');
  console.log(`  pages:                         ${pages}`);
  console.log(`  text extraction at import:     ${extract.toFixed(3)} s (median of ${list(extractions)})`);
  console.log(`  pdftotext on the same file:    ${pdftotext === null ? 'not measured (pdftotext missing)' : `${pdftotext.toFixed(3)} s (median of ${list(pdftotexts)})`}`);
  console.log(`  ratio (target: within 3x):     ${ratio === null ? '—' : `${ratio.toFixed(2)}x (median of the ${ROUNDS} paired runs)`}`);

  const renderer = await measureRenderer({ path: file, title });
  const firstPage = median(renderer.opens);
  console.log(`  open → first page drawn:       ${firstPage.toFixed(3)} s (target: under 0.3 s, whatever the file's size; median of ${renderer.opens.length} opens: ${list(renderer.opens)}, the first in a fresh app)`);
  const stage = (name: string, label: string) => (name in renderer.stages ? `${label} ${renderer.stages[name]!.toFixed(3)}` : null);
  const stages = [
    stage('pdf-first-bytes', "file's first bytes"),
    stage('document-opened', 'details and annotations arrived'),
    stage('pdf-parsed', 'parsed by pdf.js'),
    stage('pdf-ready', 'page view there'),
    stage('pdf-first-page', 'page 1 drawn'),
    stage('document-text', 'text arrived'),
  ].filter(Boolean);
  console.log(`  where the time went (s from the click, medians): ${stages.join(', ')}; page 1 drawn ahead in ${renderer.drawnAhead} of ${renderer.opens.length} opens`);
  console.log(`  read before the first page:    ${renderer.firstPageMbRead.toFixed(2)} MB of ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, in ${renderer.firstPageReads} range request(s)`);
  console.log(`  renderer JS heap after open:   ${renderer.memoryStartMb.toFixed(1)} MB (${renderer.domNodesStart} DOM nodes)`);
  console.log(`  … after all ${renderer.pagesScrolled} pages scrolled: ${renderer.memoryEndMb.toFixed(1)} MB (${renderer.domNodesEnd} DOM nodes), in ${renderer.scrollSeconds.toFixed(1)} s`);
  console.log(`  heap while scrolling (page: heap): ${renderer.heapWhileScrolling.join(', ')}`);
  console.log(`  canvases alive at the end:     ${renderer.canvasesAlive} (${renderer.canvasMbAlive.toFixed(1)} MB of pixels)`);
  return {
    file: name,
    pages,
    first_page_s: round(firstPage),
    first_page_fresh_app_s: round(renderer.opens[0]!),
    first_page_later_s: round(median(renderer.opens.slice(1))),
    first_page_stages_s: Object.fromEntries(Object.entries(renderer.stages).map(([name, seconds]) => [name, round(seconds)])),
    first_page_drawn_ahead: renderer.drawnAhead,
    first_page_reads: renderer.firstPageReads,
    first_page_mb_read: round(renderer.firstPageMbRead, 2),
    extract_s: round(extract),
    pdftotext_s: pdftotext === null ? null : round(pdftotext),
    extract_ratio: ratio === null ? null : round(ratio, 2),
    memory_start_mb: round(renderer.memoryStartMb, 1),
    memory_end_mb: round(renderer.memoryEndMb, 1),
  };
}

async function main(): Promise<void> {
  const userPdf = process.argv[2];
  const havePdftotext = pdftotextAvailable();
  // Timings depend on how busy the machine is: say so beside them.
  console.log(`Machine: ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at start.`);
  if (!havePdftotext) {
    console.log('pdftotext was not found, so extraction is not compared with it. Install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) to compare.');
  }
  // Extraction runs as the app runs it: in the import's worker thread, from the build (`npm run build`).
  setExtractionWorkerScript('dist/main/extract-worker/extract-worker.js');
  // Warm up pdf.js in that worker, so the first extraction does not pay for loading it.
  await extractDocument('warm-up.pdf', await makeLongTextPdf(1));

  const folder = await mkdtemp(path.join(tmpdir(), 'apostil-bench-pdf-'));
  try {
    const long = await bench('Generated text PDF', 'generated-500-pages.pdf', await makeLongTextPdf(500), 'Generated 500-page report', folder, havePdftotext);
    const large = await bench('Generated 100 MB PDF of page images', 'generated-100-mb-scan.pdf', await makeImagePdf(100), 'Generated 100 MB scanned report', folder, havePdftotext);
    const real = userPdf
      ? await bench('Your PDF', path.basename(userPdf), new Uint8Array(await readFile(userPdf)), await titleOf(userPdf), folder, havePdftotext)
      : await bench('Realistic article (generated two-column journal article)', 'article.pdf', await makeRealisticArticle(), 'Trust and Security in Cyberspace', folder, havePdftotext);
    console.log(`\nLoad average at the end: ${loadavg()[0]!.toFixed(1)}.`);
    console.log(
      JSON.stringify({
        ...withoutFile(long),
        first_page_100mb_s: large.first_page_s,
        documents: { 'generated-500-pages': long, 'generated-100-mb-scan': large, [userPdf ? 'user-pdf' : 'realistic-article']: real },
      }),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function withoutFile(figures: Figures): Omit<Figures, 'file' | 'pages'> {
  const { file: _file, pages: _pages, ...rest } = figures;
  return rest;
}

/** The title the library shows for a user's PDF (its metadata, or its file name). */
async function titleOf(file: string): Promise<string> {
  const doc = await extractDocument(path.basename(file), new Uint8Array(await readFile(file)));
  return (doc.metadata.title ?? path.basename(file).replace(/\.[^.]+$/, '')).slice(0, 40);
}

main().catch((error: unknown) => {
  console.error(`The benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
