// The page view's way of turning a selection on a PDF page into a highlight, run on real generated
// PDFs with the real pdf.js: the text it rebuilds per page is the imported text, selections map to
// exact offsets (two columns, a page break, a rotated page), the rectangles lie where the words are
// drawn, and the coordinate conversion agrees with pdf.js's own viewport.
import type { PDFFont } from 'pdf-lib';
import type { PDFDocumentProxy, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { afterEach, describe, expect, it } from 'vitest';
import { anchor, describeRange } from '../../../shared/anchoring';
import {
  areaForRange,
  layoutPageText,
  matchesStoredText,
  offsetsBetween,
  pdfRectToViewport,
  viewportBoxToPdf,
  viewportTransform,
  type LaidOutPage,
  type PageText,
  type TextPoint,
} from '../../../shared/pdf';
import type { DocumentText } from '../../../shared/model';
import { extractDocument } from './index';
import { FIXTURE_PAGE, LOREM, fixtureFont, makeFlowingPdf, makeRotatedPdf, makeTwoColumnPdf } from './pdf-fixtures';
import { loadPdfJs, pdfAssetFolders } from './pdf-runtime';

const open: { destroy(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((task) => task.destroy()));
});

async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  const params = { data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, ...pdfAssetFolders() };
  const task = pdfjs.getDocument(params as Parameters<typeof pdfjs.getDocument>[0]);
  open.push(task);
  return task.promise;
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

/** Every page as the page view lays it out, measured with the fixture font's real widths. */
async function layOut(pdf: PDFDocumentProxy, font: PDFFont): Promise<LaidOutPage[]> {
  const pages: LaidOutPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const items = (await (await pdf.getPage(n)).getTextContent()).items.filter(isTextItem);
    pages.push({ text: layoutPageText(items), items, metrics: { measure: (_i, t) => font.widthOfTextAtSize(t, 11), ascent: () => 0.8 } });
  }
  return pages;
}

async function imported(bytes: Uint8Array): Promise<DocumentText> {
  return (await extractDocument('fixture.pdf', bytes)).text;
}

/** The point just before the `nth` occurrence of `needle` in the items of `page`. */
function pointAt(page: LaidOutPage, pageIndex: number, needle: string, after = false): TextPoint {
  for (let item = 0; item < page.items.length; item++) {
    const at = page.items[item]!.str.indexOf(needle);
    if (at !== -1) return { page: pageIndex, item, char: at + (after ? needle.length : 0) };
  }
  throw new Error(`"${needle}" is not on page ${pageIndex + 1}`);
}

const pageTextOf = (pages: LaidOutPage[]) => (p: number): PageText | null => pages[p]?.text ?? null;

describe('PDF selections', () => {
  it('rebuilds each page exactly as imported', async () => {
    const { bytes } = await makeFlowingPdf([...LOREM, ...LOREM, ...LOREM], { pageHeight: 200 });
    const text = await imported(bytes);
    const pages = await layOut(await openPdf(bytes), await fixtureFont());
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => expect(matchesStoredText(text, i, page.text), `page ${i + 1}`).toBe(true));
  });

  it('maps a selection across two columns to one passage, with a rectangle in each column', async () => {
    const bytes = await makeTwoColumnPdf([LOREM[0]!, LOREM[1]!], [LOREM[2]!]);
    const text = await imported(bytes);
    const font = await fixtureFont();
    const pages = await layOut(await openPdf(bytes), font);
    // From "which together" (left column, second paragraph) to "work together" (right column).
    const from = pointAt(pages[0]!, 0, 'which together');
    const to = pointAt(pages[0]!, 0, 'work together', true);
    const range = offsetsBetween(text, pageTextOf(pages), from, to)!;
    const quote = text.text.slice(range.start, range.end);
    expect(quote).toMatch(/^which together form a broad multi-stakeholder community\.\n\nSupporters commit to work together$/);
    const [exact, position] = describeRange(text.text, range.start, range.end);
    expect(anchor(text.text, [exact, position])).toMatchObject({ status: 'anchored', start: range.start, end: range.end, method: 'position' });

    const area = areaForRange(text, range.start, range.end, (p) => pages[p] ?? null)!;
    expect(area.areas.map((a) => a.page)).toEqual([0]);
    const rects = area.areas[0]!.rects;
    const middle = FIXTURE_PAGE.width / 2;
    const left = rects.filter((r) => r[2] <= middle);
    const right = rects.filter((r) => r[0] >= middle);
    expect(left.length + right.length).toBe(rects.length);
    expect(left.length).toBeGreaterThan(0);
    expect(right.length).toBe(1); // "Supporters commit to work together" is on the column's first line
    // The first rectangle starts where "which" is drawn: after the words before it on its line.
    const item = pages[0]!.items[from.item]!;
    const before = font.widthOfTextAtSize(item.str.slice(0, from.char), 11);
    expect(left[0]![0]).toBeCloseTo(item.transform[4]! + before, 0);
    // And the right column's rectangle ends after "together".
    const rightItem = pages[0]!.items[to.item]!;
    expect(right[0]![2]).toBeCloseTo(rightItem.transform[4]! + font.widthOfTextAtSize(rightItem.str.slice(0, to.char), 11), 0);
  });

  it('maps a sentence across a page break to one passage with an area on each page', async () => {
    // One long paragraph, so that the page break falls inside a sentence.
    const { bytes, pageLines } = await makeFlowingPdf([LOREM.join(' ')], { pageHeight: 160 });
    const text = await imported(bytes);
    const pages = await layOut(await openPdf(bytes), await fixtureFont());
    const lastLine = pageLines[0]!.at(-1)!;
    const firstLine = pageLines[1]![0]!;
    const from = pointAt(pages[0]!, 0, lastLine.slice(lastLine.lastIndexOf(' ', lastLine.length - 8) + 1));
    const to = pointAt(pages[1]!, 1, firstLine.split(' ').slice(0, 3).join(' '), true);
    const range = offsetsBetween(text, pageTextOf(pages), from, to)!;
    const quote = text.text.slice(range.start, range.end);
    expect(quote).toContain('\n\n'); // the page break separates the page's blocks
    expect(quote.replace('\n\n', ' ')).toBe(`${lastLine.slice(lastLine.lastIndexOf(' ', lastLine.length - 8) + 1)} ${firstLine.split(' ').slice(0, 3).join(' ')}`);
    const area = areaForRange(text, range.start, range.end, (p) => pages[p] ?? null)!;
    expect(area.areas.map((a) => a.page)).toEqual([0, 1]);
    expect(area.areas.every((a) => a.rects.length === 1)).toBe(true);
    // The piece on page 1 is at its foot, the piece on page 2 at its top.
    expect(area.areas[0]!.rects[0]![1]).toBeLessThan(FIXTURE_PAGE.margin + 20);
    expect(area.areas[1]!.rects[0]![3]).toBeGreaterThan(160 - FIXTURE_PAGE.margin - 5);
  });

  it('places highlights on a rotated page where pdf.js shows the words', async () => {
    const bytes = await makeRotatedPdf([LOREM[0]!]);
    const text = await imported(bytes);
    const pdf = await openPdf(bytes);
    const pages = await layOut(pdf, await fixtureFont());
    const from = pointAt(pages[0]!, 0, 'Trust');
    const to = pointAt(pages[0]!, 0, 'Cyberspace', true);
    const range = offsetsBetween(text, pageTextOf(pages), from, to)!;
    expect(text.text.slice(range.start, range.end)).toBe('Trust and Security in Cyberspace');
    const rect = areaForRange(text, range.start, range.end, (p) => pages[p] ?? null)!.areas[0]!.rects[0]!;

    const page = await pdf.getPage(1);
    expect(page.rotate).toBe(90);
    const geometry = { view: page.view as [number, number, number, number], rotation: page.rotate };
    for (const zoom of [0.5, 1, 2.25]) {
      const viewport = page.getViewport({ scale: zoom });
      expect(viewportTransform(geometry, zoom)).toEqual(viewport.transform);
      const box = pdfRectToViewport(geometry, zoom, rect);
      const [x1, y1] = viewport.convertToViewportPoint(rect[0], rect[1]) as [number, number];
      const [x2, y2] = viewport.convertToViewportPoint(rect[2], rect[3]) as [number, number];
      expect(box.left).toBeCloseTo(Math.min(x1, x2), 6);
      expect(box.top).toBeCloseTo(Math.min(y1, y2), 6);
      // Turned a quarter: the line of text runs down the screen, so the box is taller than wide.
      expect(box.height).toBeGreaterThan(box.width);
      viewportBoxToPdf(geometry, zoom, box).forEach((v, i) => expect(v).toBeCloseTo(rect[i]!, 6));
    }
  });

  it('agrees with pdf.js on the viewport at every zoom and rotation', async () => {
    const pdf = await openPdf(await makeRotatedPdf([LOREM[1]!], 270));
    const page = await pdf.getPage(1);
    for (const rotation of [0, 90, 180, 270]) {
      for (const zoom of [0.25, 1, 1.5, 4]) {
        const viewport = page.getViewport({ scale: zoom, rotation });
        const geometry = { view: page.view as [number, number, number, number], rotation };
        expect(viewportTransform(geometry, zoom)).toEqual(viewport.transform);
        const [px, py] = viewport.convertToPdfPoint(123, 45);
        const box = viewportBoxToPdf(geometry, zoom, { left: 123, top: 45, width: 0, height: 0 });
        expect(box[0]).toBeCloseTo(px, 6);
        expect(box[1]).toBeCloseTo(py, 6);
      }
    }
  });
});
