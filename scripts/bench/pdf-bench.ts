// npm run bench:pdf [-- /path/to/your.pdf]
//
// Measures the PDF reader on a generated 500-page text PDF and on a realistic article (a generated
// two-column journal article, or the PDF you name): time from "open" to the first page drawn in the
// real renderer, time to extract the full text at import compared with poppler's pdftotext on the same
// file, and the renderer's memory before and after scrolling through every page. Prints the figures,
// then one line of JSON with them all (the top-level keys are those of the 500-page PDF).
import { spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractDocument } from '../../main/services/import';
import { makeLongTextPdf, makeRealisticArticle } from './pdf-inputs';
import { measureRenderer } from './pdf-renderer';

interface Figures {
  file: string;
  pages: number;
  first_page_s: number;
  extract_s: number;
  pdftotext_s: number | null;
  extract_ratio: number | null;
  memory_start_mb: number;
  memory_end_mb: number;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

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

  const extraction = await timeExtraction(name, bytes);
  const pdftotext = havePdftotext ? timePdftotext(file) : null;
  const ratio = pdftotext ? extraction.seconds / pdftotext : null;
  console.log(`  pages:                         ${extraction.pages}`);
  console.log(`  text extraction at import:     ${extraction.seconds.toFixed(3)} s`);
  console.log(`  pdftotext on the same file:    ${pdftotext === null ? 'not measured (pdftotext missing)' : `${pdftotext.toFixed(3)} s`}`);
  console.log(`  ratio (target: within 3x):     ${ratio === null ? '—' : `${ratio.toFixed(2)}x`}`);

  const renderer = await measureRenderer({ name, bytes, title });
  console.log(`  open → first page drawn:       ${renderer.firstPageSeconds.toFixed(3)} s (target: under 0.5 s); opened again: ${renderer.reopenFirstPageSeconds.toFixed(3)} s`);
  console.log(`  renderer JS heap after open:   ${renderer.memoryStartMb.toFixed(1)} MB (${renderer.domNodesStart} DOM nodes)`);
  console.log(`  … after all ${renderer.pagesScrolled} pages scrolled: ${renderer.memoryEndMb.toFixed(1)} MB (${renderer.domNodesEnd} DOM nodes), in ${renderer.scrollSeconds.toFixed(1)} s`);
  console.log(`  heap while scrolling (page: heap): ${renderer.heapWhileScrolling.join(', ')}`);
  console.log(`  canvases alive at the end:     ${renderer.canvasesAlive} (${renderer.canvasMbAlive.toFixed(1)} MB of pixels)`);
  return {
    file: name,
    pages: extraction.pages,
    first_page_s: round(renderer.firstPageSeconds),
    extract_s: round(extraction.seconds),
    pdftotext_s: pdftotext === null ? null : round(pdftotext),
    extract_ratio: ratio === null ? null : round(ratio, 2),
    memory_start_mb: round(renderer.memoryStartMb, 1),
    memory_end_mb: round(renderer.memoryEndMb, 1),
  };
}

async function main(): Promise<void> {
  const userPdf = process.argv[2];
  const havePdftotext = pdftotextAvailable();
  if (!havePdftotext) {
    console.log('pdftotext was not found, so extraction is not compared with it. Install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) to compare.');
  }
  // Warm up pdf.js in this process, so the first extraction does not pay for loading it.
  await extractDocument('warm-up.pdf', await makeLongTextPdf(1));

  const folder = await mkdtemp(path.join(tmpdir(), 'apostil-bench-pdf-'));
  try {
    const long = await bench('Generated text PDF', 'generated-500-pages.pdf', await makeLongTextPdf(500), 'Generated 500-page report', folder, havePdftotext);
    const real = userPdf
      ? await bench('Your PDF', path.basename(userPdf), new Uint8Array(await readFile(userPdf)), await titleOf(userPdf), folder, havePdftotext)
      : await bench('Realistic article (generated two-column journal article)', 'article.pdf', await makeRealisticArticle(), 'Trust and Security in Cyberspace', folder, havePdftotext);
    console.log('');
    console.log(JSON.stringify({ ...withoutFile(long), documents: { 'generated-500-pages': long, [userPdf ? 'user-pdf' : 'realistic-article']: real } }));
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
