// Writing Apostil's annotations into a copy of a PDF with pdf-lib (in the import's worker thread), as
// standard PDF annotations any reader shows: a Highlight with QuadPoints for each passage, a Square for
// each region, a Text note for what could not be placed, each with its pop-up note, author (/T), dates
// and id (/NM), and an appearance stream so readers that draw only what is written show it too.
// The PDF's own annotations stay, except those the library imported (ours replace them).
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFPage } from 'pdf-lib';
import { AppError } from '../../../shared/errors';
import type { DocumentText, PdfAreaSelector, PdfRect } from '../../../shared/model';
import { areaForRange, layoutPageText, matchesStoredText, pagesOfRange, type LaidOutPage } from '../../../shared/pdf';
import type { Rgb } from '../../../shared/pdf/colors';
import type { MarkToWrite } from '../../../shared/pdf/export-marks';
import { PROPORTIONAL_METRICS } from '../../../shared/pdf/metrics';
import { toPdfDate } from '../../../shared/pdf/pdf-date';
import { isRegionMark, isTextMarkup, markKey } from '../../../shared/pdf/pdf-marks';
import { loadError } from '../import/pdf';
import { loadPdfJs, readExclusively } from '../import/pdf-runtime';
import { openForText } from '../import/pdf-text';
import { pdfMarkId } from './mark-id';

export interface AnnotatedPdfRequest {
  documentId: string;
  marks: MarkToWrite[];
  /** The document's text: needed only when a highlight has no rectangles yet. */
  text: DocumentText | null;
  /** Ids of the library's annotations imported from this PDF: the PDF's own copies are left out. */
  importedIds: string[];
}

/** The file's bytes with the marks written in; the bytes given are not changed. */
export async function writeAnnotatedPdf(fileName: string, bytes: Uint8Array, request: AnnotatedPdfRequest, password?: string): Promise<Uint8Array> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    if ((error as Error)?.name === 'EncryptedPDFError' || /encrypted/i.test((error as Error)?.message ?? '')) {
      throw new AppError('encrypted', `"${fileName}" is encrypted, and Apostil cannot write annotations into an encrypted PDF. Export its annotations in another format (W3C Web Annotations, CSV) instead.`);
    }
    throw new AppError('corrupt', `"${fileName}" could not be read to write its annotations in: ${(error as Error)?.message ?? error}.`);
  }
  const marks = await withAreas(fileName, bytes, request, password);
  const pages = pdf.getPages();
  const imported = new Set(request.importedIds);
  if (imported.size > 0) pages.forEach((page, index) => leaveOutImported(pdf.context, page, index, request.documentId, imported));
  for (const mark of marks) {
    if (mark.kind === 'note' || !mark.areas) {
      const first = pages[0];
      if (first) addNote(pdf.context, first, mark);
      continue;
    }
    mark.areas.forEach((area, n) => {
      const page = pages[area.page];
      if (!page || area.rects.length === 0) return;
      const nm = n === 0 ? mark.id : `${mark.id}-p${area.page + 1}`;
      if (mark.kind === 'highlight') addHighlight(pdf.context, page, mark, area.rects, nm);
      else addRegion(pdf.context, page, mark, area.rects, nm);
    });
  }
  return pdf.save({ updateFieldAppearances: false });
}

/** Highlights without rectangles get them from the page text, measured as the import lays it out. */
async function withAreas(fileName: string, bytes: Uint8Array, request: AnnotatedPdfRequest, password?: string): Promise<MarkToWrite[]> {
  const { text } = request;
  const missing = request.marks.filter((m) => m.kind === 'highlight' && !m.areas && m.range);
  if (missing.length === 0 || !text) return request.marks.map((m) => (m.kind === 'highlight' && !m.areas ? { ...m, kind: 'note' } : m));
  const areas = await readExclusively(async () => {
    const task = openForText(await loadPdfJs(), bytes, password);
    try {
      const pdf = await task.promise.catch((error: unknown) => {
        throw loadError(fileName, error, password);
      });
      const laidOut = new Map<number, LaidOutPage | null>();
      const found = new Map<string, PdfAreaSelector['areas']>();
      for (const mark of missing) {
        for (const index of pagesOfRange(text, mark.range!.start, mark.range!.end)) {
          if (laidOut.has(index)) continue;
          const page = await pdf.getPage(index + 1);
          const items = (await page.getTextContent()).items.filter((item) => 'str' in item);
          const pageText = layoutPageText(items);
          laidOut.set(index, matchesStoredText(text, index, pageText) ? { text: pageText, items, metrics: PROPORTIONAL_METRICS } : null);
          page.cleanup();
        }
        const area = areaForRange(text, mark.range!.start, mark.range!.end, (page) => laidOut.get(page) ?? null);
        if (area) found.set(mark.id, area.areas);
      }
      return found;
    } finally {
      await task.destroy().catch(() => undefined);
    }
  });
  return request.marks.map((m) => (m.kind === 'highlight' && !m.areas ? (areas.has(m.id) ? { ...m, areas: areas.get(m.id)! } : { ...m, kind: 'note' }) : m));
}

const text = (s: string) => PDFHexString.fromText(s);
const unit = (c: Rgb) => c.map((v) => Math.round((v / 255) * 1000) / 1000);
const num = (n: number) => Math.round(n * 100) / 100;

function bounds(rects: readonly PdfRect[], pad = 0): PdfRect {
  return [
    num(Math.min(...rects.map((r) => r[0])) - pad),
    num(Math.min(...rects.map((r) => r[1])) - pad),
    num(Math.max(...rects.map((r) => r[2])) + pad),
    num(Math.max(...rects.map((r) => r[3])) + pad),
  ];
}

/** The entries every annotation of ours has, and its pop-up. */
function common(context: PDFContext, page: PDFPage, mark: MarkToWrite, nm: string, rect: PdfRect) {
  return {
    Type: 'Annot',
    Rect: rect,
    F: 4, // printed
    P: page.ref,
    NM: text(nm),
    T: text(mark.author ?? 'Apostil'),
    Contents: text(mark.contents),
    C: unit(mark.color),
    CreationDate: PDFString.of(toPdfDate(mark.created) ?? ''),
    M: PDFString.of(toPdfDate(mark.modified) ?? ''),
    Subj: text(mark.kind === 'highlight' ? 'Highlight' : mark.kind === 'region' ? 'Region' : 'Note'),
  };
}

function attach(context: PDFContext, page: PDFPage, annotation: PDFDict, rect: PdfRect): void {
  const ref = context.register(annotation);
  const { width, height } = page.getMediaBox();
  const left = Math.max(0, Math.min(rect[2] + 8, width - 220));
  const top = Math.min(height, Math.max(rect[3], 160));
  const popup = context.register(context.obj({ Type: 'Annot', Subtype: 'Popup', Rect: [num(left), num(top - 150), num(left + 220), num(top)], Parent: ref, Open: false, F: 28 }));
  annotation.set(PDFName.of('Popup'), popup);
  page.node.addAnnot(ref);
  page.node.addAnnot(popup);
}

function appearance(context: PDFContext, rect: PdfRect, content: string, resources: Record<string, unknown> = {}): PDFRef {
  const stream = context.flateStream(content, { Type: 'XObject', Subtype: 'Form', BBox: rect, Resources: resources as never });
  return context.register(stream);
}

function addHighlight(context: PDFContext, page: PDFPage, mark: MarkToWrite, rects: readonly PdfRect[], nm: string): void {
  const rect = bounds(rects, 1);
  // Top-left, top-right, bottom-left, bottom-right: the order readers actually use.
  const quads = rects.flatMap(([x1, y1, x2, y2]) => [x1, y2, x2, y2, x1, y1, x2, y1].map(num));
  const [r, g, b] = unit(mark.color);
  const fills = rects.map(([x1, y1, x2, y2]) => `${num(x1)} ${num(y1)} ${num(x2 - x1)} ${num(y2 - y1)} re`).join(' ');
  const gs = context.obj({ Type: 'ExtGState', BM: 'Multiply', CA: 1, ca: 1 });
  const ap = appearance(context, rect, `/GS0 gs ${r} ${g} ${b} rg ${fills} f`, { ExtGState: { GS0: gs } });
  const annotation = context.obj({ ...common(context, page, mark, nm, rect), Subtype: 'Highlight', QuadPoints: quads, CA: 1, AP: { N: ap } });
  attach(context, page, annotation, rect);
}

function addRegion(context: PDFContext, page: PDFPage, mark: MarkToWrite, rects: readonly PdfRect[], nm: string): void {
  // The border is drawn inside the rectangle, as the standard has it: /Rect is the region itself.
  const width = 2;
  const rect = bounds(rects);
  const [r, g, b] = unit(mark.color);
  const inset = width / 2;
  const strokes = rects.map(([x1, y1, x2, y2]) => `${num(x1 + inset)} ${num(y1 + inset)} ${num(x2 - x1 - width)} ${num(y2 - y1 - width)} re`).join(' ');
  const ap = appearance(context, rect, `${width} w ${r} ${g} ${b} RG ${strokes} S`);
  const annotation = context.obj({ ...common(context, page, mark, nm, rect), Subtype: 'Square', BS: { W: width, S: 'S' }, AP: { N: ap } });
  attach(context, page, annotation, rect);
}

/** A note in the top-left corner of the first page, for an annotation that has no place on any page. */
function addNote(context: PDFContext, page: PDFPage, mark: MarkToWrite): void {
  const { height } = page.getMediaBox();
  const rect: PdfRect = [12, num(height - 36), 36, num(height - 12)];
  const [r, g, b] = unit(mark.color);
  const ap = appearance(context, rect, `${r} ${g} ${b} rg 0 0 0 RG 1 w ${rect[0] + 2} ${rect[1] + 2} 20 20 re B 0 0 0 rg ${rect[0] + 6} ${rect[1] + 14} 12 1.5 re ${rect[0] + 6} ${rect[1] + 10} 12 1.5 re ${rect[0] + 6} ${rect[1] + 6} 8 1.5 re f`);
  const annotation = context.obj({ ...common(context, page, mark, mark.id, rect), Subtype: 'Text', Name: 'Comment', Open: false, AP: { N: ap } });
  attach(context, page, annotation, rect);
}

/** Leaves out the page's annotations the library imported (with their pop-ups and replies). */
function leaveOutImported(context: PDFContext, page: PDFPage, index: number, documentId: string, imported: ReadonlySet<string>): void {
  const annots = page.node.Annots();
  if (!annots) return;
  const gone = new Set<PDFRef>();
  const entries = annots.asArray().map((ref) => ({ ref, dict: context.lookupMaybe(ref, PDFDict) }));
  for (const { ref, dict } of entries) {
    if (!dict || !(ref instanceof PDFRef)) continue;
    const subtype = dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() ?? '';
    if (!isTextMarkup(subtype) && !isRegionMark(subtype)) continue;
    const rects = isTextMarkup(subtype) ? quadBoxes(dict.lookupMaybe(PDFName.of('QuadPoints'), PDFArray)) : [];
    const rect = quadBoxes(dict.lookupMaybe(PDFName.of('Rect'), PDFArray), 4)[0];
    if (rects.length === 0 && rect) rects.push(rect);
    const contents = dict.lookupMaybe(PDFName.of('Contents'), PDFString, PDFHexString)?.decodeText() ?? '';
    if (!imported.has(pdfMarkId(markKey(documentId, { page: index, subtype, rects, contents })))) continue;
    gone.add(ref);
    const popup = dict.get(PDFName.of('Popup'));
    if (popup instanceof PDFRef) gone.add(popup);
  }
  if (gone.size === 0) return;
  // Replies to what is left out were folded into its note when it was imported.
  for (const { ref, dict } of entries) {
    const to = dict?.get(PDFName.of('IRT'));
    if (to instanceof PDFRef && gone.has(to) && ref instanceof PDFRef) gone.add(ref);
  }
  for (const ref of gone) page.node.removeAnnot(ref);
}

/** Bounding boxes of each group of `size` coordinates (8 for QuadPoints, 4 for a Rect). */
function quadBoxes(array: PDFArray | undefined, size = 8): PdfRect[] {
  if (!array) return [];
  const values = array.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  const boxes: PdfRect[] = [];
  for (let i = 0; i + size <= values.length; i += size) {
    const group = values.slice(i, i + size);
    if (!group.every(Number.isFinite)) continue;
    const xs = group.filter((_, k) => k % 2 === 0);
    const ys = group.filter((_, k) => k % 2 === 1);
    boxes.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  return boxes;
}
