// A library of 5,000 documents: the list draws only the rows on screen, scrolls to the end, opens the
// document clicked there, and is walked with the keyboard.
import { generateLibrary, vocabulary } from '../scripts/bench/synthetic-library';
import { expect, screenshot, test } from './fixtures';

test('a 5,000-document library list scrolls and opens a document', async ({ app }) => {
  test.setTimeout(300_000); // writing and opening 5,000 documents takes a while on a busy machine
  await app.stop();
  generateLibrary(app.libraryDir, { documents: 5_000, annotations: 5_000, words: { min: 20, max: 60 } }, vocabulary(2_000));
  await app.start();
  const { page } = app;
  const list = page.getByRole('list', { name: '5000 documents' });
  await expect(list).toBeVisible({ timeout: 60_000 });
  const drawn = await list.getByRole('listitem').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(100);

  // Scrolled to the end: the oldest document is drawn there, and opens.
  await page.locator('.document-list').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = list.locator('li[aria-posinset="5000"]');
  await expect(last).toBeVisible();
  const title = (await last.locator('.document-title').textContent())!;
  await last.getByRole('button').click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(last.getByRole('button')).toHaveAttribute('aria-current', 'page');
  await screenshot(page, 'library-01-5000-documents-end');

  // The keyboard walks the whole list: Home goes to the first document, drawn anew, Down to the next.
  await last.getByRole('button').press('Home');
  const first = list.locator('li[aria-posinset="1"] button');
  await expect(first).toBeFocused();
  await first.press('ArrowDown');
  await expect(list.locator('li[aria-posinset="2"] button')).toBeFocused();
  await page.keyboard.press('End');
  await expect(last.getByRole('button')).toBeFocused();
  expect(await list.getByRole('listitem').count()).toBeLessThan(100);
});
