// PDFs that are not plain: an encrypted one (its password asked for at import and when opened, never
// stored), a scanned one (no text layer: it says so and offers regions), and one damaged on disk after
// import (a clear error and the way back to its text).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encryptPdf } from '../main/services/import/pdf-encrypt';
import { LOREM, makePdf } from '../main/services/import/pdf-fixtures';
import { expect, screenshot, test } from './fixtures';
import { importFiles } from './helpers';
import { pdfFile } from './pdf-helpers';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

test('an encrypted PDF asks for its password at import and when opened, says when it is wrong, and never stores it', async ({ app }) => {
  const { page } = app;
  const password = 'Correct-Horse-7';
  const bytes = await encryptPdf(await makePdf([[LOREM[0]!, LOREM[1]!], [LOREM[2]!]], { title: 'Sealed report' }), password);
  await importFiles(page, [pdfFile('sealed.pdf', bytes)]);

  const dialog = page.getByRole('dialog', { name: 'Password needed' });
  await expect(dialog).toContainText('is password-protected. Enter its password');
  await dialog.getByLabel('Password').fill('wrong guess');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The password for "sealed.pdf" is not right');
  await screenshot(page, 'pdf-30-import-password');
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('.notices')).toContainText('1 imported');

  // Opening it asks again (the password was not kept), in the page view.
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Sealed report/ }).click();
  const form = page.getByRole('form', { name: 'PDF password' });
  await form.getByLabel('Password').fill('Correct-Horse-8');
  await form.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('form', { name: 'PDF password' }).getByRole('alert')).toContainText('That password is not right');
  await screenshot(page, 'pdf-31-open-password');
  await page.getByRole('form', { name: 'PDF password' }).getByLabel('Password').fill(password);
  await page.getByRole('form', { name: 'PDF password' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await expect(page.locator('.pdf-page[data-page-index="0"] .textLayer')).toContainText('Paris Call');

  for (const file of await filesUnder(app.libraryDir)) {
    if (file.endsWith('.json')) expect(await readFile(file, 'utf8'), file).not.toContain(password);
  }
});

test('a scanned PDF says it has no text and offers regions; a PDF damaged on disk says so clearly', async ({ app }) => {
  const { page } = app;
  await importFiles(page, [pdfFile('scan.pdf', await makePdf([[], []], { title: 'Scanned treaty' }))]);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Scanned treaty/ }).click();
  const notice = page.getByRole('note').filter({ hasText: 'no text layer' });
  await expect(notice).toBeVisible();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await notice.getByRole('button', { name: 'Mark a region' }).click();
  await expect(page.getByRole('button', { name: 'Mark region' })).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'pdf-32-scanned');

  // The original is damaged after import (a bad disk, a sync tool): the page view says so.
  const documentId = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('doc')!;
  await writeFile(path.join(app.libraryDir, 'documents', documentId, 'original.pdf'), 'this is no longer a PDF');
  await page.reload();
  const error = page.getByRole('alert').filter({ hasText: 'The pages cannot be shown' });
  await expect(error).toContainText('"scan.pdf" could not be shown');
  await screenshot(page, 'pdf-33-damaged');
  await error.getByRole('button', { name: 'Read the text instead' }).click();
  await expect(page.getByRole('button', { name: 'Text view' })).toHaveAttribute('aria-pressed', 'true');
});
