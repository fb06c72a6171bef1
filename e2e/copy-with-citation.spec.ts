// Copy with citation: a highlight's quote with the in-text citation of its source, at the printed page
// (a real PDF from pdf.js's test suite, labelled i, ii, iii, 1), put on the clipboard as text and HTML,
// from the card's button or with Ctrl+C on the card, in the style chosen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, screenshot, test } from './fixtures';
import { importFiles, selectText } from './helpers';
import { pdfFile } from './pdf-helpers';

async function readClipboard(page: Page): Promise<{ text: string; html: string }> {
  return page.evaluate(async () => {
    // Chromium refuses a read ("Clipboard data has changed") while a write is landing: read again.
    for (let attempt = 0; ; attempt++) {
      try {
        const [item] = await navigator.clipboard.read();
        const read = async (type: string) => (item!.types.includes(type) ? (await item!.getType(type)).text() : '');
        return { text: await read('text/plain'), html: await read('text/html') };
      } catch (error) {
        if (attempt >= 20 || !(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

test('copy a highlight with its citation and printed page, as text and HTML, in the chosen style', async ({ app }) => {
  const { page } = app;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const bytes = new Uint8Array(readFileSync(path.join(repoRoot, 'test-data', 'pdfjs', 'bug793632.pdf')));
  await importFiles(page, [pdfFile('bug793632.pdf', bytes)]);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /bug793632/ }).click();
  await page.getByRole('button', { name: 'Text view' }).click();
  const quote = 'This is page 1 starting the main content';
  await selectText(page, quote);
  await page.getByRole('dialog', { name: /^(New|Edit) highlight$/ }).getByRole('button', { name: 'yellow' }).click();
  await page.keyboard.press('Escape');

  const card = page.locator('.sidebar .card', { hasText: quote });
  await card.locator('.card-quote').click();
  await expect(card.getByRole('combobox', { name: 'Citation style' })).toHaveValue('apa');
  await card.getByRole('button', { name: 'Copy with citation' }).click();
  await expect(page.getByText('Copied with citation')).toBeVisible();
  const copied = await readClipboard(page);
  // The PDF's author and date as imported (Mary, 2011), and its label "1" for the fourth page of the file.
  expect(copied.text).toBe(`“${quote}” (Mary, 2011, p. 1)`);
  expect(copied.html).toContain(`“${quote}” (Mary, 2011, p. 1)`);
  await screenshot(page, 'copy-citation-1-card');

  // Another style, chosen once for every card and kept; Ctrl+C on the card copies in it.
  await card.getByRole('combobox', { name: 'Citation style' }).selectOption('mla');
  await card.locator('.card-quote').focus();
  await page.keyboard.press('Control+c');
  await expect.poll(async () => (await readClipboard(page)).text).toBe(`“${quote}” (Mary 1)`);

  // The page offset the user sets is cited at once.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await dialog.getByRole('textbox', { name: /Printed number of the file’s first page/ }).fill('215');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await card.locator('.card-quote').focus();
  await page.keyboard.press('Control+c');
  await expect.poll(async () => (await readClipboard(page)).text).toBe(`“${quote}” (Mary 218)`);

  await page.reload();
  await page.locator('.sidebar .card', { hasText: quote }).locator('.card-quote').click();
  await expect(page.getByRole('combobox', { name: 'Citation style' })).toHaveValue('mla');
  await expect.poll(async () => (await readClipboard(page)).html).toMatch(/^(<meta[^>]*>)?<p>“This is page 1/);
});
