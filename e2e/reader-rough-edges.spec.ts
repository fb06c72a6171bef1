// Rough edges of the PDF reader found by reading files the tests had never seen, each walked through as
// a person would: going to a page by number and then selecting, the highlight popover near the top of
// the pages, and ending a selection just past a full stop.
import type { Page } from '@playwright/test';
import { makeFlowingPdf, makeTwoColumnPdf } from '../main/services/import/pdf-fixtures';
import { expect, screenshot, test } from './fixtures';
import { importFiles } from './helpers';
import { corpusParagraphs, locateSentences, pdfFile, selectInPdf, showSentence } from './pdf-helpers';

async function importAndOpen(page: Page, name: string, bytes: Uint8Array, title: RegExp) {
  await importFiles(page, [pdfFile(name, bytes)]);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: title }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
}

const popover = (page: Page) => page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });

test('after typing a page number and Enter, the first drag on the page selects its text', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 30);
  const pdf = await makeFlowingPdf(paragraphs, { info: { title: 'Paged report' } });
  expect(pdf.pageLines.length).toBeGreaterThanOrEqual(4);
  await importAndOpen(page, 'paged.pdf', pdf.bytes, /Paged report/);

  const pageInput = page.getByRole('textbox', { name: 'Page number' });
  await pageInput.fill('3');
  await pageInput.press('Enter');
  await expect(page.locator('.pdf-page[data-page-index="2"][data-rendered]')).toBeVisible();
  // A sentence near the foot of page 3: the reader scrolls down to it, then drags over it.
  const target = locateSentences(pdf, paragraphs).filter((s) => s.from.page === 2 && s.to.page === 2 && s.sentence.length > 40).at(-2)!;
  await showSentence(page, target);
  await expect(pageInput).toBeFocused(); // the focus is still in the box, as it is for a person
  await selectInPdf(page, target.from, target.to);
  await expect(popover(page).locator('.popover-quote')).toContainText(target.sentence.slice(0, 60));
});

test('the highlight popover opens whole and on top, never under the toolbar, with its fields in view', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 12);
  const pdf = await makeFlowingPdf(paragraphs, { info: { title: 'Long passages' } });
  await importAndOpen(page, 'long.pdf', pdf.bytes, /Long passages/);
  const scroller = page.locator('.pdf-scroll');
  const view = (await scroller.boundingBox())!;

  // A passage that fills most of the view, from a line near its top to one near its bottom: there is
  // little room above it and little below it.
  const sentences = locateSentences(pdf, paragraphs).filter((s) => s.from.page === 0 && s.to.page === 0);
  const first = sentences[1]!;
  await showSentence(page, first);
  const lineBox = async (s: (typeof sentences)[number], side: 'from' | 'to') =>
    (await page.locator(`.pdf-page[data-page-index="0"] .textLayer span[data-item="${s[side].item}"]`).boundingBox())!;
  // Put the first sentence's line a little below the top of the view.
  const firstLine = await lineBox(first, 'from');
  await scroller.evaluate((element, by) => (element.scrollTop += by), firstLine.y - view.y - 60);
  let end = first;
  for (const s of sentences) {
    const box = await lineBox(s, 'to');
    if (box.y + box.height < view.y + view.height - 70 && s.to.item >= first.from.item) end = s;
  }
  expect(end).not.toBe(first);
  await selectInPdf(page, first.from, end.to);

  const dialog = popover(page);
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  await screenshot(page, 'rough-02-popover-tall-selection');
  // All of it is in the window and on top: nothing (the toolbar, the edge of the pages) covers a corner.
  const size = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  const corners = [
    [box.x + 4, box.y + 4],
    [box.x + box.width - 4, box.y + 4],
    [box.x + 4, box.y + box.height - 4],
    [box.x + box.width - 4, box.y + box.height - 4],
  ];
  for (const [x, y] of corners) {
    expect(await dialog.evaluate((element, [x, y]) => element.contains(document.elementFromPoint(x!, y!)), [x, y])).toBe(true);
  }
  // Everything in it shows without scrolling inside it: colours, principles, actors, tags and note.
  const scrolls = await dialog.evaluate((element) => element.scrollHeight - element.clientHeight);
  expect(scrolls).toBeLessThanOrEqual(1);
  await expect(dialog.getByRole('textbox', { name: /note/i })).toBeInViewport();
});

test('a selection ended just past a full stop in a column stops at the full stop', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs(300).slice(0, 6);
  const bytes = await makeTwoColumnPdf(paragraphs.slice(0, 3), paragraphs.slice(3, 6));
  await importAndOpen(page, 'columns.pdf', bytes, /columns/);
  await page.locator('.pdf-page[data-page-index="0"] .textLayer span[data-item]').first().waitFor();

  // From the start of the line above the end of the left column's first paragraph to a little past
  // its full stop: level with it, further right, a little below.
  const ending = paragraphs[0]!.split(' ').at(-1)!;
  const lines = await page.locator('.pdf-page[data-page-index="0"] .textLayer span[data-item]').evaluateAll((spans, ending) => {
    const last = spans.find((s) => (s.textContent ?? '').trimEnd().endsWith(ending))!;
    const above = spans[spans.indexOf(last) - 1]!;
    const box = (node: Node, from: number, to: number) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      return range.getBoundingClientRect();
    };
    const first = box(above.firstChild!, 0, 1);
    const text = last.firstChild as Text;
    const stop = box(text, text.data.trimEnd().length - 1, text.data.trimEnd().length);
    return { text: `${above.textContent!.trim()} ${text.data.trim()}`, x1: first.left + 1, y1: first.top + first.height / 2, x2: stop.right, y2: stop.top + stop.height / 2 };
  }, ending);
  for (const [dx, dy] of [
    [4, 0],
    [40, 0],
    [120, 0],
    [6, 6],
  ] as const) {
    await page.mouse.move(lines.x1, lines.y1);
    await page.mouse.down();
    await page.mouse.move(lines.x2 - 20, lines.y2, { steps: 4 });
    await page.mouse.move(lines.x2 + dx, lines.y2 + dy, { steps: 4 });
    await page.mouse.up();
    const quote = popover(page).locator('.popover-quote');
    await expect(quote, `ended ${dx} px right and ${dy} px below the full stop`).toHaveText(`“${lines.text}”`);
    if (dx === 40) await screenshot(page, 'rough-03-past-full-stop');
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
  }
});
