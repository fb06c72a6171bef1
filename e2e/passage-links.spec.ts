// Links between passages: from a highlight in one document, "Link to…" a highlight in another (found by
// searching), with a relation and a note; both cards show the link, and following it opens the other
// document at the passage, both ways. Deleting the link offers Undo.
import { expectAccessible } from './axe';
import { expect, screenshot, test } from './fixtures';
import { corpusFiles, escapeRegExp, importFiles, pickSentence, readCorpusFile, selectText } from './helpers';

test('link two passages in two documents and follow the link both ways', async ({ app }) => {
  const { page } = app;
  const [first, second] = corpusFiles().filter((f) => /^[^\n]{10,120}\n/.test(readCorpusFile(f)));
  await importFiles(page, [first!, second!]);
  const library = page.getByRole('navigation', { name: 'Library' });
  const titleOf = (file: string) => readCorpusFile(file).split('\n')[0]!.trim();
  const open = (file: string) => library.getByRole('button', { name: new RegExp(`^${escapeRegExp(titleOf(file))}`) }).click();
  const highlight = async (file: string) => {
    await open(file);
    // A sentence with a word long enough to search for, picked from the text at run time.
    const sentence = pickSentence(readCorpusFile(file), (s) => /\b[A-Za-z]{9,}\b/.test(s) && !s.includes('"'));
    // The document is open once its text is shown (the click only asks for it).
    await expect(page.locator('.reader-text')).toContainText(sentence.slice(0, 40));
    await selectText(page, sentence);
    await page.getByRole('dialog', { name: /^(New|Edit) highlight$/ }).getByRole('button', { name: 'yellow' }).click();
    await page.keyboard.press('Escape');
    await expect(page.locator('.sidebar .card', { hasText: sentence.slice(0, 30) })).toBeVisible();
    return sentence;
  };
  const firstSentence = await highlight(first!);
  const secondSentence = await highlight(second!);

  // From the second document's card: Link to… the first passage, found by its words.
  const card = page.locator('.sidebar .card', { hasText: secondSentence.slice(0, 30) });
  await card.locator('.card-quote').click();
  await card.getByRole('button', { name: 'Link to…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link this passage to another' });
  // Its own width (links.css), whatever order the views' stylesheets load in: not the 560 px of a form dialog.
  await expect(dialog).toBeVisible();
  expect((await dialog.boundingBox())?.width).toBe(680);
  // Opened from the sidebar and inside it, its title is a dialog's title, not a sidebar section heading.
  await expect(dialog.getByRole('heading', { name: 'Link this passage to another' })).toHaveCSS('text-transform', 'none');
  const words = firstSentence.match(/\b[A-Za-z]{9,}\b/g)!.slice(0, 2).join(' ');
  await dialog.getByRole('searchbox', { name: 'Find the other highlight' }).fill(words);
  const candidate = dialog.getByRole('radio').first();
  // The first search waits for the new documents to be indexed (long on a loaded machine).
  await expect(dialog.locator('.candidate')).toContainText(titleOf(first!), { timeout: 60_000 });
  await candidate.check();
  await dialog.getByRole('combobox', { name: 'Relation' }).selectOption('contradicts');
  await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill('The two texts disagree here');
  await screenshot(page, 'links-01-link-dialog');
  await expectAccessible(page, 'link-dialog');
  await dialog.getByRole('button', { name: 'Link' }).click();
  await expect(dialog).toBeHidden();

  const outgoing = card.locator('.passage-link');
  await expect(outgoing).toContainText('contradicts →');
  await expect(outgoing).toContainText(`in ${titleOf(first!)}`);
  await expect(outgoing).toContainText('The two texts disagree here');
  await screenshot(page, 'links-02-card');

  // Follow it: the first document opens with its passage chosen, and its card shows the link back.
  await outgoing.getByRole('button', { name: new RegExp(escapeRegExp(firstSentence.slice(0, 20))) }).click();
  const back = page.locator('.sidebar .card.active', { hasText: firstSentence.slice(0, 30) });
  await expect(back).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: titleOf(first!) })).toBeVisible();
  const incoming = back.locator('.passage-link');
  await expect(incoming).toContainText('← contradicts');
  await expect(incoming).toContainText(`in ${titleOf(second!)}`);
  await screenshot(page, 'links-03-followed');

  // And back again to the second document.
  await incoming.getByRole('button', { name: new RegExp(escapeRegExp(secondSentence.slice(0, 20))) }).click();
  await expect(page.locator('.sidebar .card.active', { hasText: secondSentence.slice(0, 30) }).locator('.passage-link')).toContainText('contradicts →');

  // Links survive a reload; deleting one offers Undo, which brings it back.
  await page.reload();
  await open(second!);
  const reloaded = page.locator('.sidebar .card', { hasText: secondSentence.slice(0, 30) });
  await expect(reloaded.locator('.passage-link')).toContainText('contradicts →');
  await reloaded.locator('.card-quote').click();
  await reloaded.getByRole('button', { name: 'Delete the link “contradicts”' }).click();
  // The notice comes once main has answered (on a loaded machine the write may wait its turn).
  const deleted = page.locator('.notice', { hasText: 'Link “contradicts” deleted.' });
  await expect(deleted).toBeVisible({ timeout: 30_000 });
  await expect(reloaded.locator('.passage-link')).toHaveCount(0);
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(reloaded.locator('.passage-link')).toContainText('contradicts →');

  // Search finds linked passages by relation.
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.fill('linked:contradicts');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('group', { name: /Your annotations/ })).toHaveAccessibleName(/^Your annotations\s+2$/);
  await search.fill('');
  await page.keyboard.press('Escape');

  // The Links view lists the link and draws the two documents; a node filters the list, by keyboard too.
  await page.getByRole('tab', { name: 'Links' }).click();
  const view = page.getByRole('main', { name: 'Links between passages' });
  const graph = view.getByRole('group', { name: /Documents linked by passages/ });
  await expect(graph.getByRole('button')).toHaveCount(2);
  await expect(view.locator('.links-table tbody tr')).toHaveCount(1);
  await expect(view.locator('.links-table')).toContainText('The two texts disagree here');
  await screenshot(page, 'links-04-view');
  await expectAccessible(page, 'links-view');
  const node = graph.getByRole('button', { name: new RegExp(`^${escapeRegExp(titleOf(first!))}: 1 link`) });
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(node).toHaveAttribute('aria-pressed', 'true');
  await expect(view.getByRole('combobox', { name: 'Document' })).toHaveValue(/.+/);
  await view.getByRole('combobox', { name: 'Relation' }).selectOption('supports');
  await expect(view.locator('.links-table tbody tr')).toHaveCount(0);
  await view.getByRole('combobox', { name: 'Relation' }).selectOption('');
  // Following from the view opens the reader at the passage.
  await view.locator('.links-table').getByRole('button', { name: new RegExp(escapeRegExp(firstSentence.slice(0, 20))) }).click();
  await expect(page.locator('.sidebar .card.active', { hasText: firstSentence.slice(0, 30) })).toBeVisible();
});
