// What the PDF specs share: PDFs generated from the corpus at run time (no corpus text lives in the
// repo), finding a sentence that runs across a page break, and selecting text in the page view's
// text layer with the mouse as a person would.
import type { Page } from '@playwright/test';
import type { FlowedPdf } from '../main/services/import/pdf-fixtures';
import { corpusFiles, readCorpusFile } from './helpers';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Paragraphs of the corpus articles, words joined by single spaces (as the generated PDF draws them). */
export function corpusParagraphs(minLength = 200): string[] {
  return corpusFiles()
    .flatMap((file) => readCorpusFile(file).split(/\n\s*\n/))
    .map((p) => p.split(/\s+/).filter(Boolean).join(' '))
    .filter((p) => p.length >= minLength && /[.!?]$/.test(p));
}

export function pdfFile(name: string, bytes: Uint8Array): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) };
}

/** A point between characters of a text item: page and item index, and the character offset. */
export interface ItemPoint {
  page: number;
  item: number;
  char: number;
}

export interface LocatedSentence {
  sentence: string;
  paragraph: number;
  from: ItemPoint;
  to: ItemPoint;
}

/** Every sentence of the generated PDF, with the text items and characters it starts and ends at. */
export function locateSentences(pdf: FlowedPdf, paragraphs: string[]): LocatedSentence[] {
  // pdf-lib draws each line as one text item: a line's item is its index among its page's lines.
  const itemOf = (lineIndex: number) => {
    const line = pdf.lines[lineIndex]!;
    return pdf.lines.slice(0, lineIndex).filter((l) => l.page === line.page).length;
  };
  const located: LocatedSentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    for (const match of paragraph.matchAll(/[^.!?]+[.!?]+/g)) {
      const start = match.index + (match[0].length - match[0].trimStart().length);
      const end = match.index + match[0].length;
      const startLine = pdf.lines.findIndex((l) => l.paragraph === index && l.start <= start && start < l.end);
      const endLine = pdf.lines.findIndex((l) => l.paragraph === index && l.start < end && end <= l.end);
      if (startLine === -1 || endLine === -1) continue;
      const [first, last] = [pdf.lines[startLine]!, pdf.lines[endLine]!];
      located.push({
        sentence: paragraph.slice(start, end),
        paragraph: index,
        from: { page: first.page, item: itemOf(startLine), char: start - first.start },
        to: { page: last.page, item: itemOf(endLine), char: end - last.start },
      });
    }
  });
  return located;
}

/** A whole sentence that starts on one page and ends on the next. */
export function sentenceAcrossPageBreak(pdf: FlowedPdf, paragraphs: string[]): LocatedSentence {
  const found = locateSentences(pdf, paragraphs).find((s) => s.to.page === s.from.page + 1);
  if (!found) throw new Error('No sentence runs across a page break in this PDF.');
  return found;
}

/** A sentence of 40 to 200 characters on one page, from the given paragraph. */
export function sentenceInParagraph(pdf: FlowedPdf, paragraphs: string[], paragraph: number): LocatedSentence {
  const found = locateSentences(pdf, paragraphs).find(
    (s) => s.paragraph === paragraph && s.from.page === s.to.page && s.sentence.length >= 40 && s.sentence.length <= 200,
  );
  if (!found) throw new Error(`No short sentence on one page in paragraph ${paragraph}.`);
  return found;
}

/** Scrolls the page view to show where a sentence begins, its text layer ready. */
export async function showSentence(page: Page, sentence: LocatedSentence): Promise<void> {
  const span = page.locator(`.pdf-page[data-page-index="${sentence.from.page}"] .textLayer span[data-item="${sentence.from.item}"]`);
  await page.locator('.pdf-scroll').evaluate((scroller, index) => {
    const pageElement = scroller.querySelector<HTMLElement>(`.pdf-page[data-page-index="${index}"]`);
    if (pageElement) scroller.scrollTop = pageElement.offsetTop;
  }, sentence.from.page);
  await span.waitFor();
  await span.evaluate((element) => element.scrollIntoView({ block: 'center' }));
}

/** Client coordinates of a character boundary in the text layer. */
function pointOf(page: Page, point: ItemPoint, side: 'start' | 'end'): Promise<{ x: number; y: number }> {
  return page.locator(`.pdf-page[data-page-index="${point.page}"] .textLayer span[data-item="${point.item}"]`).evaluate(
    (element, { char, side }) => {
      const node = element.firstChild!;
      const range = document.createRange();
      const at = side === 'start' ? char : char - 1;
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const rect = range.getBoundingClientRect();
      return { x: side === 'start' ? rect.left + 1 : rect.right - 1, y: rect.top + rect.height / 2 };
    },
    { char: point.char, side },
  );
}

/** Scrolls the page view so that the break between page `index` and the next is in the middle. */
export async function showPageBreak(page: Page, index: number): Promise<void> {
  await page.locator('.pdf-scroll').evaluate((scroller, next) => {
    const below = scroller.querySelector<HTMLElement>(`.pdf-page[data-page-index="${next}"]`);
    scroller.scrollTop = (below?.offsetTop ?? 0) - scroller.clientHeight / 2;
  }, index + 1);
  for (const i of [index, index + 1]) {
    await page.locator(`.pdf-page[data-page-index="${i}"] .textLayer span[data-item]`).first().waitFor();
  }
}

/** Drags the mouse from one character boundary to another (both in view), as a person selects text. */
export async function selectInPdf(page: Page, from: ItemPoint, to: ItemPoint): Promise<void> {
  const start = await pointOf(page, from, 'start');
  const end = await pointOf(page, to, 'end');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
}

/** Boxes (client coordinates) of an annotation's rectangles as drawn over the pages. */
export function drawnBoxes(page: Page, annotationId: string): Promise<(Box & { page: number })[]> {
  return page.evaluate((id) => {
    return [...document.querySelectorAll<HTMLElement>(`.pdf-marks [data-annotation-id="${id}"]`)].map((element) => {
      const r = element.getBoundingClientRect();
      const pageIndex = Number(element.closest<HTMLElement>('[data-page-index]')!.dataset.pageIndex);
      return { page: pageIndex, x: r.left, y: r.top, width: r.width, height: r.height };
    });
  }, annotationId);
}

/** The box (client coordinates) of characters [from, to) of a text-layer span. */
export function textBox(page: Page, pageIndex: number, item: number, from: number, to: number | null): Promise<Box> {
  return page
    .locator(`.pdf-page[data-page-index="${pageIndex}"] .textLayer span[data-item="${item}"]`)
    .evaluate(
      (element, { from, to }) => {
        const node = element.firstChild as Text;
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, to ?? node.length);
        const chars = range.getBoundingClientRect();
        const span = element.getBoundingClientRect();
        // Horizontally the characters; vertically the span (the line box pdf.js gives the item).
        return { x: chars.left, y: span.top, width: chars.width, height: span.height };
      },
      { from, to },
    );
}

/** Whether box `inner` lies within `outer`, give or take `slack` pixels on each side. */
export function covers(outer: Box, inner: Box, slack = 2): boolean {
  return (
    outer.x <= inner.x + slack &&
    outer.y <= inner.y + slack &&
    outer.x + outer.width >= inner.x + inner.width - slack &&
    outer.y + outer.height >= inner.y + inner.height - slack
  );
}
