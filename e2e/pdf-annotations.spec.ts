// Region annotations on PDF pages, and replacing a PDF with an edited version: one highlight found
// again on the new pages, one orphaned (kept, listed apart) and then re-attached to a new selection.
import type { Page } from '@playwright/test';
import { makeFlowingPdf } from '../main/services/import/pdf-fixtures';
import { expect, screenshot, test } from './fixtures';
import { importFiles } from './helpers';
import { corpusParagraphs, covers, drawnBoxes, pdfFile, selectInPdf, sentenceInParagraph, showSentence, textBox, type LocatedSentence } from './pdf-helpers';

async function importAndOpen(page: Page, name: string, bytes: Uint8Array, title: RegExp) {
  await importFiles(page, [pdfFile(name, bytes)]);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: title }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
}

async function highlight(page: Page, sentence: LocatedSentence, color: string): Promise<string> {
  await showSentence(page, sentence);
  await selectInPdf(page, sentence.from, sentence.to);
  const popover = page.getByRole('dialog', { name: 'New highlight' });
  await expect(popover.locator('.popover-quote')).toContainText(`“${sentence.sentence.slice(0, 100)}`);
  await popover.getByRole('button', { name: color }).click();
  await page.keyboard.press('Escape');
  const card = page.locator('.sidebar .card', { hasText: sentence.sentence.slice(0, 30) });
  await expect(card).toHaveCount(1);
  await expect(card.locator('.card-quote')).toContainText(sentence.sentence);
  return (await card.getAttribute('data-annotation-id'))!;
}

test('mark a region of a page, annotate it, and see its picture in the sidebar', async ({ app }) => {
  const { page } = app;
  const { bytes } = await makeFlowingPdf(corpusParagraphs().slice(0, 6), { info: { title: 'Regions report' } });
  await importAndOpen(page, 'regions.pdf', bytes, /Regions report/);

  await page.getByRole('button', { name: 'Mark region' }).click();
  await expect(page.getByRole('note')).toContainText('Drag a rectangle on a page');
  const drawer = page.locator('.pdf-page[data-page-index="0"] [data-testid="region-drawer"]');
  const box = (await drawer.boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 70);
  await page.mouse.down();
  await page.mouse.move(box.x + 260, box.y + 160, { steps: 5 });
  await page.mouse.move(box.x + 420, box.y + 260, { steps: 5 });
  await page.mouse.up();

  const popover = page.getByRole('dialog', { name: /^(New|Edit) region$/ });
  await expect(popover.locator('.popover-quote')).toHaveText('Region on page 1');
  await popover.getByRole('button', { name: 'blue' }).click();
  await popover.getByRole('checkbox', { name: /International norms/ }).check();
  await screenshot(page, 'pdf-10-region-popover');
  await popover.getByRole('button', { name: 'Done' }).click();
  await page.keyboard.press('Escape'); // leave the region tool
  await expect(page.getByRole('button', { name: 'Mark region' })).toHaveAttribute('aria-pressed', 'false');

  const card = page.locator('.sidebar .card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('p. 1');
  await expect(card.locator('img.region-thumbnail')).toBeVisible();
  const drawn = page.locator('.pdf-region.hl-blue');
  await expect(drawn).toHaveCount(1);
  await drawn.scrollIntoViewIfNeeded();
  const region = (await drawn.boundingBox())!;
  expect(region.x - box.x).toBeCloseTo(60, -1);
  expect(region.width).toBeCloseTo(360, -1);
  expect(region.height).toBeCloseTo(190, -1);
  await screenshot(page, 'pdf-11-region');

  // A click inside the region on the page selects its card.
  await page.mouse.click(region.x + region.width / 2, region.y + region.height / 2);
  await expect(page.locator('.sidebar .card.active')).toHaveCount(1);

  // Kept: after a reload the region and its picture are back.
  await page.reload();
  await expect(page.locator('.pdf-region.hl-blue')).toHaveCount(1);
  await expect(page.locator('.sidebar .card img.region-thumbnail')).toBeVisible();
  await expect(page.locator('.sidebar .card')).toContainText('International norms');
});

test('replace a PDF with an edited version: one highlight follows its text, one is orphaned and re-attached', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 8);
  const v1 = await makeFlowingPdf(paragraphs, { info: { title: 'Versioned report' } });
  await importAndOpen(page, 'report-v1.pdf', v1.bytes, /Versioned report/);

  const kept = sentenceInParagraph(v1, paragraphs, 2);
  const dropped = sentenceInParagraph(v1, paragraphs, 4);
  const keptId = await highlight(page, kept, 'green');
  const droppedId = await highlight(page, dropped, 'pink');
  await screenshot(page, 'pdf-20-before-replace');

  // The second edition opens with a new foreword and leaves out the fifth paragraph.
  const edited = ['Foreword to the second edition. This edition corrects a number of errors and drops a passage that is no longer accurate.', ...paragraphs.filter((_, i) => i !== 4)];
  const v2 = await makeFlowingPdf(edited, { info: { title: 'Versioned report' } });
  await page.getByTestId('replace-file-input').setInputFiles([pdfFile('report-v2.pdf', v2.bytes)]);
  await expect(page.locator('.notices')).toContainText('1 annotation found again; 1 could not be placed');
  await expect(page.locator('.reader-head')).toContainText('report-v2.pdf');

  // The kept highlight is drawn again over its words on the new pages.
  const keptNow = sentenceInParagraph(v2, edited, 3);
  expect(keptNow.sentence).toBe(kept.sentence);
  await showSentence(page, keptNow);
  await expect(page.locator(`.pdf-highlight[data-annotation-id="${keptId}"]`).first()).toBeVisible();
  const boxes = await drawnBoxes(page, keptId);
  const first = await textBox(page, keptNow.from.page, keptNow.from.item, keptNow.from.char, keptNow.from.item === keptNow.to.item ? keptNow.to.char : null);
  expect(boxes.some((b) => covers(b, first))).toBe(true);

  // The dropped one is kept, listed apart.
  const orphans = page.getByRole('region', { name: 'Annotations that could not be placed' });
  await expect(orphans.locator('.card')).toHaveCount(1);
  await expect(orphans.locator('.card')).toContainText(dropped.sentence.slice(0, 30));
  await expect(page.locator(`.pdf-marks [data-annotation-id="${droppedId}"]`)).toHaveCount(0);
  await screenshot(page, 'pdf-21-after-replace');

  // Re-attach it to a sentence of the new version.
  await orphans.getByRole('button', { name: 'Re-attach to a new selection…' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'to attach' })).toBeVisible();
  const target = sentenceInParagraph(v2, edited, 5);
  await showSentence(page, target);
  await selectInPdf(page, target.from, target.to);
  await expect(orphans).toHaveCount(0);
  const card = page.locator(`.sidebar .card[data-annotation-id="${droppedId}"]`);
  await expect(card).toContainText(target.sentence.slice(0, 30));
  await expect(page.locator(`.pdf-highlight.hl-pink[data-annotation-id="${droppedId}"]`).first()).toBeVisible();
  await screenshot(page, 'pdf-22-reattached');

  await page.reload();
  await expect(page.locator('.sidebar .card')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Annotations that could not be placed' })).toHaveCount(0);
});
