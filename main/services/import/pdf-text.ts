// Reading the text of PDF pages with pdf.js, the same way on the import's thread and in the helper
// thread that reads the second half of a long PDF (pdf-text-worker.ts).
import type { DocumentInitParameters, PDFDocumentLoadingTask, PDFDocumentProxy, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { PARAGRAPH_SEPARATOR, layoutPageText, type PageText } from '../../../shared/pdf';
import { normaliseParagraph } from '../../../shared/text/paragraph';
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

/**
 * A page's text, then the text typed into its form fields (a filled-in form's answers are drawn by
 * the fields' appearances, not in the page's content, so pdf.js's page text lacks them). The fields'
 * text follows the page's, one paragraph per field; the page view lays out only the page's own text,
 * so on such a page it places highlights by their text rather than exactly.
 */
export async function readPageText(pdf: PDFDocumentProxy, pageNumber: number): Promise<PageText> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    const laidOut = layoutPageText(content.items.filter(isTextItem));
    const fields = formFieldParagraphs(await page.getAnnotations({ intent: 'display' }).catch(() => []));
    if (fields.length === 0) return laidOut;
    const paragraphs = [...laidOut.paragraphs, ...fields];
    return { ...laidOut, paragraphs, text: paragraphs.join(PARAGRAPH_SEPARATOR) };
  } finally {
    page.cleanup();
  }
}

/** The visible values of a page's text fields, normalised as paragraphs are. */
export function formFieldParagraphs(annotations: readonly Record<string, unknown>[]): string[] {
  const paragraphs: string[] = [];
  for (const a of annotations) {
    if (a.subtype !== 'Widget' || a.fieldType !== 'Tx' || a.hidden === true) continue;
    const shown = Array.isArray(a.textContent) ? a.textContent.filter((t) => typeof t === 'string').join('\n') : a.fieldValue;
    if (typeof shown !== 'string') continue;
    const paragraph = normaliseParagraph(shown);
    if (paragraph) paragraphs.push(paragraph);
  }
  return paragraphs;
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
