// The first complete path through Apostil: a new library, importing the corpus, reading, a linked
// highlight, saved at once and still there after a reload and a restart, and found by search.
import { expect, screenshot, test } from './fixtures';
import { corpusFiles, escapeRegExp, highlightBoxes, importFiles, pickSentence, readCorpusFile, selectText } from './helpers';

test('a new library starts with the Paris Call codebook and a welcome document', async ({ app }) => {
  const { page } = app;
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /Welcome to Apostil/ })).toBeVisible();
  await library.getByRole('button', { name: /Welcome to Apostil/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Welcome to Apostil/ })).toBeVisible();
  await screenshot(page, '01-welcome');

  // The codebook's nine principles are offered when a passage is selected.
  const firstParagraph = (await page.locator('.reader-text p.block').first().textContent())!;
  await selectText(page, firstParagraph.slice(0, 30));
  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await expect(popover).toBeVisible();
  await expect(popover.locator('.principle-picker input[type=checkbox]')).toHaveCount(9);
});

test('import the corpus, highlight a linked passage, and find it again after reload and restart', async ({ app }) => {
  const { page } = app;
  const files = corpusFiles();
  await importFiles(page, files);
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.locator('.document-item')).toHaveCount(files.length + 1);
  await expect(page.getByRole('status')).toContainText(`${files.length} imported`);
  await screenshot(page, '02-imported');

  // Open an article whose first line is its title, and select a sentence naming the United States.
  const file = files.find((f) => /^[^\n]{10,120}\n\n\s*\/\s/.test(readCorpusFile(f)))!;
  const text = readCorpusFile(file);
  const title = text.split('\n')[0]!.trim();
  await library.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const sentence = pickSentence(text, (s) => /\bUnited States\b/.test(s));
  await selectText(page, sentence);

  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await expect(popover).toBeVisible();
  await popover.getByRole('checkbox', { name: /Protect individuals and infrastructure/ }).check();
  // The actor named in the passage is offered first.
  await popover.getByRole('button', { name: '+ United States' }).click();
  await popover.getByRole('combobox', { name: 'Stance of United States' }).selectOption('supports');
  await popover.getByRole('textbox', { name: 'Add a tag' }).fill('followup ');
  await popover.getByPlaceholder('Your note on this passage').fill('Washington changes course on the Call');
  await screenshot(page, '03-popover');
  await popover.getByRole('button', { name: 'Done' }).click();

  const mark = page.locator('.reader-text mark.hl');
  await expect(mark).toHaveText(sentence);
  const sidebar = page.getByRole('complementary', { name: 'Annotations' });
  const card = sidebar.locator('.card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Protect individuals and infrastructure');
  await expect(card).toContainText('United States · supports');
  await expect(card).toContainText('#followup');
  await expect(card).toContainText('Washington changes course on the Call');
  await screenshot(page, '04-highlighted');
  const before = await highlightBoxes(page);

  // Saved at once: a reload shows it in the same place.
  await page.reload();
  await expect(page.locator('.reader-text mark.hl')).toHaveText(sentence);
  expect(await highlightBoxes(page)).toEqual(before);

  // And so does a restart of the host (a new process reading the library from disk).
  await app.restart();
  await expect(app.page.locator('.reader-text mark.hl')).toHaveText(sentence);
  expect(await highlightBoxes(app.page)).toEqual(before);
  await expect(app.page.getByRole('complementary', { name: 'Annotations' }).locator('.card')).toContainText('United States · supports');

  // Search finds it by a word of the note, and opening the result selects it.
  await app.page.locator('.document-item').first().click();
  const search = app.page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.fill('course');
  const results = app.page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('group', { name: /Your annotations/ })).toBeVisible();
  await screenshot(app.page, '05-search');
  await results.locator('section').first().getByRole('option').first().click();
  await expect(app.page.locator('.reader-text mark.hl-active')).toHaveText(sentence);
  await expect(app.page.getByRole('complementary', { name: 'Annotations' }).locator('.card.active')).toBeVisible();
});

test('undo brings back a deleted highlight', async ({ app }) => {
  const { page } = app;
  await page.locator('.document-item').first().click();
  const paragraph = (await page.locator('.reader-text p.block').first().textContent())!;
  const passage = paragraph.slice(0, 40).trim();
  await selectText(page, passage);
  await page.getByRole('dialog', { name: /^(New|Edit) highlight$/ }).getByRole('button', { name: 'green' }).click();
  await page.keyboard.press('Escape');
  await expect(page.locator('.reader-text mark.hl-green')).toHaveText(passage);

  const card = page.locator('.sidebar .card').first();
  await card.locator('.card-quote').click();
  await card.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.reader-text mark.hl')).toHaveCount(0);
  // The restored highlight is saved after the deletion (saves are queued in order); reload once it is.
  const restored = page.waitForResponse((response) => response.url().endsWith('/api/call/annotations.save'));
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.reader-text mark.hl-green')).toHaveText(passage);
  expect((await restored).ok()).toBe(true);
  await page.reload();
  await expect(page.locator('.reader-text mark.hl-green')).toHaveText(passage);
});
