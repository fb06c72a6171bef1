// PDFs made for the tests with pdf-lib: real files with known text, layout and metadata.
import { PDFDocument, PDFHexString, PDFName, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface PdfInfo {
  title?: string;
  author?: string;
  creationDate?: Date;
}

const PAGE: [number, number] = [595, 842]; // A4 in points
const MARGIN = 56;

/** Draws paragraphs in a column from `top` points below the margin, wrapping words at `width`. */
function drawColumn(page: PDFPage, font: PDFFont, paragraphs: string[], x: number, width: number, size = 11, top = 0): void {
  const leading = size * 1.3;
  let y = PAGE[1] - MARGIN - top;
  for (const paragraph of paragraphs) {
    for (const line of wrapWords(font, paragraph, width, size)) {
      page.drawText(line, { x, y, size, font });
      y -= leading;
    }
    y -= leading; // a blank line between paragraphs
  }
}

async function newDocument(info: PdfInfo): Promise<{ doc: PDFDocument; font: PDFFont }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (info.title) doc.setTitle(info.title);
  if (info.author) doc.setAuthor(info.author);
  // pdf-lib stamps "now" by default; a fixed date keeps the tests deterministic.
  doc.setCreationDate(info.creationDate ?? new Date('2020-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2020-01-01T00:00:00Z'));
  return { doc, font };
}

/** One page per entry; each page is a list of paragraphs (an empty list makes an image-only page). */
export async function makePdf(pages: string[][], info: PdfInfo = {}): Promise<Uint8Array> {
  const { doc, font } = await newDocument(info);
  for (const paragraphs of pages) {
    const page = doc.addPage(PAGE);
    if (paragraphs.length === 0) {
      // Like a scan: something drawn, no text.
      page.drawRectangle({ x: MARGIN, y: MARGIN, width: 300, height: 400, color: rgb(0.6, 0.6, 0.6) });
    } else drawColumn(page, font, paragraphs, MARGIN, PAGE[0] - 2 * MARGIN);
  }
  return doc.save();
}

/** Words of `text` in lines no wider than `width`. */
export function wrapWords(font: PDFFont, text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export interface FlowedLine {
  page: number;
  paragraph: number;
  /** Where the line's text lies in its paragraph (words joined by single spaces). */
  start: number;
  end: number;
}

export interface FlowedPdf {
  bytes: Uint8Array;
  /** The lines drawn on each page, in order. */
  pageLines: string[][];
  lines: FlowedLine[];
}

/**
 * Paragraphs that flow from page to page as in a word processor: a paragraph (and a sentence) can
 * start at the foot of one page and go on at the top of the next. `pageHeight` sets how much fits.
 */
export async function makeFlowingPdf(
  paragraphs: string[],
  options: { pageHeight?: number; size?: number; info?: PdfInfo; outline?: { title: string; paragraph: number }[]; maxPages?: number } = {},
): Promise<FlowedPdf> {
  const { doc, font } = await newDocument(options.info ?? {});
  const size = options.size ?? 11;
  const leading = size * 1.3;
  const pageSize: [number, number] = [PAGE[0], options.pageHeight ?? PAGE[1]];
  const pageLines: string[][] = [];
  const lines: FlowedLine[] = [];
  const starts: { page: number; y: number }[] = [];
  let page: PDFPage | null = null;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(pageSize);
    pageLines.push([]);
    y = pageSize[1] - MARGIN;
  };
  const full = () => options.maxPages !== undefined && pageLines.length >= options.maxPages && y < MARGIN;
  paragraphs.forEach((paragraph, index) => {
    let at = 0;
    for (const line of wrapWords(font, paragraph, PAGE[0] - 2 * MARGIN, size)) {
      if (full()) return; // the last page is full: the rest is left out
      if (!page || y < MARGIN) newPage();
      if (at === 0) starts[index] = { page: pageLines.length - 1, y: y + size };
      page!.drawText(line, { x: MARGIN, y, size, font });
      pageLines[pageLines.length - 1]!.push(line);
      lines.push({ page: pageLines.length - 1, paragraph: index, start: at, end: at + line.length });
      at += line.length + 1;
      y -= leading;
    }
    y -= leading; // a blank line between paragraphs
  });
  if (options.outline) addOutline(doc, options.outline.map(({ title, paragraph }) => ({ title, ...starts[paragraph]! })));
  return { bytes: await doc.save(), pageLines, lines };
}

/** A flat outline (bookmarks) whose entries go to a height on a page. */
function addOutline(doc: PDFDocument, entries: { title: string; page: number; y: number }[]): void {
  const { context } = doc;
  const root = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const pageRef = doc.getPage(entry.page).ref;
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: root,
      Dest: [pageRef, 'XYZ', null, entry.y, null],
      ...(i > 0 ? { Prev: refs[i - 1]! } : {}),
      ...(i < refs.length - 1 ? { Next: refs[i + 1]! } : {}),
    });
    context.assign(refs[i]!, item);
  });
  context.assign(root, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), root);
}

/** One page whose /Rotate turns it (text is drawn upright in user space, shown turned). */
export async function makeRotatedPdf(paragraphs: string[], rotation: 90 | 180 | 270 = 90): Promise<Uint8Array> {
  const { doc, font } = await newDocument({});
  const page = doc.addPage(PAGE);
  drawColumn(page, font, paragraphs, MARGIN, PAGE[0] - 2 * MARGIN);
  page.setRotation(degrees(rotation));
  return doc.save();
}

/** The standard font the fixtures draw with, to measure their text in tests. */
export async function fixtureFont(): Promise<PDFFont> {
  return (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
}

export const FIXTURE_PAGE = { width: PAGE[0], height: PAGE[1], margin: MARGIN, gutter: 24 };

/** A page with two columns, drawn column after column (as word processors and LaTeX do). */
export async function makeTwoColumnPdf(left: string[], right: string[]): Promise<Uint8Array> {
  const { doc, font } = await newDocument({});
  const page = doc.addPage(PAGE);
  const gutter = 24;
  const width = (PAGE[0] - 2 * MARGIN - gutter) / 2;
  drawColumn(page, font, left, MARGIN, width);
  drawColumn(page, font, right, MARGIN + width + gutter, width);
  return doc.save();
}

/** A one-page PDF whose XMP metadata (not its info dictionary) names the title and authors. */
/** XMP metadata (dc:title, dc:creator, and `more` properties, e.g. prism:publicationDate) and a placeholder info Title. */
export async function makePdfWithXmp(title: string, creators: string[], paragraphs: string[], more = ''): Promise<Uint8Array> {
  const { doc, font } = await newDocument({ title: 'Microsoft Word - draft3.docx' });
  drawColumn(doc.addPage(PAGE), font, paragraphs, MARGIN, PAGE[0] - 2 * MARGIN);
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq>${creators.map((c) => `<rdf:li>${c}</rdf:li>`).join('')}</rdf:Seq></dc:creator>${more}
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  return doc.save();
}

/** A page with a large title line above body text, and no Title in the info dictionary. */
export async function makePdfWithVisualTitle(title: string, body: string[]): Promise<Uint8Array> {
  const { doc, font } = await newDocument({});
  const page = doc.addPage(PAGE);
  page.drawText(title, { x: MARGIN, y: PAGE[1] - MARGIN, size: 22, font });
  drawColumn(page, font, body, MARGIN, PAGE[0] - 2 * MARGIN, 11, 60);
  return doc.save();
}

/** Writes a PDF by hand from object bodies (numbered from 1; object 1 is the catalog). */
export function writeRawPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\n`;
  body += `startxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/**
 * A PDF encrypted with the standard security handler (RC4 40-bit, revision 2) and a user password.
 * pdf-lib cannot encrypt, so the file is written by hand: its /U entry does not match the empty
 * password, so any reader must ask for one.
 */
export function makeEncryptedPdf(): Uint8Array {
  const id = '0123456789ABCDEF0123456789ABCDEF';
  return writeRawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${'A1'.repeat(32)}> /U <${'5B'.repeat(32)}> /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${id}> <${id}>] `,
  );
}

/**
 * A tiny file with `fanOut`² pages: the root lists the same intermediate node `fanOut` times, which lists
 * the same page `fanOut` times. A few kilobytes that expand to any number of pages: a PDF bomb.
 */
export function makePageBomb(fanOut: number): Uint8Array {
  const kids = (ref: string) => Array.from({ length: fanOut }, () => ref).join(' ');
  return writeRawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids('3 0 R')}] /Count ${fanOut * fanOut} >>`,
    `<< /Type /Pages /Parent 2 0 R /Kids [${kids('4 0 R')}] /Count ${fanOut} >>`,
    '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>',
  ]);
}

export const LOREM = [
  'The Paris Call for Trust and Security in Cyberspace is a high-level declaration laying out common principles for securing cyberspace.',
  'It has been endorsed by states, companies and civil society organisations, which together form a broad multi-stakeholder community.',
  'Supporters commit to work together to prevent malicious cyber activities that threaten individuals and critical infrastructure.',
];
