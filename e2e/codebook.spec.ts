// A codebook of one's own: built from empty, three levels deep, then used to code passages by keyboard;
// two actors merged; the codebook exported as a REFI-QDA file and brought back; colour as meaning.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { corpusFiles, escapeRegExp, importFiles, pickSentence, readCorpusFile, selectText } from './helpers';

async function addPrinciple(page: Page, name: string, inside: string | null) {
  const form = page.locator('form.add-code');
  await form.getByRole('textbox', { name: 'Name of a new principle' }).fill(name);
  await form.getByRole('combobox', { name: 'Where the new principle goes' }).selectOption(inside ? 'inside' : 'top');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('treeitem', { name: new RegExp(escapeRegExp(name)) })).toBeVisible();
}

async function addActor(page: Page, name: string) {
  const form = page.locator('form.add-code');
  await form.getByRole('textbox', { name: 'Name of a new actor' }).fill(name);
  await form.getByRole('combobox', { name: 'Kind of the new actor' }).selectOption('state');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('option', { name: new RegExp(`${escapeRegExp(name)} State`) })).toBeVisible();
}

test('build a codebook from empty, code by keyboard, merge two actors, and take the codebook out and back in', async ({ app }) => {
  test.setTimeout(240_000); // a long journey, on a machine that may be busy
  const { page } = app;
  const file = corpusFiles().find((f) => /\bUnited States\b/.test(readCorpusFile(f)) && /^[^\n]{10,120}\n/.test(readCorpusFile(f)))!;
  const text = readCorpusFile(file);
  await importFiles(page, [file]);
  await expect(page.getByRole('status')).toContainText('1 imported');

  // An empty codebook, then three levels of principles.
  await page.getByRole('tab', { name: 'Codebook' }).click();
  await page.getByRole('button', { name: 'An empty codebook' }).click();
  await expect(page.getByRole('tab', { name: 'Principles (0)' })).toBeVisible();
  await addPrinciple(page, 'Security', null);
  await addPrinciple(page, 'Supply chain', 'Security');
  await addPrinciple(page, 'Firmware', 'Supply chain');
  await addPrinciple(page, 'Elections', null);
  const tree = page.getByRole('tree', { name: 'Principles' });
  await expect(tree.getByRole('treeitem')).toHaveText([/Security/, /Supply chain/, /Firmware/, /Elections/]);
  expect(await tree.getByRole('treeitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-level')))).toEqual(['1', '2', '3', '1']);

  // Describe one: every field saves when left.
  await tree.getByRole('treeitem', { name: /Security/ }).click();
  const details = page.locator('.code-details');
  await details.getByRole('textbox', { name: 'Definition' }).fill('Keeping systems and the people who rely on them safe.');
  await details.getByRole('textbox', { name: 'When to use' }).fill('Attacks on systems, and defences against them.');
  await details.getByRole('textbox', { name: 'When not to use' }).fill('Physical security alone.');
  await details.getByRole('textbox', { name: 'Example' }).click();
  await details.getByRole('button', { name: 'Colour #2e9b5f' }).click();
  await expect(tree.getByRole('treeitem', { name: /Security/ }).locator('.principle-dot')).toHaveCSS('background-color', 'rgb(46, 155, 95)');

  // Reorder by keyboard: Elections up above Security, and back down.
  await tree.getByRole('treeitem', { name: /Elections/ }).click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(tree.getByRole('treeitem')).toHaveText([/Elections/, /Security/, /Supply chain/, /Firmware/]);
  await expect(tree.getByRole('treeitem', { name: /Elections/ })).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(tree.getByRole('treeitem')).toHaveText([/Security/, /Supply chain/, /Firmware/, /Elections/]);

  // Actors: the one a text calls "USA" was added twice over.
  await page.getByRole('tab', { name: /^Actors/ }).click();
  await addActor(page, 'United States');
  await addActor(page, 'USA');
  await screenshot(page, 'codebook-01-built');

  // Code two passages by keyboard: 1 is Security, 3 Firmware (tree order); Shift+1 United States, Shift+2 USA.
  await page.getByRole('tab', { name: 'Library & reader' }).click();
  const title = text.split('\n')[0]!.trim();
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) }).click();
  const sentences = [pickSentence(text, (s) => /\bUnited States\b/.test(s)), pickSentence(text, (s) => !/\bUnited States\b/.test(s) && /\bthe\b/.test(s))];
  await selectText(page, sentences[0]!);
  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await expect(popover).toBeVisible();
  await page.keyboard.press('1');
  await page.keyboard.press('Shift+Digit2');
  await expect(popover.getByRole('checkbox', { name: 'Security' })).toBeChecked();
  await expect(popover.locator('.actor-links')).toContainText('USA');
  await screenshot(page, 'codebook-02-coded-by-keyboard');
  await page.keyboard.press('Escape');
  await selectText(page, sentences[1]!);
  await expect(popover).toBeVisible();
  await page.keyboard.press('3');
  await page.keyboard.press('Shift+Digit1');
  await page.keyboard.press('Escape');
  const cards = page.getByRole('complementary', { name: 'Annotations' }).locator('.card');
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: 'Firmware' })).toContainText('United States');
  await expect(cards.filter({ hasText: 'Security' })).toContainText('USA');

  // The shortcut list names the keys; the command palette runs a command by name.
  await page.locator('.reader-scroll').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toContainText('Link or unlink the principle “Firmware”');
  await expect(shortcuts).toContainText('Show all commands');
  await screenshot(page, 'codebook-03-shortcuts');
  await shortcuts.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  await palette.getByRole('combobox', { name: 'Type a command' }).fill('show codebook');
  await screenshot(page, 'codebook-04-palette');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Codebook' })).toBeVisible();

  // Merge "USA" into "United States": its passage is recoded, its name becomes an alias.
  await page.getByRole('tab', { name: /^Actors/ }).click();
  const actors = page.getByRole('listbox', { name: 'Actors' });
  await actors.getByRole('option', { name: /USA/ }).click();
  await page.getByRole('button', { name: 'Merge into…' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge “USA” into…' });
  await merge.getByRole('combobox', { name: 'The actor that stays' }).selectOption({ label: 'United States' });
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByRole('status')).toContainText('Merged “USA” into “United States”: 1 passage recoded.');
  await expect(actors.getByRole('option')).toHaveCount(1);
  await expect(actors.getByRole('option', { name: /United States/ }).locator('.code-count')).toHaveText('2');
  await expect(page.locator('.code-details').getByRole('textbox', { name: /Aliases/ })).toHaveValue('USA');
  await expect(page.locator('.code-details .code-passages li')).toHaveCount(2);
  await screenshot(page, 'codebook-05-merged');

  // Export the codebook as .qdc, and bring it back: every code is matched by name, nothing added.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export codebook (.qdc)' }).click();
  const saved = await (await download).path();
  const qdc = await readFile(saved, 'utf8');
  expect(qdc).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
  expect(qdc).toContain('name="Firmware"');
  await page.getByTestId('import-codebook-input').first().setInputFiles({ name: 'mine.qdc', mimeType: 'application/xml', buffer: Buffer.from(qdc) });
  const importing = page.getByRole('dialog', { name: 'Import mine.qdc' });
  await expect(importing).toContainText('It holds 4 principles and 1 actor: 5 of them have a namesake in your codebook, 0 are new.');
  await screenshot(page, 'codebook-06-import');
  await importing.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported the codebook of mine.qdc, merged by name (5 matched, 0 added).');

  // Colour as meaning: highlights take their first principle's colour, with a legend.
  await page.getByRole('checkbox', { name: 'Colour highlights by their first principle' }).check();
  await page.getByRole('tab', { name: 'Library & reader' }).click();
  const legend = page.getByRole('group', { name: /Highlight colours/ });
  await expect(legend).toContainText('Security');
  await expect(legend).toContainText('Firmware');
  const securityMark = page.locator('.reader-text mark.hl-tint', { hasText: sentences[0]!.slice(0, 20) });
  await expect(securityMark).toHaveAttribute('style', /--hl-tint: #2e9b5f/);
  await screenshot(page, 'codebook-07-colour-by-meaning');

  // Recolouring the principle recolours its highlights.
  await page.getByRole('tab', { name: 'Codebook' }).click();
  await page.getByRole('tree', { name: 'Principles' }).getByRole('treeitem', { name: /Security/ }).click();
  await page.locator('.code-details').getByRole('button', { name: 'Colour #d97a00' }).click();
  await page.getByRole('tab', { name: 'Library & reader' }).click();
  await expect(securityMark).toHaveAttribute('style', /--hl-tint: #d97a00/);
});

test('deleting a principle in use asks what becomes of its passages, and undo brings them back', async ({ app }) => {
  const { page } = app;
  await page.locator('.document-item').first().click();
  const paragraph = (await page.locator('.reader-text p.block').first().textContent())!;
  await selectText(page, paragraph.slice(0, 40).trim());
  await page.keyboard.press('1'); // the first Paris Call principle
  await page.keyboard.press('Escape');
  await expect(page.locator('.sidebar .card')).toContainText('Protect individuals and infrastructure');

  await page.getByRole('tab', { name: 'Codebook' }).click();
  const tree = page.getByRole('tree', { name: 'Principles' });
  await tree.getByRole('treeitem', { name: /Protect individuals and infrastructure/ }).click();
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete “Protect individuals and infrastructure”?' });
  await expect(dialog).toContainText('codes 1 passage');
  await dialog.getByRole('radio', { name: /Recode it to another principle/ }).check();
  await dialog.getByRole('combobox', { name: 'Recode to' }).selectOption({ label: 'Cyber hygiene' });
  await screenshot(page, 'codebook-08-delete');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toContainText('Deleted “Protect individuals and infrastructure”: 1 passage recoded to “Cyber hygiene”.');
  await expect(tree.getByRole('treeitem')).toHaveCount(8);
  await expect(tree.getByRole('treeitem', { name: /Cyber hygiene/ }).locator('.code-count')).toHaveText('1');

  await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expect(tree.getByRole('treeitem')).toHaveCount(9);
  await page.getByRole('tab', { name: 'Library & reader' }).click();
  await expect(page.locator('.sidebar .card')).toContainText('Protect individuals and infrastructure');
});
