// The main path walked with the keyboard alone: import a file, open it, select a passage with Shift+arrows,
// link a principle and write a note, find it again with search, and follow it in Analysis back to the
// reader. Every control the Tab key passes on the way must show that it has focus.
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { corpusFiles, escapeRegExp, readCorpusFile } from './helpers';

/** Where the focus is, in words, for messages. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing';
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} “${name}”`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus; each element focused on the way that draws no
 * focus outline or ring, or has no size on screen, is added to `unseen`.
 */
async function tabTo(page: Page, target: Locator, unseen: string[], { backward = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backward ? 'Shift+Tab' : 'Tab');
    const shown = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return true;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return ring && box.width > 0 && box.height > 0;
    });
    if (!shown) unseen.push(await focusedName(page));
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${max} presses of ${backward ? 'Shift+Tab' : 'Tab'} did not reach ${target.toString()}; the focus is on ${await focusedName(page)}.`);
}

test('import, open, select, code, search and analyse with the keyboard alone, the focus always visible', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  const unseen: string[] = [];
  const file = corpusFiles().find((f) => /^[^\n]{10,120}\n/.test(readCorpusFile(f)))!;
  const title = readCorpusFile(file).split('\n')[0]!.trim();

  // Import… opens the file chooser from the keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Import…' }), unseen);
  await screenshot(page, 'keyboard-01-import-focused');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(file);
  const library = page.getByRole('navigation', { name: 'Library' });
  const entry = library.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) });
  await expect(entry).toBeVisible();

  // Open it.
  await tabTo(page, entry, unseen);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // Select from the top of the text with Shift+arrows; letting go of Shift offers the highlight editor.
  const text = page.getByRole('region', { name: 'Document text' });
  await tabTo(page, text, unseen);
  await page.keyboard.down('Shift');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const popover = page.getByRole('dialog', { name: 'New highlight' });
  await expect(popover).toBeHidden(); // not while Shift is still held
  await page.keyboard.up('Shift');
  await expect(popover).toBeVisible();
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  expect(selected.length, 'Shift+arrows select text').toBeGreaterThan(20);
  await screenshot(page, 'keyboard-02-selected');

  // Key 1 links the first principle; the note field and Done are reached with Tab.
  await page.keyboard.press('1');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  const linked = editor.getByRole('checkbox', { checked: true });
  await expect(linked).toHaveCount(1);
  const principle = (await linked.locator('xpath=..').innerText()).replace(/\s*\d$/, '').trim();
  await tabTo(page, editor.getByPlaceholder('Your note on this passage'), unseen);
  await page.keyboard.type('Typed without a mouse');
  await screenshot(page, 'keyboard-03-coded');
  await tabTo(page, editor.getByRole('button', { name: 'Done' }), unseen);
  await page.keyboard.press('Enter');
  await expect(editor).toBeHidden();
  const cards = page.getByRole('complementary', { name: 'Annotations' }).locator('.card');
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('Typed without a mouse');
  // The focus goes back to the text, where the user was.
  await expect(text).toBeFocused();
  // A screen reader announces the highlight with its principle and note.
  await expect(page.locator('.reader-text mark.hl').first()).toHaveAttribute(
    'aria-description',
    `Highlight. Principles: ${principle}. Typed without a mouse`,
  );

  // Ctrl+K, type, Enter: the best hit (the note just written) opens, selected.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await expect(search).toBeFocused();
  await page.keyboard.type('without a mouse');
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toContainText('Typed without a mouse');
  await screenshot(page, 'keyboard-04-search');
  await page.keyboard.press('Enter');
  await expect(page.locator('.reader-text mark.hl-active').first()).toBeVisible();

  // Analysis, a chart mark, its passages, and back to the reader.
  await tabTo(page, page.getByRole('tab', { name: 'Analysis' }), unseen, { backward: true });
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('navigation', { name: 'Analysis views' }).getByRole('button', { name: 'Coverage by source' }), unseen);
  await page.keyboard.press('Enter');
  const cell = page.getByTestId('analysis-chart').getByRole('button', { name: `${title} · ${principle}: 1 passage` });
  await expect(cell).toBeVisible();
  await tabTo(page, cell, unseen);
  await screenshot(page, 'keyboard-05-chart-mark-focused');
  await page.keyboard.press('Enter');
  const passages = page.getByRole('complementary', { name: 'Passages' });
  const passage = passages.getByRole('button', { name: /Open in the reader|./ }).filter({ hasText: title }).first();
  await expect(passage).toBeVisible();
  await tabTo(page, passage, unseen);
  await screenshot(page, 'keyboard-06-passage-focused');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('.reader-text mark.hl-active').first()).toBeVisible();

  expect(unseen, 'controls that took the focus without showing it').toEqual([]);
});
