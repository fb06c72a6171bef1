// Document variables as a user meets them: a list variable "Country" defined in the Documents view,
// set on three selected documents at once, changed for one in its details dialog, and read back from
// main, where it is stored; then Analysis draws principles × countries, a cell lists its passages, and
// a filter by country narrows the view.
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { expectAccessible } from './axe';
import { api, corpusFiles, importFiles, pickSentence } from './helpers';

interface Doc {
  id: string;
  originalName: string;
  metadata: { title: string };
}

function row(table: Locator, title: string): Locator {
  return table.getByRole('row').filter({ hasText: title });
}

test('a variable set on three documents at once and on one in its details, then a framework matrix of it', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const files = corpusFiles().slice(0, 4);
  await importFiles(page, files);
  await expect(page.locator('.document-item')).toHaveCount(files.length + 1);
  const documents = await api<Doc[]>(page, 'documents.list', {});
  const corpus = files.map((f) => documents.find((d) => d.originalName === path.basename(f))!);

  // One coded passage in each of the first three documents, for the framework matrix.
  const principles = (await api<{ principles: { id: string; name: string }[] }>(page, 'codebook.get', {})).principles;
  for (const [i, document] of corpus.slice(0, 3).entries()) {
    const text = await api<{ text: string }>(page, 'documents.text', { id: document.id });
    const quote = pickSentence(text.text, () => true);
    const start = text.text.indexOf(quote);
    const now = new Date().toISOString();
    await api(page, 'annotations.save', {
      annotation: {
        id: `e2e-variables-${i}`,
        documentId: document.id,
        created: now,
        modified: now,
        target: { selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start, end: start + quote.length }] },
        body: { color: 'yellow', note: '', tags: [], principles: [principles[i % 2]!.id], actors: [] },
      },
    });
  }

  await page.getByRole('tab', { name: 'Documents' }).click();
  const table = page.getByRole('grid', { name: 'Documents' });
  await expect(table.locator('.dt-row')).toHaveCount(files.length + 1);

  // The variable, defined once for the library.
  await page.getByRole('button', { name: 'Variables…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document variables' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Country');
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'List of choices' });
  await dialog.getByRole('textbox', { name: /Choices/ }).fill('France\nKenya\nChile');
  await dialog.getByRole('button', { name: 'Add variable' }).click();
  await expect(dialog.locator('.variable-list li')).toHaveCount(1);
  // A second variable of the same name is refused, in words.
  await dialog.locator('.variable-new').getByRole('textbox', { name: 'Name' }).fill('country');
  await dialog.locator('.variable-new').getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Text' });
  await dialog.getByRole('button', { name: 'Add variable' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('There is already a variable called “Country”.');
  await screenshot(page, 'variables-01-defined');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Three documents selected, one value set on all of them.
  const [a, b, c] = corpus.map((d) => d.metadata.title);
  await row(table, a!).click();
  await row(table, b!).click({ modifiers: ['ControlOrMeta'] });
  await row(table, c!).click({ modifiers: ['ControlOrMeta'] });
  const toolbar = page.getByRole('toolbar', { name: 'Selected documents' });
  await expect(toolbar).toContainText('3 selected');
  await toolbar.getByRole('combobox', { name: 'Variable to set on the selected documents' }).selectOption({ label: 'Country' });
  await toolbar.getByRole('combobox', { name: 'Value of Country' }).selectOption('France');
  await screenshot(page, 'variables-02-bulk-set');
  await toolbar.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.locator('.notice').filter({ hasText: 'Country set to France on 3 documents.' })).toBeVisible();
  const country = async () => {
    const state = await api<{ variables: { id: string }[]; values: Record<string, Record<string, string>> }>(page, 'variables.get', {});
    return corpus.map((d) => state.values[d.id]?.[state.variables[0]!.id] ?? null);
  };
  await expect.poll(country).toEqual(['France', 'France', 'France', null]);

  // The variables as a column of the table.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Columns shown' }).getByRole('checkbox', { name: 'Variables' }).check();
  await page.getByRole('button', { name: 'Columns' }).click();
  await expect(row(table, b!)).toContainText('Country: France');
  await expect(row(table, corpus[3]!.metadata.title)).not.toContainText('Country:');

  // One of them changed in its details dialog (F2 on the focused row).
  await row(table, c!).click();
  await table.press('F2');
  const details = page.getByRole('dialog', { name: 'Document details' });
  await expect(details.getByRole('combobox', { name: 'Country' })).toHaveValue('France');
  await details.getByRole('combobox', { name: 'Country' }).selectOption('Kenya');
  await screenshot(page, 'variables-03-details-dialog');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();
  await expect.poll(country).toEqual(['France', 'France', 'Kenya', null]);

  // Analysis: the matrix's columns are the countries; each cell counts and lists its passages.
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await page.getByRole('combobox', { name: 'Columns of the matrix' }).selectOption({ label: 'Country' });
  // The view's tab names what its columns are now.
  await expect(page.getByRole('button', { name: 'Principles × Country', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const chart = page.getByTestId('analysis-chart');
  // A chart with cells to press is a group of buttons (an image would hide them from screen readers).
  await expect(chart.getByRole('group', { name: 'Principle by Country matrix' })).toBeVisible();
  const first = principles[0]!.name;
  const second = principles[1]!.name;
  // Passages: documents a and c link the first principle (France, Kenya), b the second (France).
  await expect(chart.getByRole('button', { name: `${first} × Country France: 1 passage` })).toBeVisible();
  await expect(chart.getByRole('button', { name: `${first} × Country Kenya: 1 passage` })).toBeVisible();
  await expect(chart.getByRole('button', { name: `${second} × Country France: 1 passage` })).toBeVisible();
  await expect(chart.locator('text').filter({ hasText: '(no value) (2)' })).toBeVisible();
  await expectAccessible(page, 'variables-04-framework-matrix');
  await chart.getByRole('button', { name: `${first} × Country Kenya: 1 passage` }).click();
  const drilldown = page.locator('.drilldown');
  await expect(drilldown).toContainText(c!);
  await expect(drilldown).not.toContainText(a!);
  await screenshot(page, 'variables-05-framework-cell-passages');

  // A filter by country narrows every view: only the French sources.
  await page.getByText('Country any').click();
  await page.getByRole('group', { name: 'Sources whose Country is' }).getByRole('checkbox', { name: 'France' }).check();
  await expect(page.locator('.view-options')).toContainText('2 passages in 2 sources');
  await screenshot(page, 'variables-06-filtered-by-country');
  // The filter's popover closes on Escape (the focus back on its summary) and when the focus leaves it,
  // instead of staying open over the chart.
  const countryOptions = page.getByRole('group', { name: 'Sources whose Country is' });
  await page.keyboard.press('Escape');
  await expect(countryOptions).toBeHidden();
  const countryMenu = page.locator('summary').filter({ hasText: 'Country' });
  await expect(countryMenu).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(countryOptions).toBeVisible();
  await countryOptions.getByText('Kenya').click();
  await countryOptions.getByText('Kenya').click();
  await expect(countryOptions).toBeVisible();

  // Search finds sources by their values: var: completes the variable, then its choices.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await expect(search).toBeFocused();
  await expect(countryOptions).toBeHidden();
  await search.pressSequentially('var:cou', { delay: 20 });
  const completions = page.getByRole('listbox', { name: 'Completions' });
  await expect(completions.getByRole('option', { name: /Country/ })).toBeVisible();
  await search.press('Enter');
  await expect(search).toHaveValue('var:Country=');
  await expect(completions.getByRole('option', { name: /Kenya/ })).toBeVisible();
  await screenshot(page, 'variables-07-search-completion');
  await completions.getByRole('option', { name: /Kenya/ }).click();
  await expect(search).toHaveValue('var:Country=Kenya ');
  const results = page.getByRole('listbox', { name: 'Search results' });
  const sources = results.getByRole('group', { name: /In sources/ });
  await expect(sources.locator('.hit').first()).toBeVisible();
  for (const title of await sources.locator('.hit .hit-title').allInnerTexts()) expect(title.startsWith(c!)).toBe(true);
  await expect(results.getByRole('group', { name: /Your annotations/ }).locator('.hit')).toHaveCount(1);
  await screenshot(page, 'variables-08-search-results');
  // Combined with the rest of the language; a variable that does not exist is said in words.
  await search.fill('-var:country=kenya var:country');
  await expect(results.getByRole('group', { name: /Your annotations/ }).locator('.hit')).toHaveCount(2);
  await search.fill('var:nosuch=1');
  await expect(page.locator('.query-error')).toHaveText('There is no variable “nosuch”. The variables are Country (they complete as you type).');
  await screenshot(page, 'variables-09-search-error');
});
