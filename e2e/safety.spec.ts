// Safety seen from the app: bad files mixed into an import, a PDF whose page content is damaged,
// and a damaged library reported in the library health view with its data kept aside.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import { badFileCorpus } from '../main/security/bad-files';
import { expect, screenshot, test } from './fixtures';
import { importFiles } from './helpers';

const file = (name: string, bytes: Uint8Array, mimeType = 'application/octet-stream') => ({ name, mimeType, buffer: Buffer.from(bytes) });
const utf8 = (text: string) => new TextEncoder().encode(text);

test('a multi-file import with bad files mixed in imports the good ones and lists each failure with its reason', async ({ app }) => {
  const { page } = app;
  const bad = (await badFileCorpus()).filter((f) => !f.name.includes('/') && f.bytes.length < 1024 * 1024);
  const good = [
    file('first-good.txt', utf8('A good note\n\nStates should protect the public core of the internet.')),
    file('second-good.md', utf8('# Another good note\n\nCompanies should not hack back.')),
  ];
  await importFiles(page, [good[0]!, ...bad.map((f) => file(f.name, f.bytes)), good[1]!]);
  // The encrypted PDF asks for its password; giving none lists it with the others.
  const prompt = page.getByRole('dialog', { name: 'Password needed' });
  await expect(prompt).toContainText('“encrypted.pdf” is password-protected');
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toContainText(`2 imported, ${bad.length} not imported`);

  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /^A good note/ })).toBeVisible();
  await expect(library.getByRole('button', { name: /^Another good note/ })).toBeVisible();
  const failures = library.getByRole('alert');
  await expect(failures).toContainText(`${bad.length} files were not imported`);
  const items = failures.getByRole('listitem');
  await expect(items).toHaveCount(bad.length);
  for (const [i, f] of bad.entries()) {
    await expect(items.nth(i)).toContainText(f.shownAs ?? f.name);
    await expect(items.nth(i)).toContainText(f.reason);
  }
  await screenshot(page, 'safety-01-import-failures');
});

test('warnings pdf.js reports for damaged page content are kept with the document and shown in the reader', async ({ app }) => {
  const { page } = app;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pdfPage = doc.addPage([400, 300]);
  pdfPage.drawText('Readable text before the damaged content.', { x: 20, y: 250, size: 12, font });
  // A compressed content stream whose zlib header is broken: pdf.js skips it and warns.
  const broken = deflateSync('BT /F1 12 Tf 20 200 Td (Lost text) Tj ET');
  broken[1] = 0;
  pdfPage.node.addContentStream(doc.context.register(doc.context.stream(broken, { Filter: 'FlateDecode' })));
  await importFiles(page, [file('damaged-content.pdf', await doc.save(), 'application/pdf')]);
  await expect(page.getByRole('heading', { level: 1, name: 'damaged-content' })).toBeVisible();
  const warnings = page.locator('.reader-head details.warnings');
  await expect(warnings.locator('summary')).toHaveText('1 import warning');
  await warnings.locator('summary').click();
  await expect(warnings.getByRole('listitem')).toContainText(/pdf\.js: Invalid stream: .*flate stream/);
  // The page view draws what pdf.js could read; the text view shows the same extracted text.
  await expect(page.locator('.pdf-page[data-page-index="0"] .textLayer')).toContainText('Readable text before the damaged content.');
  await page.getByRole('button', { name: 'Text view' }).click();
  await expect(page.locator('.reader-text')).toContainText('Readable text before the damaged content.');
  await screenshot(page, 'safety-02-pdf-warning');
});

test('a damaged library opens, reports each problem in the library health view, and keeps the data aside', async ({ app }) => {
  await app.stop();
  const documents = path.join(app.libraryDir, 'documents');
  const [welcome] = await readdir(documents);
  // Annotations whose document is gone, a torn annotations file, and an import that never finished.
  await mkdir(path.join(documents, 'lost-document'));
  const orphan = {
    id: 'orphan-1',
    documentId: 'lost-document',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    target: { selector: [{ type: 'TextQuoteSelector', exact: 'norms', prefix: '', suffix: '' }] },
    body: { color: 'yellow', note: 'A note that must not be lost', tags: [], principles: [], actors: [] },
  };
  await writeFile(path.join(documents, 'lost-document', 'annotations.json'), JSON.stringify({ version: 1, annotations: [orphan] }));
  await writeFile(path.join(documents, welcome!, 'annotations.json'), '{"version": 1, "annotations": [{"id": "torn');
  await mkdir(path.join(documents, 'half-imported'));
  await writeFile(path.join(documents, 'half-imported', 'original.txt'), 'text');
  await app.start();
  const { page } = app;

  await expect(page.getByRole('status')).toContainText('Apostil found 3 problems in the library and kept the affected data aside.');
  const button = page.getByRole('button', { name: 'Library health: 3 problems' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Library health' });
  await expect(dialog).toBeVisible();
  const problems = dialog.getByRole('list', { name: 'Problems found', exact: true }).getByRole('listitem');
  await expect(problems).toHaveCount(3);
  await expect(dialog).toContainText('Annotations whose document is missing');
  await expect(dialog).toContainText('An annotations file that could not be read');
  await expect(dialog).toContainText('An import that did not finish');
  await expect(dialog.getByRole('list', { name: 'Kept aside' }).getByRole('listitem')).toHaveCount(3);
  // Only the files changed since the last check were read at open; the rest is checked in the background.
  await expect(dialog).toContainText('only the files changed since the last check were read');
  await expect(dialog).toContainText('The content of every file was checked against the last check');
  await screenshot(page, 'safety-03-library-health');

  // On disk: each in its own quarantine folder with a note; the orphaned annotation is intact.
  const quarantine = path.join(app.libraryDir, 'quarantine');
  const folders = await readdir(quarantine);
  expect(folders).toHaveLength(3);
  for (const folder of folders) expect(await readdir(path.join(quarantine, folder))).toContain('NOTE.txt');
  const kept = folders.find((f) => f.includes('orphan-annotations'))!;
  expect(await readFile(path.join(quarantine, kept, 'lost-document', 'annotations.json'), 'utf8')).toContain('A note that must not be lost');

  // The library itself works: the welcome document opens (with no annotations now).
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.locator('.document-item').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /Welcome to Apostil/ })).toBeVisible();
});
