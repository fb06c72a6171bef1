// Managing the library: importing by drag and drop, editing a document's details, the theme.
import { expect, screenshot, test } from './fixtures';
import { corpusFiles, readCorpusFile } from './helpers';

test('files dropped on the window are imported', async ({ app }) => {
  const { page } = app;
  const files = corpusFiles().slice(0, 2).map((file) => ({ name: file.split('/').pop()!, text: readCorpusFile(file) }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: 'text/plain' }));
    return transfer;
  }, files);
  await page.dispatchEvent('.app', 'dragover', { dataTransfer });
  await expect(page.locator('.drop-overlay')).toBeVisible();
  await screenshot(page, '10-drop-overlay');
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
  await expect(page.locator('.document-item')).toHaveCount(3);
  await expect(page.getByRole('status')).toContainText('2 imported');
});

test("a document's details can be edited and are kept", async ({ app }) => {
  const { page } = app;
  await page.locator('.document-item').first().click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await dialog.getByLabel('Title').fill('A guide to Apostil');
  await dialog.getByLabel(/Authors/).fill('Ada Lovelace\nCharles Babbage');
  await dialog.getByLabel(/Date/).fill('2018-11');
  await dialog.getByLabel('Kind').selectOption('report');
  await dialog.getByLabel('Publication').fill('Apostil Press');
  await screenshot(page, '11-metadata');
  await dialog.getByLabel(/Date/).fill('November');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('date');
  await dialog.getByLabel(/Date/).fill('2018-11');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.document-item.active')).toContainText('A guide to Apostil');
  await expect(page.locator('.document-item.active')).toContainText('Ada Lovelace, Charles Babbage · 2018 · Apostil Press');

  await app.restart();
  await expect(app.page.getByRole('heading', { level: 1, name: 'A guide to Apostil' })).toBeVisible();
  await expect(app.page.locator('.reader-head')).toContainText('Report');
});

test('the theme setting is applied and remembered', async ({ app }) => {
  const { page } = app;
  await page.locator('.document-item').first().click();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, '12-dark');
  await app.restart();
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
