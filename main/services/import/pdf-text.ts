// Reading the text of PDF pages with pdf.js, the same way on the import's thread and in the helper
// thread that reads the second half of a long PDF (pdf-text-worker.ts).
import type { DocumentInitParameters, PDFDocumentLoadingTask, PDFDocumentProxy, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { layoutPageText, type PageText } from '../../../shared/pdf';
import { pdfAssetFolders, type PdfJs } from './pdf-runtime';

export function openForText(pdfjs: PdfJs, bytes: Uint8Array, password: string | undefined): PDFDocumentLoadingTask {
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
    ...(password !== undefined ? { password } : {}),
  };
  return pdfjs.getDocument(params);
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

export async function readPageText(pdf: PDFDocumentProxy, pageNumber: number): Promise<PageText> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    return layoutPageText(content.items.filter(isTextItem));
  } finally {
    page.cleanup();
  }
}

/** Paragraphs of pages from..to (numbered from 1, inclusive); null for a page that could not be read. */
export async function readPagesParagraphs(
  pdf: PDFDocumentProxy,
  from: number,
  to: number,
  beforePage: () => void = () => undefined,
): Promise<(string[] | null)[]> {
  const pages: (string[] | null)[] = [];
  for (let pageNumber = from; pageNumber <= to; pageNumber++) {
    beforePage();
    try {
      pages.push((await readPageText(pdf, pageNumber)).paragraphs);
    } catch {
      pages.push(null); // one broken page should not lose the rest
    }
  }
  return pages;
}
