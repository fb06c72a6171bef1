// pdf.js in the renderer: loaded on first use (the text reader never pays for it), parsing in its own
// worker, with CMaps, standard fonts and image decoders served by the app itself (see
// scripts/vite-pdfjs-assets.ts): no network, no eval, no scripts inside PDFs.
import type { DocumentInitParameters, PDFDocumentLoadingTask } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { KeptAssets } from './pdf-assets';
import { RANGE_CHUNK_BYTES, type RangedFile } from './ranged-file';

export type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

let worker: InstanceType<PdfJs['PDFWorker']> | null = null;

/** One pdf.js worker for the session: starting one (fetching and compiling its script) is not free. */
async function sharedWorker(): Promise<InstanceType<PdfJs['PDFWorker']>> {
  const pdfjs = await loadPdfJs();
  if (!worker || worker.destroyed) worker = new pdfjs.PDFWorker();
  return worker;
}

/** Loads pdf.js and starts its worker ahead of time, so that opening a PDF does not wait for them. */
export function warmUpPdfJs(): void {
  void sharedWorker().catch(() => undefined);
}

const asset = (folder: string) => new URL(`pdfjs/${folder}/`, document.baseURI).href;

/**
 * Opens a PDF that main serves in ranges: pdf.js asks for the pieces it needs (disableAutoFetch: no
 * reading ahead of what is shown), so the first page does not wait for the rest. A small file came
 * whole with the first read and is handed over as it is. A read that fails goes to `onReadError` (pdf.js
 * itself would wait for it forever). The password is asked for through the task's onPassword.
 */
export async function openPdf(file: RangedFile, onReadError: (error: unknown) => void): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await loadPdfJs();
  let source: Pick<DocumentInitParameters, 'data' | 'range'>;
  if (file.first.byteLength >= file.length) {
    source = { data: file.first.slice() };
  } else {
    const range = new pdfjs.PDFDataRangeTransport(file.length, file.first);
    range.requestDataRange = (begin: number, end: number) => {
      file.read(begin, end).then((chunk) => range.onDataRange(begin, chunk), onReadError);
    };
    range.abort = () => file.abort();
    source = { range };
  }
  const params: DocumentInitParameters & { isEvalSupported: false } = {
    ...source,
    rangeChunkSize: RANGE_CHUNK_BYTES,
    disableAutoFetch: true,
    disableStream: true,
    worker: await sharedWorker(),
    // pdfjs-dist 6 no longer has an eval code path; the flag keeps an older pdf.js safe too.
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: asset('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: asset('standard_fonts'),
    wasmUrl: asset('wasm'),
    iccUrl: asset('iccs'),
    // Fonts the PDF does not embed come from pdf.js's own standard fonts, the same on every machine.
    useSystemFonts: false,
    // Those fonts, CMaps and decoders are fetched once a session, not at every open (pdf-assets.ts).
    useWorkerFetch: false,
    BinaryDataFactory: KeptAssets,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
  return pdfjs.getDocument(params);
}
