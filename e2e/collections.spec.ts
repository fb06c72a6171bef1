// Finding your way in the library: the documents table with nested collections made by hand, documents
// dragged into them, tags, sorting by year, filtering as you type, Analysis and an export scoped to a
// collection, and a multi-selection trashed with the keyboard and brought back with Undo.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { generateLibrary, vocabulary } from '../scripts/bench/synthetic-library';
import { saveNextExport } from './export-helpers';
import { api, corpusFiles, importFiles } from './helpers';

interface Doc {
  id: string;
  originalName: string;
  metadata: { title: string; date: string | null } & Record<string, unknown>;
}

const DATES = ['2019-04', '2017-06', '2021-01', '2018-11', '2020-06'];

/** The titles in the order the table shows them. */
async function titles(table: Locator): Promise<string[]> {
  return table.locator('.dt-row .dt-cell.title').allTextContents();
}

function row(table: Locator, title: string): Locator {
  return table.getByRole('row').filter({ hasText: title });
}

function tree(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Collections' });
}

test('collections, tags, sorting, filtering, scoped analysis and export, trash with Undo', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const files = corpusFiles();
  await importFiles(page, files);
  await expect(page.locator('.document-item')).toHaveCount(files.length + 1);

  // Dates for the year column, and one coded passage in the first corpus document.
  const documents = await api<Doc[]>(page, 'documents.list', {});
  const corpus = files.map((f) => documents.find((d) => d.originalName === path.basename(f))!);
  for (const [i, d] of corpus.entries()) await api(page, 'documents.updateMetadata', { id: d.id, metadata: { ...d.metadata, date: DATES[i] } });
  const text = await api<{ text: string }>(page, 'documents.text', { id: corpus[0]!.id });
  const quote = text.text.match(/[A-Z][^.!?\n]{40,200}[.!?]/)![0];
  const start = text.text.indexOf(quote);
  const now = new Date().toISOString();
  const principle = (await api<{ principles: { id: string }[] }>(page, 'codebook.get', {})).principles[0]!.id;
  await api(page, 'annotations.save', {
    annotation: {
      id: 'e2e-collections-1',
      documentId: corpus[0]!.id,
      created: now,
      modified: now,
      target: { selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start, end: start + quote.length }] },
      body: { color: 'yellow', note: 'Scoped', tags: [], principles: [principle], actors: [] },
    },
  });

  await page.getByRole('tab', { name: 'Documents' }).click();
  const table = page.getByRole('grid', { name: 'Documents' });
  await expect(table.locator('.dt-row')).toHaveCount(files.length + 1);
  await screenshot(page, 'collections-01-table');

  // Nested collections, made by hand.
  const collections = tree(page);
  await collections.getByRole('button', { name: 'New collection' }).click();
  await collections.getByRole('textbox', { name: 'Name of the new collection' }).fill('Cyber norms');
  await collections.getByRole('textbox', { name: 'Name of the new collection' }).press('Enter');
  await collections.getByRole('button', { name: /^Cyber norms/ }).click();
  await collections.getByRole('button', { name: 'New sub-collection' }).click();
  await collections.getByRole('textbox', { name: 'Name of the new collection' }).fill('Elections');
  await collections.getByRole('textbox', { name: 'Name of the new collection' }).press('Enter');
  await expect(collections.getByRole('button', { name: /^Elections/ })).toBeVisible();
  await screenshot(page, 'collections-02-nested');

  // Two documents selected with Ctrl+click and dragged onto "Cyber norms", a third onto "Elections".
  await collections.getByRole('button', { name: /^All documents/ }).click();
  const [a, b, c] = corpus.map((d) => d.metadata.title);
  await row(table, a!).click();
  await row(table, b!).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByRole('toolbar', { name: 'Selected documents' })).toContainText('2 selected');
  await row(table, b!).dragTo(collections.getByRole('button', { name: /^Cyber norms/ }));
  await expect(collections.getByRole('button', { name: /^Cyber norms/ }).locator('.tree-count')).toHaveText('2');
  await row(table, c!).click();
  await row(table, c!).dragTo(collections.getByRole('button', { name: /^Elections/ }));
  // A collection shows what its sub-collections hold too.
  await expect(collections.getByRole('button', { name: /^Cyber norms/ }).locator('.tree-count')).toHaveText('3');
  await expect(collections.getByRole('button', { name: /^Unfiled/ }).locator('.tree-count')).toHaveText(String(files.length + 1 - 3));
  await collections.getByRole('button', { name: /^Cyber norms/ }).click();
  await expect(table.locator('.dt-row')).toHaveCount(3);
  await screenshot(page, 'collections-03-dragged-into-collection');

  // Tags on the selected documents; the tag shows its documents.
  await row(table, a!).click();
  await row(table, c!).click({ modifiers: ['Shift'] });
  await page.getByRole('textbox', { name: 'Tag to add to the selected documents' }).fill('followup');
  await page.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(collections.getByRole('button', { name: /^#followup/ }).locator('.tree-count')).toHaveText('3');
  await collections.getByRole('button', { name: /^#followup/ }).click();
  await expect(table.locator('.dt-row')).toHaveCount(3);
  await screenshot(page, 'collections-04-tagged');

  // Sorted by year: oldest first, then newest first.
  await collections.getByRole('button', { name: /^All documents/ }).click();
  await table.getByRole('button', { name: 'Year' }).click();
  const byYear = [...corpus].sort((x, y) => DATES[corpus.indexOf(x)]!.localeCompare(DATES[corpus.indexOf(y)]!)).map((d) => d.metadata.title);
  await expect.poll(async () => (await titles(table)).slice(0, 5)).toEqual(byYear);
  await expect(table.getByRole('columnheader', { name: /Year/ })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('button', { name: /^Year/ }).click();
  await expect.poll(async () => (await titles(table)).slice(0, 5)).toEqual([...byYear].reverse());
  await screenshot(page, 'collections-05-sorted-by-year');

  // Filtering as you type: a word of one title, then the "has annotations" filter.
  const word = a!.split(/\s+/).find((w) => w.length > 6 && !b!.includes(w) && !c!.includes(w)) ?? a!;
  const filterBox = page.getByRole('searchbox', { name: 'Filter by title, author, publication or tag' });
  await filterBox.pressSequentially(word.slice(0, 5), { delay: 30 });
  await expect.poll(async () => (await titles(table)).includes(a!)).toBe(true);
  await filterBox.fill(word);
  await expect(page.locator('.table-count')).toContainText(`of ${files.length + 1} documents`);
  await screenshot(page, 'collections-06-filter-as-you-type');
  await filterBox.fill('');
  await page.getByRole('checkbox', { name: 'Has annotations' }).check();
  await expect(table.locator('.dt-row')).toHaveCount(1);
  await expect(table.locator('.dt-row')).toContainText(a!);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Analysis of one collection only: the coded passage is in "Cyber norms", none in "Unfiled".
  await page.getByRole('tab', { name: 'Analysis' }).click();
  const scope = page.getByRole('combobox', { name: 'Analyse the sources of' });
  await scope.selectOption({ label: 'Cyber norms' });
  await expect(page.locator('.view-options')).toContainText('1 passage in 3 sources');
  await screenshot(page, 'collections-07-analysis-scoped');
  await scope.selectOption({ label: 'Unfiled documents' });
  await expect(page.locator('.view-options')).toContainText('0 passages in 3 sources');

  // A BibTeX export of the collection: its three documents, with the collection as a group.
  await page.getByText('Import / Export').click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /BibTeX/ }).check();
  await dialog.getByRole('radio', { name: 'A collection or tag only' }).check();
  await dialog.getByRole('combobox', { name: 'Collection or tag to export' }).selectOption({ label: 'Cyber norms' });
  await screenshot(page, 'collections-08-export-scoped');
  const bib = await saveNextExport(app, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
  expect(bib.name).toContain('collection-cyber-norms');
  expect(bib.text.match(/^@(?!comment)\w+\{/gim)).toHaveLength(3);
  expect(bib.text).toMatch(/@Comment\{jabref-meta: grouping:/);
  expect(bib.text).toContain('Cyber norms');
  expect(bib.text).toContain('followup');

  // Three documents selected with Shift, trashed with Delete, brought back with Undo.
  await page.getByRole('tab', { name: 'Documents' }).click();
  const all = await titles(table);
  await row(table, all[0]!).click();
  await row(table, all[2]!).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('toolbar', { name: 'Selected documents' })).toContainText('3 selected');
  await table.press('Delete');
  await expect(table.locator('.dt-row')).toHaveCount(files.length + 1 - 3);
  await expect(page.locator('.notices')).toContainText('3 documents moved to the trash.');
  await screenshot(page, 'collections-09-trashed');
  await page.locator('.notices').getByRole('button', { name: 'Undo' }).click();
  await expect(table.locator('.dt-row')).toHaveCount(files.length + 1);
  // They come back into their collection and keep their tags.
  await expect(collections.getByRole('button', { name: /^Cyber norms/ }).locator('.tree-count')).toHaveText('3');
  await screenshot(page, 'collections-10-undone');

  // Keyboard: Ctrl+A selects every row, arrows move, Enter opens.
  await table.focus();
  await table.press('ControlOrMeta+a');
  await expect(page.getByRole('toolbar', { name: 'Selected documents' })).toContainText(`${files.length + 1} selected`);
  await table.press('Home');
  await table.press('ArrowDown');
  await expect(page.getByRole('toolbar', { name: 'Selected documents' })).toContainText('1 selected');
  const second = (await titles(table))[1]!;
  await table.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: second })).toBeVisible();
});

test('the table keeps the chosen columns, their order and width, and the sort', async ({ app }) => {
  const { page } = app;
  await page.getByRole('tab', { name: 'Documents' }).click();
  const table = page.getByRole('grid', { name: 'Documents' });
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Tags' }).check();
  await page.getByRole('checkbox', { name: 'Authors' }).uncheck();
  await page.getByRole('button', { name: 'Columns' }).click();
  // Tags moved before Year by dragging its header; Title made wider with the keyboard.
  await table.getByRole('button', { name: 'Tags' }).dragTo(table.getByRole('button', { name: 'Year' }));
  await table.getByRole('separator', { name: 'Width of Title' }).press('ArrowRight');
  await table.getByRole('button', { name: 'Kind' }).click();
  const headers = () => table.getByRole('columnheader').allTextContents();
  await expect.poll(headers).toEqual(['Title', 'Tags', 'Year', 'Kind ▲', 'Date added', 'Annotations']);
  const width = await table.getByRole('separator', { name: 'Width of Title' }).getAttribute('aria-valuenow');
  expect(Number(width)).toBeGreaterThan(360);
  await screenshot(page, 'collections-11-columns');

  await expect.poll(async () => (await api<{ libraryTable: unknown }>(page, 'settings.get', {})).libraryTable).toMatchObject({ sort: { column: 'kind' } });
  await page.reload();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect.poll(headers).toEqual(['Title', 'Tags', 'Year', 'Kind ▲', 'Date added', 'Annotations']);
  await expect(table.getByRole('separator', { name: 'Width of Title' })).toHaveAttribute('aria-valuenow', width!);
});

test('a 5,000-document table draws only the rows in view, sorts, filters, and F2 edits the details', async ({ app }) => {
  test.setTimeout(300_000); // writing and opening 5,000 documents takes a while on a busy machine
  await app.stop();
  generateLibrary(app.libraryDir, { documents: 5_000, annotations: 5_000, words: { min: 20, max: 60 } }, vocabulary(2_000));
  await app.start();
  const { page } = app;
  await page.getByRole('tab', { name: 'Documents' }).click();
  const table = page.getByRole('grid', { name: 'Documents' });
  await expect(page.locator('.table-count')).toHaveText('5000 documents', { timeout: 60_000 });
  expect(await table.locator('.dt-row').count()).toBeLessThan(100);

  await table.getByRole('button', { name: 'Title' }).click();
  const first = (await titles(table))[0]!;
  const sorted = [...(await api<Doc[]>(page, 'documents.list', {}))].map((d) => d.metadata.title).sort((x, y) => x.localeCompare(y, undefined, { numeric: true, sensitivity: 'base' }));
  expect(first).toBe(sorted[0]);
  await page.getByRole('checkbox', { name: 'Has annotations' }).check();
  await page.getByRole('searchbox', { name: 'Filter by title, author, publication or tag' }).fill(first.split(/\s+/)[0]!);
  await expect(page.locator('.table-count')).toContainText('of 5000 documents');
  expect(await table.locator('.dt-row').count()).toBeLessThan(100);
  await screenshot(page, 'collections-12-5000-filtered');

  // The keyboard reaches the end of the list, drawing it as it goes, and F2 opens the details there.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await table.focus();
  await table.press('End');
  const last = sorted.at(-1)!;
  await expect(row(table, last)).toHaveAttribute('aria-selected', 'true');
  await table.press('F2');
  const details = page.getByRole('dialog', { name: 'Document details' });
  await expect(details.getByLabel('Title', { exact: true })).toHaveValue(last);
  await screenshot(page, 'collections-13-f2-details');
});
