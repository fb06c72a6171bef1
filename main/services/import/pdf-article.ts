// A realistic journal-article PDF for benchmarks and tests, generated from text given at run time:
// a title block, running heads and page numbers, two columns of body text in a serif face flowing from
// column to column and page to page, section headings in bold sans, and figures with captions.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { wrapWords } from './pdf-fixtures';

export interface ArticleSection {
  heading: string;
  paragraphs: string[];
}

export interface ArticleSpec {
  title: string;
  authors: string[];
  journal: string;
  sections: ArticleSection[];
  /** A figure is placed after every this many paragraphs (0: none). */
  figureEvery?: number;
}

const PAGE: [number, number] = [595, 842];
const MARGIN = { top: 64, bottom: 60, side: 50 };
const GUTTER = 20;
const BODY = { size: 9.5, leading: 12 };
const COLUMN_WIDTH = (PAGE[0] - 2 * MARGIN.side - GUTTER) / 2;

export async function makeArticlePdf(spec: ArticleSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(spec.title);
  doc.setAuthor(spec.authors.join('; '));
  doc.setCreationDate(new Date('2021-06-01T00:00:00Z'));
  doc.setModificationDate(new Date('2021-06-01T00:00:00Z'));
  const fonts = {
    body: await doc.embedFont(StandardFonts.TimesRoman),
    italic: await doc.embedFont(StandardFonts.TimesRomanItalic),
    heading: await doc.embedFont(StandardFonts.HelveticaBold),
    small: await doc.embedFont(StandardFonts.Helvetica),
  };

  let page!: PDFPage;
  let column = 0;
  let y = 0;
  let top = 0;
  const newPage = () => {
    page = doc.addPage(PAGE);
    const number = doc.getPageCount();
    page.drawText(spec.journal, { x: MARGIN.side, y: PAGE[1] - 36, size: 8, font: fonts.italic });
    page.drawText(String(number), { x: PAGE[0] / 2 - 4, y: 30, size: 8, font: fonts.small });
    page.drawLine({ start: { x: MARGIN.side, y: PAGE[1] - 42 }, end: { x: PAGE[0] - MARGIN.side, y: PAGE[1] - 42 }, thickness: 0.5 });
    column = 0;
    top = PAGE[1] - MARGIN.top;
    y = top;
  };
  const x = () => MARGIN.side + column * (COLUMN_WIDTH + GUTTER);
  /** Room for `height` points in this column, moving on to the next column or page if not. */
  const room = (height: number) => {
    if (y - height >= MARGIN.bottom) return;
    if (column === 0) {
      column = 1;
      y = top;
    } else newPage();
  };
  const write = (text: string, font: PDFFont, size: number, leading: number) => {
    for (const line of wrapWords(font, text, COLUMN_WIDTH, size)) {
      room(leading);
      page.drawText(line, { x: x(), y: y - size, size, font });
      y -= leading;
    }
  };

  newPage();
  // The title block spans both columns.
  for (const line of wrapWords(fonts.heading, spec.title, PAGE[0] - 2 * MARGIN.side, 18)) {
    page.drawText(line, { x: MARGIN.side, y: y - 18, size: 18, font: fonts.heading });
    y -= 23;
  }
  page.drawText(spec.authors.join(', '), { x: MARGIN.side, y: y - 16, size: 11, font: fonts.italic });
  y -= 36;
  top = y;

  let paragraphs = 0;
  let figures = 0;
  for (const section of spec.sections) {
    room(BODY.leading * 4);
    y -= 6;
    write(section.heading, fonts.heading, 10.5, 14);
    y -= 3;
    for (const paragraph of section.paragraphs) {
      write(paragraph, fonts.body, BODY.size, BODY.leading);
      y -= 5;
      paragraphs++;
      if (spec.figureEvery && paragraphs % spec.figureEvery === 0) {
        figures++;
        room(150);
        page.drawRectangle({ x: x(), y: y - 120, width: COLUMN_WIDTH, height: 120, color: rgb(0.85, 0.87, 0.9), borderColor: rgb(0.4, 0.4, 0.45), borderWidth: 0.5 });
        for (let bar = 0; bar < 6; bar++) {
          const height = 20 + ((bar * 37 + figures * 13) % 80);
          page.drawRectangle({ x: x() + 16 + bar * 34, y: y - 112, width: 20, height, color: rgb(0.2, 0.35, 0.6) });
        }
        y -= 126;
        write(`Figure ${figures}. Endorsements by stakeholder group, illustrative.`, fonts.italic, 8.5, 10.5);
        y -= 8;
      }
    }
  }
  return doc.save();
}
