// Printed page numbers: a real PDF (from pdf.js's test suite) that numbers its front matter i, ii, iii
// and then 1 shows those numbers in the sidebar, the thumbnails and the toolbar; the user's offset
// (page 1 of the file is printed page 215) takes their place, and clearing it brings them back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { importFiles, selectText } from './helpers';
import { pdfFile } from './pdf-helpers';

const labelled = () => new Uint8Array(readFileSync(path.join(repoRoot, 'test-data', 'pdfjs', 'bug793632.pdf')));

test("a PDF's own page labels and the user's page offset are the page numbers shown and cited", async ({ app }) => {
  // Text view, search and Analysis too: longer than one screen's worth on a loaded machine.
  test.setTimeout(150_000);
  const { page } = app;
  await importFiles(page, [pdfFile('bug793632.pdf', labelled())]);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /bug793632/ }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();

  await page.getByRole('button', { name: 'Pages', exact: false }).first().click();
  const thumbnails = page.locator('.pdf-thumbnails');
  await expect(thumbnails.locator('.pdf-thumb-number')).toHaveText(['i', 'ii', 'iii', '1']);
  await expect(page.getByRole('button', { name: 'Go to page 4 (printed 1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Go to page 2 (printed ii)' }).click();
  await expect(page.locator('.pdf-page-label')).toHaveText('printed p. ii');
  await screenshot(page, 'page-labels-1-thumbnails');

  // Highlights made in the text view carry the printed page of where they are.
  await page.getByRole('button', { name: 'Text view' }).click();
  for (const passage of ['This is page ii', 'This is page 1 starting the main content']) {
    await selectText(page, passage);
    const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
    await popover.getByRole('button', { name: 'yellow' }).click();
    // Coded, so Analysis lists it.
    await popover.getByRole('checkbox', { name: /Protect individuals and infrastructure/ }).check();
    await page.keyboard.press('Escape');
  }
  const cards = page.locator('.sidebar .card .card-page');
  await expect(cards).toHaveText(['p. ii', 'p. 1']);
  // The text view heads each page with its printed label, and the file's number where they differ.
  const headings = page.locator('.text-view .page-label');
  await expect(headings).toHaveText(['p. i (page 1 of the file)', 'p. ii (page 2 of the file)', 'p. iii (page 3 of the file)', 'p. 1 (page 4 of the file)']);

  // The user says page 1 of the file is printed page 215: that wins over the PDF's labels.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await expect(dialog.locator('#page-numbering-note')).toContainText('This PDF numbers its pages itself: i, ii, iii');
  const firstPage = dialog.getByRole('textbox', { name: /Printed number of the file’s first page/ });
  await firstPage.fill('twelve');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not a whole number');
  await firstPage.fill('215');
  await screenshot(page, 'page-labels-2-details');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(cards).toHaveText(['p. 216', 'p. 218']);
  await expect(headings).toHaveText(['p. 215 (page 1 of the file)', 'p. 216 (page 2 of the file)', 'p. 217 (page 3 of the file)', 'p. 218 (page 4 of the file)']);
  await screenshot(page, 'page-labels-4-text-view');

  // Search hits, annotations and passages alike, show the printed page.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.fill('"starting the main content"');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('group', { name: /Your annotations/ }).locator('.hit')).toContainText('p. 218');
  await expect(results.getByRole('group', { name: /In sources/ }).locator('.hit')).toContainText('p. 218');
  await screenshot(page, 'page-labels-5-search');
  await search.fill('');
  await page.keyboard.press('Escape');

  // Analysis lists the passages behind a bar with their printed pages.
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await page.getByRole('button', { name: 'Frequencies', exact: true }).click();
  await page.getByTestId('analysis-chart').getByRole('button', { name: /^Protect individuals and infrastructure/ }).first().click();
  const drilldown = page.getByRole('complementary', { name: 'Passages' });
  await expect(drilldown.locator('li')).toHaveCount(2);
  await expect(drilldown).toContainText('p. 216');
  await expect(drilldown).toContainText('p. 218');
  await screenshot(page, 'page-labels-6-analysis');
  await page.getByRole('tab', { name: 'Library & reader' }).click();

  // Kept after a reload; an empty field goes back to the PDF's own numbers.
  await page.reload();
  await expect(page.locator('.sidebar .card .card-page')).toHaveText(['p. 216', 'p. 218']);
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await screenshot(page, 'page-labels-3-offset');
  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(firstPage).toHaveValue('215');
  await firstPage.fill('');
  await page.getByRole('dialog', { name: 'Document details' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.sidebar .card .card-page')).toHaveText(['p. ii', 'p. 1']);
});
