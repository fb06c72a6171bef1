// PDFs with annotations in them, as another program (Acrobat, Preview, Okular) leaves them: lines of
// Helvetica at known places, and Highlight/Underline/Text/Square/Ink annotations written with pdf-lib
// over chosen words, with authors, dates, colours, pop-ups and replies.
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, type PDFFont, type PDFRef } from 'pdf-lib';
import type { PdfRect } from '../../shared/model';
import { loadPdfJs } from '../services/import/pdf-runtime';
import { openForText } from '../services/import/pdf-text';

const PAGE: [number, number] = [595, 842];
const X = 56;
const SIZE = 11;
const LEADING = 14.3;

export interface LinesPdf {
  doc: PDFDocument;
  font: PDFFont;
  /** The box pdf.js's QuadPoints would give characters [from, to) of line `line` on page `page`. */
  quad(page: number, line: number, from: number, to: number): PdfRect;
  /** The quad over the first occurrence of `words` on a page (one line). */
  quadOver(page: number, words: string): PdfRect;
}

export async function linesPdf(pages: string[][]): Promise<LinesPdf> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setCreationDate(new Date('2020-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2020-01-01T00:00:00Z'));
  for (const lines of pages) {
    const page = doc.addPage(PAGE);
    lines.forEach((line, i) => page.drawText(line, { x: X, y: PAGE[1] - X - i * LEADING, size: SIZE, font }));
  }
  const quad = (page: number, line: number, from: number, to: number): PdfRect => {
    const text = pages[page]![line]!;
    const y = PAGE[1] - X - line * LEADING;
    return [X + font.widthOfTextAtSize(text.slice(0, from), SIZE), y - 0.25 * SIZE, X + font.widthOfTextAtSize(text.slice(0, to), SIZE), y + 0.85 * SIZE];
  };
  const quadOver = (page: number, words: string): PdfRect => {
    const line = pages[page]!.findIndex((l) => l.includes(words));
    if (line === -1) throw new Error(`"${words}" is not on one line of page ${page + 1}.`);
    const from = pages[page]![line]!.indexOf(words);
    return quad(page, line, from, from + words.length);
  };
  return { doc, font, quad, quadOver };
}

export interface ForeignMark {
  page: number;
  subtype: 'Highlight' | 'Underline' | 'StrikeOut' | 'Squiggly' | 'Text' | 'FreeText' | 'Square' | 'Circle' | 'Ink' | 'FileAttachment';
  quads?: PdfRect[];
  rect?: PdfRect;
  contents?: string;
  author?: string;
  /** 0–1 per channel. */
  color?: [number, number, number];
  created?: string;
  modified?: string;
  /** Index (in the list given) of the mark this one replies to. */
  replyTo?: number;
  /** Write the QuadPoints bottom-left first, as the standard's figure has it (some programs do). */
  specOrder?: boolean;
}

/** Writes the marks into the document, as another program would. */
export function addForeignMarks(doc: PDFDocument, marks: ForeignMark[]): void {
  const refs: PDFRef[] = [];
  for (const mark of marks) {
    const page = doc.getPage(mark.page);
    const quads = mark.quads ?? [];
    const rect = mark.rect ?? [
      Math.min(...quads.map((q) => q[0])),
      Math.min(...quads.map((q) => q[1])),
      Math.max(...quads.map((q) => q[2])),
      Math.max(...quads.map((q) => q[3])),
    ];
    const dict = doc.context.obj({
      Type: 'Annot',
      Subtype: mark.subtype,
      Rect: rect,
      F: 4,
      P: page.ref,
      ...(quads.length
        ? { QuadPoints: quads.flatMap(([x1, y1, x2, y2]) => (mark.specOrder ? [x1, y1, x2, y1, x2, y2, x1, y2] : [x1, y2, x2, y2, x1, y1, x2, y1])) }
        : {}),
      ...(mark.subtype === 'Ink' ? { InkList: [[rect[0], rect[1], rect[2], rect[3]]] } : {}),
      ...(mark.subtype === 'Text' ? { Name: 'Comment' } : {}),
      ...(mark.subtype === 'FreeText' ? { DA: PDFString.of('/Helv 10 Tf 0 g') } : {}),
      ...(mark.color ? { C: mark.color } : {}),
    });
    if (mark.contents !== undefined) dict.set(PDFName.of('Contents'), PDFHexString.fromText(mark.contents));
    if (mark.author) dict.set(PDFName.of('T'), PDFHexString.fromText(mark.author));
    if (mark.created) dict.set(PDFName.of('CreationDate'), PDFString.of(mark.created));
    if (mark.modified) dict.set(PDFName.of('M'), PDFString.of(mark.modified));
    if (mark.replyTo !== undefined) dict.set(PDFName.of('IRT'), refs[mark.replyTo]!);
    const ref = doc.context.register(dict);
    refs.push(ref);
    page.node.addAnnot(ref);
  }
}

/** An annotation as pdf.js's getAnnotations() gives it (the parts the tests read). */
export interface ReadAnnotation {
  subtype: string;
  rect: number[];
  quadPoints?: ArrayLike<number>;
  contentsObj?: { str: string };
  titleObj?: { str: string };
  color?: ArrayLike<number> | null;
  popupRef?: string | null;
  id: string;
}

/** Every annotation of every page, as pdf.js reads it (what pdf.js-based readers show). */
export async function annotationsOf(bytes: Uint8Array): Promise<{ page: number; annotation: ReadAnnotation }[]> {
  const task = openForText(await loadPdfJs(), bytes, undefined);
  const pdf = await task.promise;
  const out: { page: number; annotation: ReadAnnotation }[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    for (const annotation of (await page.getAnnotations()) as ReadAnnotation[]) out.push({ page: n - 1, annotation });
  }
  await task.destroy();
  return out;
}

/** A text markup's QuadPoints as rectangles [x1, y1, x2, y2]. */
export function quadsOf(annotation: ReadAnnotation): PdfRect[] {
  const q = Array.from(annotation.quadPoints ?? []);
  const out: PdfRect[] = [];
  for (let i = 0; i < q.length; i += 8) out.push([q[i + 4]!, q[i + 5]!, q[i + 2]!, q[i + 3]!]);
  return out;
}
