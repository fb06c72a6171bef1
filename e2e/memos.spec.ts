// Memos as a researcher writes them: one about a document started from the reader, with Markdown shown
// in a live preview (raw HTML stays text), one about a principle started from the Codebook view, a
// project memo; the Memos panel filtered by what they are about; a delete undone.
import { expect, screenshot, test } from './fixtures';
import path from 'node:path';
import { api, corpusFiles, escapeRegExp, importFiles } from './helpers';
import { saveNextExport } from './export-helpers';

test('write memos on a document, a principle and the project; filter, edit, delete with Undo', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const files = corpusFiles().slice(0, 2);
  await importFiles(page, files);
  await expect(page.locator('.document-item')).toHaveCount(files.length + 1);
  const documents = await api<{ originalName: string; metadata: { title: string } }[]>(page, 'documents.list', {});
  const title = documents.find((d) => d.originalName === path.basename(files[0]!))!.metadata.title;
  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) }).click();
  await expect(page.locator('.reader-head h1')).toHaveText(title);

  // From the reader: a new memo about this document.
  const attached = page.getByRole('group', { name: `Memos about ${title}` });
  await attached.getByRole('button', { name: 'New memo' }).click();
  const editor = page.getByRole('form', { name: 'New memo' });
  await expect(editor.getByRole('combobox', { name: 'What the memo is about' })).toHaveValue('document');
  await editor.getByLabel('Title').fill('Why this source matters');
  await editor.getByLabel('Text (Markdown)').fill('# Reading\n\nThe **key** claim is *cooperation*.\n\n- first point\n- second point\n\n<img src=x onerror="document.title=\'pwned\'"> stays text.');
  const preview = editor.getByLabel('Preview');
  await expect(preview.locator('h1')).toHaveText('Reading');
  await expect(preview.locator('strong')).toHaveText('key');
  await expect(preview.locator('li')).toHaveCount(2);
  await expect(preview).toContainText('<img src=x');
  await expect(preview.locator('img')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save memo' }).click();
  await expect(page.getByRole('form', { name: 'Memo “Why this source matters”' }).getByText('Saved.')).toBeVisible();
  expect(await page.title()).not.toBe('pwned');
  await screenshot(page, 'memos-01-editor');

  // The reader lists it, and opens it.
  await page.getByRole('tab', { name: 'Library & reader' }).click();
  await expect(attached.getByRole('button', { name: 'Why this source matters' })).toBeVisible();
  await screenshot(page, 'memos-02-reader');

  // From the Codebook view: a memo about a principle.
  await page.getByRole('tab', { name: 'Codebook' }).click();
  const principle = page.locator('.principle-tree .tree-item').first();
  await principle.click();
  const codeMemos = page.getByRole('group', { name: /^Memos about / });
  await codeMemos.getByRole('button', { name: 'New memo' }).click();
  const second = page.getByRole('form', { name: 'New memo' });
  await expect(second.getByRole('combobox', { name: 'What the memo is about' })).toHaveValue('principle');
  await second.getByLabel('Title').fill('Coding rule for this principle');
  await second.getByLabel('Text (Markdown)').fill('Only explicit commitments.');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('form', { name: 'Memo “Coding rule for this principle”' }).getByText('Saved.')).toBeVisible();

  // The list shows the memos about that principle; with all memos shown, a new memo is about the project.
  const list = page.getByRole('navigation', { name: 'Memo list' });
  await expect(list.getByLabel('Show')).toHaveValue('about');
  await expect(list.locator('.memo-item')).toHaveText([/Coding rule for this principle/]);
  await list.getByLabel('Show').selectOption('all');
  await page.getByRole('button', { name: 'New memo' }).first().click();
  const third = page.getByRole('form', { name: 'New memo' });
  await third.getByLabel('Title').fill('Research question');
  await third.getByLabel('Text (Markdown)').fill('Do states converge on norms?');
  await third.getByRole('button', { name: 'Save memo' }).click();
  await expect(list.locator('.memo-item')).toHaveCount(3);
  await list.getByLabel('Show').selectOption('document');
  await expect(list.locator('.memo-item')).toHaveCount(1);
  await expect(list.locator('.memo-item')).toContainText('Why this source matters');
  await list.getByLabel('Show').selectOption('project');
  await expect(list.locator('.memo-item')).toHaveText([/Research question/]);
  await list.getByLabel('Show').selectOption('all');
  await screenshot(page, 'memos-03-list');

  // Delete, then Undo brings it back as it was.
  await list.getByRole('button', { name: /Research question/ }).click();
  await page.getByRole('form', { name: 'Memo “Research question”' }).getByRole('button', { name: 'Delete' }).click();
  await expect(list.locator('.memo-item')).toHaveCount(2);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(list.locator('.memo-item')).toHaveCount(3);
  await expect(page.getByRole('form', { name: 'Memo “Research question”' }).getByLabel('Text (Markdown)')).toHaveValue('Do states converge on norms?');

  // Everything is in the library after a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Memos' }).click();
  await expect(page.getByRole('navigation', { name: 'Memo list' }).locator('.memo-item')).toHaveCount(3);

  // The annotated bibliography carries each document's memos beneath its reference when asked to.
  await page.getByText('Import / Export').click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'Annotated bibliography' }).check();
  await dialog.getByRole('checkbox', { name: 'Include each document’s memos beneath its reference' }).check();
  await screenshot(page, 'memos-04-bibliography-option');
  const bibliography = await saveNextExport(app, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
  expect(bibliography.text).toContain('**Memo: Why this source matters**\n\n#### Reading\n\nThe **key** claim is *cooperation*.');
  expect(bibliography.text).not.toContain('Research question');
});

test('write a memo and find it by search, then open it from the results', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.getByRole('tab', { name: 'Memos' }).click();
  await page.getByRole('button', { name: 'New memo' }).click();
  const editor = page.getByRole('form', { name: 'New memo' });
  await editor.getByLabel('Title').fill('Sovereignty and the cloud');
  await editor.getByLabel('Text (Markdown)').fill('Data **localisation** rules keep returning in the *treaties*.');
  await editor.getByRole('button', { name: 'Save memo' }).click();
  await expect(page.getByRole('form', { name: 'Memo “Sovereignty and the cloud”' }).getByText('Saved.')).toBeVisible();
  await page.getByRole('button', { name: 'New memo' }).click();
  await page.getByRole('form', { name: 'New memo' }).getByLabel('Title').fill('Unrelated');
  await page.getByRole('form', { name: 'New memo' }).getByRole('button', { name: 'Save memo' }).click();
  await expect(page.getByRole('form', { name: 'Memo “Unrelated”' })).toBeVisible();

  // A plain word finds it (stemmed: "treaty" finds "treaties"), in its own section.
  await page.getByRole('tab', { name: 'Library & reader' }).click();
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.fill('treaty localisation');
  const results = page.getByRole('listbox', { name: 'Search results' });
  const memos = results.getByRole('group', { name: /^Memos \d/ });
  await expect(memos.getByRole('option')).toHaveCount(1);
  await expect(memos.getByRole('option')).toContainText('Sovereignty and the cloud');
  await expect(memos.getByRole('option')).toContainText('Project');
  await expect(memos.locator('mark')).toHaveText(['localisation', 'treaties']);
  await screenshot(page, 'memos-04-search');

  // memo: finds only memos; choosing the hit opens it in the Memos view.
  await search.fill('memo:sovereignty');
  await expect(results.getByRole('heading', { name: /Your annotations/ })).toHaveCount(0);
  await expect(memos.getByRole('option')).toHaveCount(1);
  await memos.getByRole('option').click();
  await expect(page.getByRole('tab', { name: 'Memos' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('form', { name: 'Memo “Sovereignty and the cloud”' }).getByLabel('Text (Markdown)')).toHaveValue(/localisation/);
});
