// PDFs: text page by page with pdf.js, keeping page boundaries, plus metadata. Encrypted and broken
// files become clear errors; problems pdf.js recovers from become warnings; pages without text are
// reported (a scanned PDF still imports, it just has nothing to highlight).
import type {
  DocumentInitParameters,
  PDFDocumentProxy,
  TextItem,
  TextMarkedContent,
} from 'pdfjs-dist/types/src/display/api';
import { AppError, isAppError } from '../../../shared/errors';
import { BlockBuilder, type TextExtraction } from './blocks';
import { MAX_EXTRACTED_CHARS, MAX_PDF_PAGES, throwIfAborted, tooMuchText } from './limits';
import { itemsToLines, linesToParagraphs, type PdfLine } from './pdf-layout';
import { readPdfMetadata } from './pdf-metadata';
import { loadPdfJs, pdfAssetFolders, readExclusively } from './pdf-runtime';

export interface PdfExtraction extends TextExtraction {
  pageCount: number;
  warnings: string[];
}

function loadError(fileName: string, error: unknown): AppError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new AppError(
      'encrypted',
      `"${fileName}" is password-protected, and Apostil cannot import encrypted PDFs. Open it with its password in a PDF reader, save an unprotected copy, and import that copy.`,
    );
  }
  const reason = error instanceof Error && error.message ? ` (${error.message.replace(/\.$/, '')})` : '';
  return new AppError(
    'corrupt',
    `"${fileName}" could not be read as a PDF: it seems damaged or incomplete${reason}. Download or export it again, and import the new copy.`,
  );
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

function describePages(pages: number[]): string {
  const shown = pages.slice(0, 10).join(', ');
  return pages.length > 10 ? `${shown} and ${pages.length - 10} more` : shown;
}

async function pageLines(pdf: PDFDocumentProxy, pageNumber: number): Promise<PdfLine[]> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    return itemsToLines(content.items.filter(isTextItem));
  } finally {
    page.cleanup();
  }
}

export function extractPdf(fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<PdfExtraction> {
  return readExclusively(async (pdfWarnings) => {
    throwIfAborted(fileName, signal);
    const pdfjs = await loadPdfJs();
    const params: DocumentInitParameters & { isEvalSupported: false } = {
      // pdf.js takes ownership of (detaches) the buffer it is given: the caller still needs its bytes.
      data: bytes.slice(),
      // pdfjs-dist 6 no longer has an eval code path; the flag is kept so an older pdf.js stays safe.
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      enableXfa: false,
      cMapPacked: true,
      ...pdfAssetFolders(),
      verbosity: pdfjs.VerbosityLevel.WARNINGS,
    };
    const task = pdfjs.getDocument(params);
    try {
      let pdf: PDFDocumentProxy;
      try {
        pdf = await task.promise;
      } catch (error) {
        throw loadError(fileName, error);
      }
      const pageCount = pdf.numPages;
      if (pageCount > MAX_PDF_PAGES) {
        throw new AppError(
          'too-large',
          `"${fileName}" has ${pageCount.toLocaleString('en-US')} pages; Apostil imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en-US')} pages. Split it into smaller PDFs and import those.`,
        );
      }

      const builder = new BlockBuilder({ paged: true, maxChars: MAX_EXTRACTED_CHARS, tooLarge: () => tooMuchText(fileName) });
      const emptyPages: number[] = [];
      const unreadablePages: number[] = [];
      let firstPageLines: PdfLine[] = [];
      for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
        throwIfAborted(fileName, signal);
        let lines: PdfLine[] = [];
        try {
          lines = await pageLines(pdf, pageNumber);
        } catch (error) {
          if (isAppError(error)) throw error;
          unreadablePages.push(pageNumber); // one broken page should not lose the rest
        }
        if (pageNumber === 1) firstPageLines = lines;
        builder.beginPage();
        for (const paragraph of linesToParagraphs(lines)) builder.add('p', paragraph);
        if (!builder.endPage() && !unreadablePages.includes(pageNumber)) emptyPages.push(pageNumber);
      }

      if (pageCount > 0 && unreadablePages.length === pageCount) {
        throw new AppError(
          'corrupt',
          `"${fileName}" could not be read as a PDF: none of its ${pageCount === 1 ? 'page' : `${pageCount} pages`} could be read. Download or export it again, and import the new copy.`,
        );
      }
      const text = builder.build();
      const metadata = readPdfMetadata(await pdf.getMetadata(), firstPageLines, text.text.slice(0, 5_000));

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
      return { text, metadata, pageCount, warnings: [...warnings, ...pdfWarnings.list()] };
    } finally {
      await task.destroy().catch(() => undefined); // never mask the real outcome
    }
  });
}
