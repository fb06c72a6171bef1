// Opens a library document's PDF for the page view: read from main in ranges, parsed by pdf.js. An
// encrypted file asks for its password (kept only by pdf.js for this open document, never stored or
// sent anywhere); a wrong password says so; a file pdf.js cannot read becomes a clear error.
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { geometryOf, PdfPages } from './pdf-pages';
import { loadPdfJs } from './pdfjs';
import { takePdf } from './preload';

export type PdfState =
  | { status: 'loading' }
  | { status: 'password'; wrong: boolean; submit(password: string): void }
  | { status: 'error'; message: string }
  /** `firstPageShown`: the page view reports page 1 on screen (the document's text waits for it, see textMayLoad). */
  | { status: 'ready'; pages: PdfPages; firstPageShown(): void };

/** pdf.js's PasswordResponses.INCORRECT_PASSWORD. */
const INCORRECT_PASSWORD = 2;

export function usePdfDocument(documentId: string, fileName: string): PdfState {
  const [state, setState] = useState<PdfState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    let destroy: (() => void) | null = null;
    performance.mark('apostil:pdf-open');
    (async () => {
      const opening = takePdf(documentId);
      // A read that fails later (the file was replaced, main went away) ends the view with a message.
      opening.failure.catch((error: unknown) => {
        if (live) setState({ status: 'error', message: describeLoadError(fileName, error) });
        destroy?.();
      });
      opening.onPassword((update, reason) => {
        if (live) setState({ status: 'password', wrong: reason === INCORRECT_PASSWORD, submit: (password) => (setState({ status: 'loading' }), update(password)) });
      });
      const [pdfjs, task] = await Promise.all([loadPdfJs(), opening.task]);
      let pages: PdfPages | null = null;
      destroy = () => {
        pages?.destroy();
        void task.destroy();
      };
      if (!live) return destroy();
      const pdf = await Promise.race([task.promise, opening.failure]);
      const first = await Promise.race([pdf.getPage(1), opening.failure]);
      if (!live) return;
      pages = new PdfPages(pdfjs, pdf, geometryOf(first));
      performance.mark('apostil:pdf-ready');
      setState({ status: 'ready', pages, firstPageShown: opening.firstPageShown });
    })().catch((error: unknown) => {
      if (live) setState({ status: 'error', message: describeLoadError(fileName, error) });
    });
    return () => {
      live = false;
      destroy?.();
    };
  }, [documentId, fileName]);
  return state;
}

function describeLoadError(fileName: string, error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const detail = errorMessage(error).replace(/\.$/, '');
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return `"${fileName}" could not be shown: the file seems damaged or incomplete (${detail}). Its imported text is still here in the text view; replace the file with a good copy to see its pages.`;
  }
  if (name === 'PasswordException') return `"${fileName}" is password-protected and no password was given.`;
  return `"${fileName}" could not be shown (${detail}). Its imported text is still here in the text view.`;
}
