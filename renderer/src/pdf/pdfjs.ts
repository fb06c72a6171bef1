// pdf.js in the renderer: loaded on first use (the text reader never pays for it), parsing in its own
// worker, with CMaps, standard fonts and image decoders served by the app itself (see
// scripts/vite-pdfjs-assets.ts): no network, no eval, no scripts inside PDFs.
import type { DocumentInitParameters, PDFDocumentLoadingTask } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

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

/** Opens PDF bytes (a copy: pdf.js takes its buffer over). The password is asked for through onPassword. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await loadPdfJs();
  const params: DocumentInitParameters & { isEvalSupported: false } = {
    data: bytes.slice(),
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
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  };
  return pdfjs.getDocument(params);
}
