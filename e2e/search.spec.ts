// Search as a reader uses it: the box (and its shortcut), results grouped into annotations and sources,
// a facet, completion of field values, the syntax help, a saved search, and opening a result at the
// passage with the matched word flashed.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { corpusFiles, escapeRegExp, importFiles, pickSentence, readCorpusFile, selectText } from './helpers';

/** The text of the ranges the reader flashed (CSS Custom Highlight API). */
function flashed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const highlight = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('apostil-flash');
    return highlight ? [...highlight].map((range) => range.toString()) : [];
  });
}

test('search from the box, narrow with a facet, and open results at the passage', async ({ app }) => {
  const { page } = app;
  const files = corpusFiles();
  await importFiles(page, files);
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.locator('.document-item')).toHaveCount(files.length + 1);

  // Highlight a sentence naming the United States and link it to a principle and the actor.
  const file = files.find((f) => /^[^\n]{10,120}\n\n\s*\/\s/.test(readCorpusFile(f)))!;
  const text = readCorpusFile(file);
  const title = text.split('\n')[0]!.trim();
  await library.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) }).click();
  const sentence = pickSentence(text, (s) => /\bUnited States\b/.test(s));
  await selectText(page, sentence);
  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await popover.getByRole('checkbox', { name: /International norms/ }).check();
  await popover.getByRole('button', { name: '+ United States' }).click();
  await popover.getByRole('combobox', { name: 'Stance of United States' }).selectOption('supports');
  await popover.getByPlaceholder('Your note on this passage').fill('Evidence of a shift in Washington');
  await popover.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.reader-text mark.hl')).toHaveText(sentence);

  // Ctrl+K puts the cursor in the box; results come as you type, grouped, with facets beside them.
  await page.locator('.reader-text').click();
  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await expect(search).toBeFocused();
  await search.pressSequentially('United States', { delay: 20 });
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('group', { name: /Your annotations/ })).toBeVisible();
  await expect(results.getByRole('group', { name: /In sources/ })).toBeVisible();
  await expect(results.locator('.hit mark').first()).toBeVisible();
  const filters = page.getByRole('complementary', { name: 'Filters' });
  await expect(filters.getByRole('region', { name: 'Filter by principle' })).toContainText('International norms');
  await screenshot(page, 'search-01-results');

  // A facet adds its clause: only the linked annotation is left, and the sources group goes away.
  await filters.getByRole('button', { name: /International norms/ }).click();
  await expect(search).toHaveValue(/principle:international-norms/);
  await expect(results.getByRole('group', { name: /Your annotations/ })).toHaveAccessibleName(/^Your annotations\s+1$/);
  await expect(results.getByRole('group', { name: /In sources/ })).toHaveCount(0);
  await expect(filters.getByRole('button', { name: /International norms/ })).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'search-02-facet');

  // Field values complete from the codebook.
  await search.fill('');
  await search.pressSequentially('actor:kreml', { delay: 20 });
  const completions = page.getByRole('listbox', { name: 'Completions' });
  await expect(completions.getByRole('option', { name: /Russia/ })).toBeVisible();
  await search.fill('');
  await search.pressSequentially('stance:sup', { delay: 20 });
  await expect(completions.getByRole('option', { name: /supports/ })).toBeVisible();
  await search.press('Enter');
  await expect(search).toHaveValue('stance:supports ');
  await expect(results.getByRole('group', { name: /Your annotations/ })).toHaveAccessibleName(/^Your annotations\s+1$/);

  // Bad queries say what is wrong instead of failing.
  await search.fill('"rule of');
  await expect(page.getByRole('alert')).toContainText('quote is not closed');

  // The syntax popover.
  await page.getByRole('button', { name: 'Search syntax' }).click();
  await expect(page.getByRole('dialog', { name: 'Search syntax' })).toContainText('year:2018..2020');
  await screenshot(page, 'search-03-help');
  await page.getByRole('button', { name: 'Close search syntax' }).click();

  // Save a search; it appears in the sidebar and runs again from there.
  await search.fill('actor:united-states shift');
  await page.getByRole('region', { name: 'Search results panel' }).getByRole('button', { name: 'Save search…' }).click();
  await page.getByRole('textbox', { name: 'Name of the saved search' }).fill('US shift');
  await page.getByRole('search').getByRole('button', { name: 'Save', exact: true }).click();
  const saved = page.getByRole('region', { name: 'Saved searches' });
  await expect(saved.getByRole('button', { name: /^US shift/ })).toBeVisible();
  await search.fill('');
  await page.locator('.reader-text').click();
  await saved.getByRole('button', { name: /^US shift/ }).click();
  await expect(search).toHaveValue('actor:united-states shift');
  await expect(results.getByRole('group', { name: /Your annotations/ })).toHaveAccessibleName(/^Your annotations\s+1$/);
  await screenshot(page, 'search-04-saved');

  // A passage of another source opens at the passage, with the matched word flashed.
  await search.fill('geneva');
  const hit = results.getByRole('group', { name: /In sources/ }).getByRole('option').first();
  const otherTitle = (await hit.locator('.hit-title').textContent())!.replace(/ · .*$/, '').trim();
  expect(otherTitle).not.toBe(title);
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(otherTitle);
  await expect.poll(() => flashed(page)).toEqual(['Geneva']);
  const visible = await page.evaluate(() => {
    const range = [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('apostil-flash') ?? [])][0]!;
    const box = range.getBoundingClientRect();
    const view = document.querySelector('.reader-scroll')!.getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
  });
  expect(visible).toBe(true);
  await screenshot(page, 'search-05-opened');

  // An annotation result selects the highlight in its document.
  await page.keyboard.press('Control+k');
  await search.fill('shift washington');
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.reader-text mark.hl-active')).toHaveText(sentence);
});

test('a word found in more than 10,000 passages reads "10,000+", in the totals and the filters', async ({ app }) => {
  const { page } = app;
  // One source of 10,050 short paragraphs (one passage each) that all say "quorum"; 40 also say "adjourned".
  const paragraphs = Array.from({ length: 10_050 }, (_, i) => `Item ${i + 1}: the quorum was ${i < 40 ? 'adjourned' : 'reached'}.`);
  const buffer = Buffer.from(`Minutes of the plenary\n\n${paragraphs.join('\n\n')}\n`);
  await importFiles(page, [{ name: 'minutes.txt', mimeType: 'text/plain', buffer }]);
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /^Minutes of the plenary/ })).toBeVisible();

  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.fill('quorum');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('group', { name: /In sources/ })).toHaveAccessibleName(/^In sources\s+10,000\+$/, { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Search results panel' }).locator('.search-summary')).toContainText('10,000+ passages');
  const documents = page.getByRole('region', { name: 'Filter by document' });
  await expect(documents.getByRole('button', { name: /Minutes of the plenary/ })).toContainText('10,000+');
  await screenshot(page, 'search-06-capped-total');

  // Below the limit, the count is exact again.
  await search.fill('quorum adjourned');
  await expect(results.getByRole('group', { name: /In sources/ })).toHaveAccessibleName(/^In sources\s*40$/);
  await expect(page.getByRole('region', { name: 'Search results panel' }).locator('.search-summary')).toContainText('40 passages');
});
