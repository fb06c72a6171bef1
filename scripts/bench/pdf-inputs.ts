// The PDFs the benchmark reads: a generated 500-page text PDF and a realistic two-column article,
// both made at run time from the shared corpus (whose text never lives in the repo).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeArticlePdf, type ArticleSection } from '../../main/services/import/pdf-article';
import { makeFlowingPdf } from '../../main/services/import/pdf-fixtures';

export const CORPUS_DIR = path.resolve('..', 'shared', 'corpus');

function corpusParagraphs(): string[] {
  let files: string[];
  try {
    files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort();
  } catch {
    throw new Error(`The corpus was not found at ${CORPUS_DIR}. Run the benchmark from the repository folder.`);
  }
  return files
    .flatMap((f) => readFileSync(path.join(CORPUS_DIR, f), 'utf8').split(/\n\s*\n/))
    .map((p) => p.split(/\s+/).filter(Boolean).join(' '))
    .filter((p) => p.length > 80);
}

/** Exactly `pages` pages of body text: the corpus paragraphs, over and over. */
export async function makeLongTextPdf(pages: number): Promise<Uint8Array> {
  const paragraphs = corpusParagraphs();
  const chars = paragraphs.reduce((n, p) => n + p.length, 0);
  const perPage = 3_600; // characters of 11-point Helvetica on an A4 page, roughly
  const rounds = Math.ceil((pages * perPage * 1.6) / chars); // more than enough: maxPages cuts it
  const text = Array.from({ length: rounds }, () => paragraphs).flat();
  const pdf = await makeFlowingPdf(text, { maxPages: pages, info: { title: `Generated ${pages}-page report` } });
  if (pdf.pageLines.length !== pages) throw new Error(`Generated ${pdf.pageLines.length} pages instead of ${pages}.`);
  return pdf.bytes;
}

/** A journal-style article: title block, sections, two columns, running heads, figures. */
export async function makeRealisticArticle(): Promise<Uint8Array> {
  // The corpus three times over: a journal article of some twenty pages.
  const paragraphs = [...corpusParagraphs(), ...corpusParagraphs(), ...corpusParagraphs()];
  const sections: ArticleSection[] = [];
  const headings = ['Introduction', 'Background', 'The Paris Call and its supporters', 'Norms in practice', 'Case studies', 'Discussion', 'Conclusion'];
  const perSection = Math.ceil(paragraphs.length / headings.length);
  headings.forEach((heading, i) => sections.push({ heading: `${i + 1}. ${heading}`, paragraphs: paragraphs.slice(i * perSection, (i + 1) * perSection) }));
  return makeArticlePdf({
    title: 'Trust and Security in Cyberspace: Who Answers the Paris Call?',
    authors: ['A. Researcher', 'B. Analyst'],
    journal: 'Journal of Cyber Policy · Vol. 6, No. 2',
    sections,
    figureEvery: 9,
  });
}

/**
 * A PDF of about `megabytes` MB made of large page images (as a scanned report is): each page an
 * uncompressed 1,400 × 1,400 RGB image of noise (which no filter would shrink) and one line of text.
 * Its first page needs a few MB of the file; everything else is for later pages.
 */
export async function makeImagePdf(megabytes: number): Promise<Uint8Array> {
  const { PDFDocument, PDFName, StandardFonts, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } = await import('pdf-lib');
  const side = 1_400;
  const imageBytes = side * side * 3;
  const pages = Math.max(1, Math.round((megabytes * 1024 * 1024) / imageBytes));
  const doc = await PDFDocument.create();
  doc.setTitle(`Generated ${megabytes} MB scanned report`);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let seed = 12345;
  for (let index = 0; index < pages; index++) {
    const pixels = new Uint8Array(imageBytes);
    for (let i = 0; i < pixels.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      pixels[i] = seed >>> 24;
    }
    const image = doc.context.register(
      doc.context.stream(pixels, { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }),
    );
    const page = doc.addPage([595, 842]);
    page.node.setXObject(PDFName.of('Scan'), image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(515, 0, 0, 515, 40, 200), drawObject('Scan'), popGraphicsState());
    page.drawText(`Scanned page ${index + 1} of ${pages}: cyber norms and the public core of the internet.`, { x: 40, y: 760, size: 11, font });
  }
  return doc.save({ useObjectStreams: false });
}
