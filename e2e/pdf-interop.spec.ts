// Working with other PDF readers: annotations made in another program are offered when their PDF is
// imported and come in with their text, note, author and colour (once, however often they are
// imported); Apostil's annotations go out in a copy of the PDF that pdf.js reads back with the same
// rectangles, one PDF from the reader and several as a zip from the export dialog.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import type { Annotation, PdfRect } from '../shared/model';
import { addForeignMarks, annotationsOf, linesPdf, quadsOf } from '../main/test-support/annotated-pdf';
import { makeFlowingPdf } from '../main/services/import/pdf-fixtures';
import { saveNextExport } from './export-helpers';
import { expect, repoRoot, screenshot, test, type AppUnderTest } from './fixtures';
import { importFiles } from './helpers';
import { corpusParagraphs, pdfFile, selectInPdf, sentenceInParagraph, showSentence } from './pdf-helpers';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function storedAnnotations(app: AppUnderTest, documentId: string): Promise<Annotation[]> {
  const file = path.join(app.libraryDir, 'documents', documentId, 'annotations.json');
  return (JSON.parse(await readFile(file, 'utf8')) as { annotations: Annotation[] }).annotations;
}

async function openDocument(page: Page, title: RegExp): Promise<string> {
  const button = page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: title });
  await button.click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  return page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('doc')!);
}

function expectWithin(actual: readonly number[], expected: readonly number[], points = 1): void {
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!), `coordinate ${i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(points));
}

test('annotations made in another program are offered at import and come in once, with their text, note and author', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 1);
  const words = paragraphs[0]!.split(' ');
  const lines = [words.slice(0, 10).join(' '), words.slice(10, 20).join(' '), words.slice(20, 30).join(' ')];
  const annotated = await linesPdf([lines]);
  annotated.doc.setTitle('Marked-up briefing');
  const phrase = words.slice(3, 7).join(' ');
  addForeignMarks(annotated.doc, [
    { page: 0, subtype: 'Highlight', quads: [annotated.quadOver(0, phrase)], contents: 'Central claim', author: 'Ana Reader', color: [1, 0.84, 0], created: 'D:20240105101500Z' },
    { page: 0, subtype: 'Square', rect: [300, 400, 500, 600], contents: 'The chart', author: 'Ana Reader', color: [0, 0, 0.8] },
  ]);
  await importFiles(page, [
    pdfFile('briefing.pdf', await annotated.doc.save()),
    pdfFile('annotation-highlight.pdf', await readFile(path.join(repoRoot, 'test-data', 'pdfjs', 'annotation-highlight.pdf'))),
  ]);

  const offer = page.getByRole('dialog', { name: 'These PDFs have annotations' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('Marked-up briefing — 1 highlight, 1 rectangle');
  await expect(offer).toContainText('— 1 highlight');
  await screenshot(page, 'interop-01-offer');
  await offer.getByRole('button', { name: 'Import annotations' }).click();
  await expect(offer).toBeHidden();
  await expect(page.locator('.notices')).toContainText('2 annotations imported from the PDF');

  await openDocument(page, /Marked-up briefing/);
  const cards = page.locator('.sidebar .card');
  await expect(cards).toHaveCount(2);
  const highlightCard = cards.filter({ hasText: phrase });
  await expect(highlightCard).toContainText('Central claim');
  await expect(highlightCard.locator('.card-author')).toContainText('Ana Reader');
  await expect(page.locator('.pdf-highlight.hl-yellow')).toHaveCount(1);
  await expect(page.locator('.pdf-region.hl-blue')).toHaveCount(1);
  await screenshot(page, 'interop-02-imported');

  // Importing again from the reader adds nothing.
  await page.locator('.pdf-file-menu summary').click();
  await page.getByRole('menuitem', { name: 'Import annotations from the PDF' }).click();
  await expect(page.locator('.notices')).toContainText('No new annotations in the PDF; 2 were already in the library');
  await expect(cards).toHaveCount(2);
});

test('export a PDF with its annotations from the reader and many from the export dialog; pdf.js reads back the stored rectangles', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 6);
  const report = await makeFlowingPdf(paragraphs, { info: { title: 'Exported report' } });
  const other = await makeFlowingPdf(paragraphs.slice(3), { info: { title: 'Second report' } });
  await importFiles(page, [pdfFile('report.pdf', report.bytes), pdfFile('second.pdf', other.bytes)]);
  const id = await openDocument(page, /Exported report/);

  const sentence = sentenceInParagraph(report, paragraphs, 1);
  await showSentence(page, sentence);
  await selectInPdf(page, sentence.from, sentence.to);
  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await popover.getByRole('button', { name: 'green' }).click();
  const principle = popover.getByRole('checkbox').first();
  // The label's own text: the key hint beside it (<kbd>) is not part of the name.
  const principleName = await principle.evaluate((input) =>
    [...input.parentElement!.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim(),
  );
  await principle.check();
  await popover.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.sidebar .card')).toHaveCount(1);
  const original = sha(await readFile(path.join(app.libraryDir, 'documents', id, 'original.pdf')));

  await page.locator('.pdf-file-menu summary').click();
  await screenshot(page, 'interop-03-pdf-menu');
  const exported = await saveNextExport(app, () => page.getByRole('menuitem', { name: 'Export PDF with annotations…' }).click());
  expect(exported.name).toMatch(/Exported-report-annotated\.pdf$/);
  expect(sha(await readFile(path.join(app.libraryDir, 'documents', id, 'original.pdf')))).toBe(original);

  const [stored] = await storedAnnotations(app, id);
  const area = stored!.target.selector.find((s) => s.type === 'PdfAreaSelector')!;
  const read = (await annotationsOf(new Uint8Array(exported.bytes))).filter((r) => r.annotation.subtype === 'Highlight');
  expect(read).toHaveLength(area.areas.length);
  read.forEach((r, i) => {
    expect(r.page).toBe(area.areas[i]!.page);
    const quads = quadsOf(r.annotation);
    expect(quads).toHaveLength(area.areas[i]!.rects.length);
    quads.forEach((quad, k) => expectWithin(quad, area.areas[i]!.rects[k] as PdfRect));
    expect(r.annotation.contentsObj!.str).toContain(`Principles: ${principleName}`);
  });

  // Several PDFs at once: a zip, from Import / Export → Export….
  await page.getByText('Import / Export').click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel(/PDFs with their annotations/).check();
  await dialog.getByLabel(/The whole library/).check();
  await screenshot(page, 'interop-04-export-dialog');
  const zip = await saveNextExport(app, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
  const files = unzipSync(new Uint8Array(zip.bytes));
  expect(Object.keys(files).sort()).toEqual(['Exported-report-annotated.pdf', 'README.txt', 'Second-report-annotated.pdf']);
  // The welcome document is not a source: nothing is said about it.
  expect(new TextDecoder().decode(files['README.txt'])).toMatch(/^PDFs exported by Apostil with their annotations \(2\)\. The files in your library are unchanged\.\n$/);
  expect((await annotationsOf(files['Exported-report-annotated.pdf']!)).filter((r) => r.annotation.subtype === 'Highlight')).toHaveLength(area.areas.length);
});
