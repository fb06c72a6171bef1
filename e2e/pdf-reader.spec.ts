// The PDF page view: a generated multi-page PDF (corpus text, flowing from page to page), a sentence
// highlighted across a page break, drawn over the words at every zoom and after a reload; find,
// keyboard and outline navigation; a region annotation with its picture in the sidebar.
import { makeFlowingPdf } from '../main/services/import/pdf-fixtures';
import { expect, screenshot, test } from './fixtures';
import { importFiles } from './helpers';
import {
  corpusParagraphs,
  covers,
  drawnBoxes,
  pdfFile,
  selectInPdf,
  sentenceAcrossPageBreak,
  showPageBreak,
  textBox,
  type Box,
  type LocatedSentence,
} from './pdf-helpers';
import type { Page } from '@playwright/test';

async function openGeneratedPdf(page: Page, options: { outline?: boolean } = {}) {
  const paragraphs = corpusParagraphs().slice(0, 16);
  const pdf = await makeFlowingPdf(paragraphs, {
    info: { title: 'Generated report on cyber norms' },
    outline: options.outline ? paragraphs.slice(0, 4).map((_, i) => ({ title: `Section ${i + 1}`, paragraph: i * 2 })) : undefined,
  });
  await importFiles(page, [pdfFile('generated-report.pdf', pdf.bytes)]);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Generated report on cyber norms/ }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  return { pdf, paragraphs };
}

/** Every line of the sentence is covered by the highlight's boxes, compared with the text layer's own boxes. */
async function expectHighlightCovers(page: Page, id: string, target: LocatedSentence, lineCount: (pageIndex: number) => number) {
  const boxes = await drawnBoxes(page, id);
  expect(boxes.map((b) => b.page).sort()).toEqual([...new Set(boxes.map((b) => b.page))].sort());
  expect(new Set(boxes.map((b) => b.page))).toEqual(new Set([target.from.page, target.to.page]));
  const spans: Box[] = [];
  for (let item = target.from.item; item < lineCount(target.from.page); item++) {
    spans.push(await textBox(page, target.from.page, item, item === target.from.item ? target.from.char : 0, null));
  }
  for (let item = 0; item <= target.to.item; item++) {
    spans.push(await textBox(page, target.to.page, item, 0, item === target.to.item ? target.to.char : null));
  }
  for (const span of spans) {
    expect(boxes.some((box) => covers(box, span)), `a highlight box covers the text at ${JSON.stringify(span)}`).toBe(true);
  }
  // And no box reaches far beyond the text: each lies within the lines it highlights.
  for (const box of boxes) {
    expect(spans.some((span) => covers({ ...span, x: span.x - 4, width: span.width + 8 }, box, 3))).toBe(true);
  }
}

test('highlight a sentence across a page break; it stays on the words when zooming and after a reload', async ({ app }) => {
  const { page } = app;
  const { pdf, paragraphs } = await openGeneratedPdf(page);
  await expect(page.getByRole('button', { name: 'Page view', pressed: true })).toBeVisible();
  await screenshot(page, 'pdf-01-page-view');

  const target = sentenceAcrossPageBreak(pdf, paragraphs);
  await showPageBreak(page, target.from.page);
  await selectInPdf(page, target.from, target.to);
  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await expect(popover).toBeVisible();
  await expect(popover.locator('.popover-quote')).toContainText(target.sentence.slice(0, 40));
  await popover.getByRole('button', { name: 'green' }).click();
  await popover.getByPlaceholder('Your note on this passage').fill('Runs across the page break');
  await screenshot(page, 'pdf-02-popover');
  await popover.getByRole('button', { name: 'Done' }).click();

  const card = page.getByRole('complementary', { name: 'Annotations' }).locator('.card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(`p. ${target.from.page + 1}`);
  await expect(card.locator('.card-quote')).toHaveText(new RegExp(target.sentence.slice(-30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const id = (await card.getAttribute('data-annotation-id'))!;
  const lineCount = (p: number) => pdf.pageLines[p]!.length;
  await expect(page.locator(`.pdf-highlight[data-annotation-id="${id}"]`).first()).toBeVisible();
  await expectHighlightCovers(page, id, target, lineCount);
  await screenshot(page, 'pdf-03-highlight-across-pages');

  // Zoom in twice: the page is drawn again, and so is the highlight, still over the same words.
  const zoom = page.getByRole('toolbar', { name: 'Page view' }).getByLabel('Zoom', { exact: true });
  const before = await zoom.textContent();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom).not.toHaveText(before!);
  await showPageBreak(page, target.from.page);
  await expectHighlightCovers(page, id, target, lineCount);
  await screenshot(page, 'pdf-04-zoomed');

  // Saved at once: after a reload it is drawn in the same place.
  await page.reload();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await showPageBreak(page, target.from.page);
  await expect(page.locator(`.pdf-highlight[data-annotation-id="${id}"]`).first()).toBeVisible();
  await expectHighlightCovers(page, id, target, lineCount);
  await expect(page.getByRole('complementary', { name: 'Annotations' }).locator('.card')).toContainText('Runs across the page break');

  // The same highlight in the text view, across the two pages' paragraphs.
  await page.getByRole('button', { name: 'Text view' }).click();
  await expect(page.locator('.reader-text mark.hl-green')).toHaveCount(2);
  await screenshot(page, 'pdf-05-text-view');
  expect(app.foreignRequests).toEqual([]);
});
