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

  // Search finds it by its note; opening the result shows it on its page, selected.
  await page.locator('.pdf-scroll').evaluate((scroller) => (scroller.scrollTop = 0));
  await page.getByRole('searchbox', { name: 'Search annotations and sources' }).fill('across the page break');
  await page.getByRole('listbox', { name: 'Search results' }).locator('section').first().getByRole('option').first().click();
  await expect(page.locator(`.pdf-highlight.active[data-annotation-id="${id}"]`).first()).toBeInViewport();

  // The same highlight in the text view, across the two pages' paragraphs.
  await page.getByRole('button', { name: 'Text view' }).click();
  await expect(page.locator('.reader-text mark.hl-green')).toHaveCount(2);
  await screenshot(page, 'pdf-05-text-view');
  expect(app.foreignRequests).toEqual([]);
});

test('find in the document, move with the keyboard, the page number, thumbnails and the outline', async ({ app }) => {
  const { page } = app;
  const { pdf, paragraphs } = await openGeneratedPdf(page, { outline: true });
  const pageCount = pdf.pageLines.length;
  expect(pageCount).toBeGreaterThan(2);
  const pageNumber = page.getByRole('textbox', { name: 'Page number' });

  // Find: every occurrence in the text, counted; Enter and Shift+Enter step through them.
  const occurrences = paragraphs.join(' ').match(/\bcyber/gi)!.length;
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find in document' });
  await expect(find).toBeFocused();
  await find.fill('cyber');
  await expect(page.locator('.find-count')).toHaveText(`1 of ${occurrences}`);
  await expect(page.locator('.pdf-find.current')).toHaveCount(1);
  await find.press('Enter');
  await expect(page.locator('.find-count')).toHaveText(`2 of ${occurrences}`);
  await find.press('Shift+Enter');
  await find.press('Shift+Enter');
  await expect(page.locator('.find-count')).toHaveText(`${occurrences} of ${occurrences}`);
  await expect(page.locator('.pdf-find.current')).toBeInViewport();
  await screenshot(page, 'pdf-06-find');
  await find.press('Escape');
  await expect(page.locator('.pdf-find')).toHaveCount(0);

  // Keyboard: Home, Page Down, End.
  await page.locator('.pdf-scroll').focus();
  await page.keyboard.press('Home');
  await expect(pageNumber).toHaveValue('1');
  await page.keyboard.press('PageDown');
  await expect(pageNumber).toHaveValue('2');
  await page.keyboard.press('End');
  await expect(pageNumber).toHaveValue(String(pageCount));
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await expect(pageNumber).toHaveValue(String(pageCount - 2));

  // Go to a page by its number.
  await pageNumber.fill('1');
  await pageNumber.press('Enter');
  await expect(pageNumber).toHaveValue('1');

  // Thumbnails, then the outline.
  await page.getByRole('button', { name: /Pages/ }).first().click();
  const side = page.getByRole('complementary', { name: 'Pages and outline' });
  await expect(side.locator('img').first()).toBeVisible();
  await side.getByRole('button', { name: `Go to page ${pageCount}` }).click();
  await expect(pageNumber).toHaveValue(String(pageCount));
  await screenshot(page, 'pdf-07-thumbnails');
  await side.getByRole('tab', { name: 'Outline' }).click();
  const sectionThree = pdf.lines.find((l) => l.paragraph === 4)!.page;
  await side.getByRole('button', { name: 'Section 3' }).click();
  await expect(pageNumber).toHaveValue(String(sectionThree + 1));
  await screenshot(page, 'pdf-08-outline');

  // A search hit in the PDF opens the page view at the passage, marked on the page.
  await page.getByRole('button', { name: /Pages/ }).first().click();
  await pageNumber.fill('1');
  await pageNumber.press('Enter');
  const lastPage = pdf.pageLines[pageCount - 1]!;
  const phrase = lastPage[Math.floor(lastPage.length / 2)]!.split(/\s+/).slice(1, 5).join(' ').replace(/[^\w\s]/g, '');
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.fill(`"${phrase}"`);
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('group', { name: /In sources/ })).toBeVisible();
  await expect(results.locator('.hit').first()).toContainText(`p. ${pageCount}`);
  await search.press('Enter');
  await expect(pageNumber).toHaveValue(String(pageCount));
  await expect(page.locator('.pdf-flash').first()).toBeInViewport();
  await screenshot(page, 'pdf-09-search-hit');
});
