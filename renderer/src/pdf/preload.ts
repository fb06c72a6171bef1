// Opening a PDF starts before the reader asks for it: as soon as a PDF document is chosen, its first
// bytes are requested (in parallel with its text) and pdf.js starts reading it in ranges, so the page
// view finds the file parsed, or nearly, when it appears. A password request that comes before the
// page view is there waits for it.
import { useEffect } from 'react';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist/types/src/display/api';
import { drawFirstPageAhead } from './draw-page';
import { openPdf, warmUpPdfJs } from './pdfjs';
import { openRangedFile } from './ranged-file';

type PasswordListener = (update: (password: string) => void, reason: number) => void;

export interface PdfOpening {
  task: Promise<PDFDocumentLoadingTask>;
  /** Receives pdf.js's password requests, including one made before it was set. */
  onPassword(listener: PasswordListener): void;
  /** Rejects if reading the file fails at any time while it is open (it was replaced, main is gone). */
  failure: Promise<never>;
}

let preloaded: { id: string; opening: PdfOpening } | null = null;

function startOpening(id: string): PdfOpening {
  let listener: PasswordListener | null = null;
  let waiting: Parameters<PasswordListener> | null = null;
  let fail: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined); // the page view reports it
  performance.mark('apostil:pdf-preload');
  const task = openRangedFile(id).then(async (file) => {
    performance.mark('apostil:pdf-first-bytes');
    const opened = await openPdf(file, fail);
    opened.onPassword = (update: (password: string) => void, reason: number) => {
      if (listener) listener(update, reason);
      else waiting = [update, reason];
    };
    // The first page is the first one needed: fetch it and draw it as soon as the file is parsed.
    opened.promise
      .then(async (pdf) => {
        performance.mark('apostil:pdf-parsed');
        drawFirstPageAhead(pdf, await pdf.getPage(1));
      })
      .catch(() => undefined);
    return opened;
  });
  task.catch(() => undefined); // the page view reports the error when it takes the task
  return {
    task,
    failure,
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
