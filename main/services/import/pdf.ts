// PDFs: text page by page with pdf.js, keeping page boundaries, plus metadata. The page layout is the
// shared one (shared/pdf), so the page view rebuilds each page's text exactly; a long PDF is read on
// two threads (pdf-parallel.ts). An encrypted file is
// read with the password the user typed (used for this read only, never stored); a missing or wrong
// password and broken files become clear errors; problems pdf.js recovers from become warnings; pages
// without text are reported (a scanned PDF still imports, it just has nothing to highlight).
import { availableParallelism } from 'node:os';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { AppError } from '../../../shared/errors';
import type { FieldOrigins } from '../../../shared/model';
import type { PdfLine } from '../../../shared/pdf';
import { BlockBuilder, type TextExtraction } from './blocks';
import { MAX_EXTRACTED_CHARS, MAX_PDF_PAGES, throwIfAborted, tooMuchText } from './limits';
import { usefulPageLabels } from '../../../shared/pdf/page-labels';
import { readPdfMetadata } from './pdf-metadata';
import { PARALLEL_FROM_PAGES, defaultWorkerScript, readPagesInHelper, type PagesHelper } from './pdf-parallel';
import { loadPdfJs, readExclusively } from './pdf-runtime';
import { openForText, readPageText, readPagesParagraphs } from './pdf-text';

export interface PdfExtraction extends TextExtraction {
  fieldOrigins: FieldOrigins;
  pageCount: number;
  /** The PDF's own page labels ("i", "ii", "1", …) when they differ from the file's numbering. */
  pageLabels: string[] | null;
  warnings: string[];
}

/** pdf.js's PasswordResponses.INCORRECT_PASSWORD. */
const INCORRECT_PASSWORD = 2;

export function loadError(fileName: string, error: unknown, password: string | undefined): AppError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    const wrong = (error as { code?: unknown }).code === INCORRECT_PASSWORD && password !== undefined;
    return new AppError(
      'encrypted',
      wrong
        ? `The password for "${fileName}" is not right. Check it (passwords are case-sensitive) and try again.`
        : `"${fileName}" is password-protected. Enter its password to open it; Apostil uses the password only to read the file and never stores it.`,
    );
  }
  const reason = error instanceof Error && error.message ? ` (${error.message.replace(/\.$/, '')})` : '';
  return new AppError(
    'corrupt',
    `"${fileName}" could not be read as a PDF: it seems damaged or incomplete${reason}. Download or export it again, and import the new copy.`,
  );
}

/** Pages (numbered from 1) whose text holds characters the PDF's fonts could not decode (shown as �). */
export function undecodablePages(pages: readonly (readonly string[] | null)[]): number[] {
  return pages.flatMap((paragraphs, i) => (paragraphs?.some((p) => p.includes('\uFFFD')) ? [i + 1] : []));
}

export function undecodableWarning(fileName: string, pages: number[]): string {
  const many = pages.length > 1;
  return `Page${many ? 's' : ''} ${describePages(pages)} of "${fileName}" ${many ? 'have' : 'has'} characters whose font gives no way to read them (shown as �): words with them cannot be found by search. If the text matters, try another copy of the file, or text recognition (OCR).`;
}

function describePages(pages: number[]): string {
  const shown = pages.slice(0, 10).join(', ');
  return pages.length > 10 ? `${shown} and ${pages.length - 10} more` : shown;
}

export interface PdfReadOptions {
  signal?: AbortSignal;
  /** For an encrypted PDF: used to open it for this read only. */
  password?: string;
  /** The helper thread's script for long PDFs (tests point at a fresh build); null reads on one thread. */
  workerScript?: string | null;
  /** From how many pages on a helper thread reads half of them. */
  parallelFromPages?: number;
}

export function extractPdf(fileName: string, bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PdfExtraction> {
  const { signal, password } = options;
  return readExclusively(async (pdfWarnings) => {
    throwIfAborted(fileName, signal);
    const pdfjs = await loadPdfJs();
    const task = openForText(pdfjs, bytes, password);
    let helper: PagesHelper | null = null;
    try {
      let pdf: PDFDocumentProxy;
      try {
        pdf = await task.promise;
      } catch (error) {
        throw loadError(fileName, error, password);
      }
      const pageCount = pdf.numPages;
      if (pageCount > MAX_PDF_PAGES) {
        throw new AppError(
          'too-large',
          `"${fileName}" has ${pageCount.toLocaleString('en-US')} pages; Apostil imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en-US')} pages. Split it into smaller PDFs and import those.`,
        );
      }

      // A long PDF: a helper thread reads the second half while this one reads the first.
      const parallel = pageCount >= (options.parallelFromPages ?? PARALLEL_FROM_PAGES) && (availableParallelism() > 1 || options.workerScript);
      const split = parallel ? Math.ceil(pageCount / 2) : pageCount;
      if (split < pageCount) {
        const script = options.workerScript === undefined ? defaultWorkerScript() : options.workerScript;
        helper = readPagesInHelper(script, { bytes, password, from: split + 1, to: pageCount });
      }
      const check = () => throwIfAborted(fileName, signal);
      const firstPage = pageCount > 0 ? await readPageText(pdf, 1).catch(() => null) : null;
      const pages: (string[] | null)[] = pageCount > 0 ? [firstPage?.paragraphs ?? null] : [];
      if (pageCount > 0) check();
      pages.push(...(await readPagesParagraphs(pdf, 2, split, check)));
      if (helper) {
        const helped = await helper.result;
        check();
        if (helped) {
          pages.push(...helped.pages);
          for (const warning of helped.warnings) pdfWarnings.add(warning);
        } else pages.push(...(await readPagesParagraphs(pdf, split + 1, pageCount, check)));
      }

      const builder = new BlockBuilder({ paged: true, maxChars: MAX_EXTRACTED_CHARS, tooLarge: () => tooMuchText(fileName) });
      const emptyPages: number[] = [];
      const unreadablePages: number[] = [];
      pages.forEach((paragraphs, index) => {
        if (paragraphs === null) unreadablePages.push(index + 1);
        builder.beginPage();
        // Already normalised by the layout, so the builder keeps them as they are.
        for (const paragraph of paragraphs ?? []) builder.add('p', paragraph);
        if (!builder.endPage() && paragraphs !== null) emptyPages.push(index + 1);
      });
      const firstPageLines: PdfLine[] = firstPage?.lines ?? [];

      if (pageCount > 0 && unreadablePages.length === pageCount) {
        throw new AppError(
          'corrupt',
          `"${fileName}" could not be read as a PDF: none of its ${pageCount === 1 ? 'page' : `${pageCount} pages`} could be read. Download or export it again, and import the new copy.`,
        );
      }
      const text = builder.build();
      const { metadata, fieldOrigins } = readPdfMetadata(await pdf.getMetadata(), firstPageLines, text.text.slice(0, 5_000));
      // Damaged labels are no reason to refuse a readable PDF: its pages are then numbered as in the file.
      const pageLabels = usefulPageLabels(await pdf.getPageLabels().catch(() => null), pageCount);

      const warnings: string[] = [];
      if (unreadablePages.length > 0) {
        warnings.push(`Page${unreadablePages.length > 1 ? 's' : ''} ${describePages(unreadablePages)} of "${fileName}" could not be read and ${unreadablePages.length > 1 ? 'have' : 'has'} no text in Apostil.`);
      }
      if (pageCount > 0 && text.blocks.length === 0 && unreadablePages.length < pageCount) {
        warnings.push(
          `"${fileName}" seems to be a scanned PDF with no text layer: it was imported, but has no text to highlight or search. Run it through text recognition (OCR) and import the result to annotate its text.`,
        );
      } else if (emptyPages.length > 0) {
        warnings.push(
          `Page${emptyPages.length > 1 ? 's' : ''} ${describePages(emptyPages)} of "${fileName}" ${emptyPages.length > 1 ? 'have' : 'has'} no text layer (blank or scanned); ${emptyPages.length > 1 ? 'their' : 'its'} content cannot be highlighted or searched.`,
        );
      }
      const undecodable = undecodablePages(pages);
      if (undecodable.length > 0) warnings.push(undecodableWarning(fileName, undecodable));
      return { text, metadata, fieldOrigins, pageCount, pageLabels, warnings: [...warnings, ...pdfWarnings.list()] };
    } finally {
      helper?.stop();
      await task.destroy().catch(() => undefined); // never mask the real outcome
    }
  });
}
