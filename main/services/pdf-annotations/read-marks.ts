// Reading the annotations inside a PDF with pdf.js (in the import's worker thread): every comment,
// highlight, note and drawing, with the text under each text markup found through the same page layout
// the import stores (shared/pdf). What becomes of them is decided in shared/pdf/pdf-marks.ts.
import type { PDFDocumentProxy, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { AppError } from '../../../shared/errors';
import type { PdfRect } from '../../../shared/model';
import { layoutPageText } from '../../../shared/pdf';
import type { Rgb } from '../../../shared/pdf/colors';
import { parsePdfDate } from '../../../shared/pdf/pdf-date';
import { CONTENT_SUBTYPES, isRegionMark, isTextMarkup, type PdfMark, type PdfMarksRead } from '../../../shared/pdf/pdf-marks';
import { textUnderQuads } from '../../../shared/pdf/text-under-quads';
import { MAX_PDF_PAGES } from '../import/limits';
import { loadError } from '../import/pdf';
import { loadPdfJs, readExclusively } from '../import/pdf-runtime';
import { openForText } from '../import/pdf-text';

/** The parts of pdf.js's annotation data we read (getAnnotations() gives plain objects). */
interface AnnotationData {
  id?: string;
  subtype?: string;
  rect?: number[];
  quadPoints?: ArrayLike<number> | null;
  color?: ArrayLike<number> | null;
  titleObj?: { str?: string };
  contentsObj?: { str?: string };
  creationDate?: string | null;
  modificationDate?: string | null;
  inReplyTo?: string | null;
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

export function readPdfMarks(fileName: string, bytes: Uint8Array, password?: string): Promise<PdfMarksRead> {
  return readExclusively(async () => {
    const task = openForText(await loadPdfJs(), bytes, password);
    try {
      let pdf: PDFDocumentProxy;
      try {
        pdf = await task.promise;
      } catch (error) {
        throw loadError(fileName, error, password);
      }
      if (pdf.numPages > MAX_PDF_PAGES) throw new AppError('too-large', `"${fileName}" has too many pages to read its annotations.`);
      return await readMarks(pdf);
    } finally {
      await task.destroy().catch(() => undefined);
    }
  });
}

async function readMarks(pdf: PDFDocumentProxy): Promise<PdfMarksRead> {
  const marks: PdfMark[] = [];
  const byRef = new Map<string, PdfMark>();
  const replies: { to: string; data: AnnotationData }[] = [];
  const pageTexts: PdfMarksRead['pageTexts'] = [];
  const skipped = new Map<string, number>();
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    try {
      const found = (await page.getAnnotations({ intent: 'display' })) as AnnotationData[];
      const onPage: PdfMark[] = [];
      for (const data of found) {
        const subtype = data.subtype ?? '';
        if ((CONTENT_SUBTYPES as readonly string[]).includes(subtype)) continue;
        if (data.inReplyTo) {
          replies.push({ to: data.inReplyTo, data });
          continue;
        }
        if (!isTextMarkup(subtype) && !isRegionMark(subtype)) {
          skipped.set(subtype, (skipped.get(subtype) ?? 0) + 1);
          continue;
        }
        const rects = isTextMarkup(subtype) ? quadBoxes(data.quadPoints) : [];
        const rect = normalisedRect(data.rect);
        if (rects.length === 0 && rect) rects.push(rect);
        if (rects.length === 0) continue;
        const mark: PdfMark = {
          page: number - 1,
          subtype,
          rects,
          range: null,
          contents: data.contentsObj?.str ?? '',
          author: data.titleObj?.str?.trim() || null,
          created: parsePdfDate(data.creationDate),
          modified: parsePdfDate(data.modificationDate),
          color: rgb(data.color),
          replies: [],
        };
        onPage.push(mark);
        if (data.id) byRef.set(data.id, mark);
      }
      const markup = onPage.filter((m) => isTextMarkup(m.subtype));
      if (markup.length > 0) {
        const content = await page.getTextContent();
        const items = content.items.filter(isTextItem);
        const laidOut = layoutPageText(items);
        for (const mark of markup) mark.range = textUnderQuads(laidOut, items, mark.rects);
        pageTexts.push({ page: number - 1, text: laidOut.text });
      }
      marks.push(...onPage);
    } finally {
      page.cleanup();
    }
  }
  for (const { to, data } of replies) {
    const parent = byRef.get(to);
    const contents = data.contentsObj?.str ?? '';
    if (parent && contents.trim()) parent.replies.push({ author: data.titleObj?.str?.trim() || null, contents, date: parsePdfDate(data.modificationDate ?? data.creationDate) });
  }
  for (const mark of marks) mark.replies.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  return { marks, pageTexts, skipped: [...skipped].map(([subtype, count]) => ({ subtype, count })) };
}

/** pdf.js gives each quadrilateral as 8 numbers already put in one order: its bounding box. */
function quadBoxes(quads: ArrayLike<number> | null | undefined): PdfRect[] {
  const boxes: PdfRect[] = [];
  if (!quads) return boxes;
  for (let i = 0; i + 8 <= quads.length; i += 8) {
    const xs = [quads[i]!, quads[i + 2]!, quads[i + 4]!, quads[i + 6]!];
    const ys = [quads[i + 1]!, quads[i + 3]!, quads[i + 5]!, quads[i + 7]!];
    if ([...xs, ...ys].every(Number.isFinite)) boxes.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  return boxes;
}

function normalisedRect(rect: number[] | undefined): PdfRect | null {
  if (!rect || rect.length < 4 || !rect.slice(0, 4).every(Number.isFinite)) return null;
  const [a, b, c, d] = rect as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

function rgb(color: ArrayLike<number> | null | undefined): Rgb | null {
  return color && color.length >= 3 ? [color[0]!, color[1]!, color[2]!] : null;
}
