// Opening a PDF starts before the reader asks for it: as soon as a PDF document is chosen, its first
// bytes are requested (in parallel with its details and annotations) and pdf.js starts reading it in
// ranges, so the page view finds the file parsed, or nearly, when it appears. Its text is asked for
// once page 1 is on screen. A password request that comes before the page view is there waits for it.
import { useEffect } from 'react';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist/types/src/display/api';
import { openPdf, warmUpPdfJs } from './pdfjs';
import { openRangedFile } from './ranged-file';

type PasswordListener = (update: (password: string) => void, reason: number) => void;

export interface PdfOpening {
  task: Promise<PDFDocumentLoadingTask>;
  /** Receives pdf.js's password requests, including one made before it was set. */
  onPassword(listener: PasswordListener): void;
  /** Rejects if reading the file fails at any time while it is open (it was replaced, main is gone). */
  failure: Promise<never>;
  /**
   * Settles once the page view has drawn page 1 (see `firstPageShown`), or pdf.js asked for a password,
   * or failed: until then the file's ranges and the drawing go first (see textMayLoad).
   */
  shown: Promise<void>;
  /** The page view reports that page 1 is on screen. */
  firstPageShown(): void;
}

let preloaded: { id: string; opening: PdfOpening } | null = null;

function startOpening(id: string): PdfOpening {
  let listener: PasswordListener | null = null;
  let waiting: Parameters<PasswordListener> | null = null;
  let fail: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined); // the page view reports it
  let settle: () => void = () => undefined;
  const shown = new Promise<void>((resolve) => (settle = resolve));
  performance.mark('apostil:pdf-preload');
  // The page drawing's code (with the PDF layout it needs) is its own chunk, fetched beside the file.
  const drawing = import('./draw-page');
  const task = openRangedFile(id).then(async (file) => {
    performance.mark('apostil:pdf-first-bytes');
    const opened = await openPdf(file, fail);
    opened.onPassword = (update: (password: string) => void, reason: number) => {
      settle();
      if (listener) listener(update, reason);
      else waiting = [update, reason];
    };
    // The first page is the first one needed: fetch it and draw it as soon as the file is parsed.
    opened.promise
      .then(async (pdf) => {
        performance.mark('apostil:pdf-parsed');
        const [{ drawFirstPageAhead }, page] = await Promise.all([drawing, pdf.getPage(1)]);
        drawFirstPageAhead(pdf, page);
      })
      .catch(settle);
    return opened;
  });
  task.catch(settle); // the page view reports the error when it takes the task
  failure.catch(settle);
  return {
    task,
    failure,
    shown,
    firstPageShown: () => settle(),
    onPassword(next) {
      listener = next;
      if (waiting) {
        const [update, reason] = waiting;
        waiting = null;
        next(update, reason);
      }
    },
  };
}

export function preloadPdf(id: string): void {
  warmUpPdfJs();
  if (preloaded?.id !== id) {
    if (preloaded) void preloaded.opening.task.then((task) => task.destroy()).catch(() => undefined);
    preloaded = { id, opening: startOpening(id) };
  }
}

/** The longest the document's text waits for page 1 (a damaged file, a huge page can take long). */
const TEXT_WAITS_AT_MOST_MS = 2_000;

/**
 * Resolves when the document's text may be asked for. Main answers one request at a time, and the
 * renderer passes pdf.js its ranges: a long document's text (megabytes of JSON, read, checked and
 * parsed on both sides) asked for at once holds up the ranges pdf.js needs to parse the file, and its
 * parsing holds up the drawing. The page view does not need it to show the pages (highlights are
 * found in it, and drawn, when it comes). So the text waits until page 1 is on screen (or pdf.js
 * asked for a password, or failed), never more than two seconds.
 */
export function textMayLoad(id: string): Promise<void> {
  if (preloaded?.id !== id) return Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const atMost = new Promise<void>((resolve) => (timer = setTimeout(resolve, TEXT_WAITS_AT_MOST_MS)));
  return Promise.race([preloaded.opening.shown, atMost]).finally(() => clearTimeout(timer));
}

/** The document's PDF being opened: the preloaded one if it is this document's, else a new one. */
export function takePdf(id: string): PdfOpening {
  if (preloaded?.id === id) {
    const { opening } = preloaded;
    preloaded = null;
    return opening;
  }
  return startOpening(id);
}

/** Once the library shows a PDF, pdf.js and its worker are loaded while the app is idle. */
export function usePdfWarmUp(libraryHasPdf: boolean): void {
  useEffect(() => {
    if (!libraryHasPdf) return;
    const idle = requestIdleCallback(() => warmUpPdfJs(), { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, [libraryHasPdf]);
}
