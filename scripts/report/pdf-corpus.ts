// npm run report:pdf-corpus [-- <folders or PDF files>…]
//
// How close Apostil's extracted PDF text is to poppler's pdftotext, file by file: the words of both
// texts (NFKC-normalised, lower-cased) compared as multisets, similarity = 2·shared / (ours + theirs).
// By default it reads the PDFs under test-data/ (pdf.js's test PDFs);
// name folders or files to read others (e.g. a whole checkout of pdf.js's test/pdfs). It prints a line
// per file (with the words each side has that the other lacks, where they differ), then one line of
// JSON. pdftotext is poppler-utils (Debian: apt-get install poppler-utils).
import { spawnSync } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { extractDocument } from '../../main/services/import';
import { setExtractionWorkerScript, stopExtractionWorker } from '../../main/services/import/worker/extraction-worker';

interface FileFigures {
  file: string;
  pages: number | null;
  words_apostil: number;
  words_pdftotext: number;
  similarity: number | null;
  /** Why the file has no similarity: the import refused it, or pdftotext failed on it. */
  error?: string;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The words of a text: NFKC (ligatures, presentation forms, full-width forms), lower case, letters and digits. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

function counts(list: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const w of list) map.set(w, (map.get(w) ?? 0) + 1);
  return map;
}

/** 2·|A∩B| / (|A|+|B|) over word multisets; 1 when both are empty. */
export function wordSimilarity(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 1;
  const left = counts(a);
  let shared = 0;
  for (const [w, n] of counts(b)) shared += Math.min(n, left.get(w) ?? 0);
  return (2 * shared) / (a.length + b.length);
}

/** Up to `max` words that `a` has more often than `b`, most frequent first. */
function surplus(a: string[], b: string[], max = 6): string[] {
  const other = counts(b);
  return [...counts(a)]
    .map(([w, n]) => [w, n - (other.get(w) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((x, y) => y[1] - x[1])
    .slice(0, max)
    .map(([w, n]) => (n > 1 ? `${w}×${n}` : w));
}

function pdftotext(file: string): { text: string } | { error: string } {
  // Bounded: a hostile file can make pdftotext print without end.
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', timeout: 120_000 });
  if (run.error) return { error: `pdftotext could not read it (${run.error.message})` };
  if (run.status !== 0) return { error: `pdftotext failed: ${run.stderr.trim().split('\n')[0]}` };
  return { text: run.stdout };
}

async function pdfFiles(targets: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const target of targets) {
    if ((await stat(target)).isDirectory()) {
      for (const entry of (await readdir(target, { recursive: true })).sort()) {
        if (entry.toLowerCase().endsWith('.pdf')) found.push(path.join(target, entry));
      }
    } else found.push(target);
  }
  return found;
}

async function main(): Promise<void> {
  const probe = spawnSync('pdftotext', ['-v']);
  if (probe.error) {
    console.error('pdftotext was not found. Install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) and run again.');
    process.exit(2);
  }
  console.log(`Machine: ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at start.`);
  // Extraction runs as the app runs it: in the import's worker thread, from the build.
  setExtractionWorkerScript('dist/main/extract-worker/extract-worker.js');
  const files = await pdfFiles(process.argv.length > 2 ? process.argv.slice(2) : ['test-data']);
  const results: FileFigures[] = [];
  for (const file of files) {
    const name = path.relative(process.cwd(), file);
    const reference = pdftotext(file);
    let ours: string[] = [];
    let pages: number | null = null;
    let error: string | undefined;
    try {
      const doc = await extractDocument(path.basename(file), new Uint8Array(await readFile(file)));
      ours = words(doc.text.text);
      pages = doc.pageCount;
    } catch (e) {
      error = `not imported: ${(e as Error).message}`;
    }
    const theirs = 'text' in reference ? words(reference.text) : [];
    if (!error && 'error' in reference) error = reference.error;
    const similarity = error ? null : round(wordSimilarity(ours, theirs));
    results.push({ file: name, pages, words_apostil: ours.length, words_pdftotext: theirs.length, similarity, ...(error ? { error } : {}) });
    const shown = similarity === null ? `  —   ${error}` : `${similarity.toFixed(3)}`;
    console.log(`${shown.padEnd(7)} ${name} (${pages ?? '?'} p., ${ours.length} / ${theirs.length} words)`);
    if (similarity !== null && similarity < 0.98) {
      console.log(`        only Apostil: ${surplus(ours, theirs).join(' ') || '—'}`);
      console.log(`        only pdftotext: ${surplus(theirs, ours).join(' ') || '—'}`);
    }
  }
  await stopExtractionWorker();
  const compared = results.filter((r) => r.similarity !== null).map((r) => r.similarity!);
  const sorted = [...compared].sort((a, b) => a - b);
  const summary = {
    files: results.length,
    compared: compared.length,
    mean_similarity: compared.length ? round(compared.reduce((s, x) => s + x, 0) / compared.length) : null,
    median_similarity: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null,
    below_0_9: compared.filter((s) => s < 0.9).length,
    not_imported: results.filter((r) => r.error?.startsWith('not imported')).length,
    load_average: round(loadavg()[0]!, 1),
    per_file: Object.fromEntries(results.map((r) => [r.file, r.similarity])),
  };
  console.log(`\n${summary.compared} of ${summary.files} files compared: mean word similarity ${summary.mean_similarity}, median ${summary.median_similarity}, ${summary.below_0_9} below 0.9.`);
  console.log(JSON.stringify(summary));
}

await main();
