// Two coders on one library: each sets their name in the Coder menu and highlights through it (the
// highlights are saved through the app's own call, which records the coder set in settings); the
// Agreement view shows the figures worked by hand, and a disagreement opens in the reader. Blind
// coding hides the other coder's highlights and says so.
import path from 'node:path';
import { expectAccessible } from './axe';
import { expect, screenshot, test } from './fixtures';
import { api, corpusFiles, escapeRegExp, importFiles, readCorpusFile } from './helpers';

test('two coders, their agreement, a disagreement opened in the reader, blind coding', async ({ app }) => {
  test.setTimeout(360_000); // three axe-core passes: minutes on a busy machine
  const { page } = app;
  const file = corpusFiles()[0]!;
  await importFiles(page, [file]);
  await expect(page.locator('.document-item')).toHaveCount(2);
  const documents = await api<{ id: string; originalName: string; metadata: { title: string } }[]>(page, 'documents.list', {});
  const document = documents.find((d) => d.originalName === path.basename(file))!;
  const opened = { text: await api<{ text: string }>(page, 'documents.text', { id: document.id }) };
  // The whole library is compared: this document and the welcome document (which no one coded).
  let length = 0;
  for (const d of documents) length += (await api<{ text: string }>(page, 'documents.text', { id: d.id })).text.length;
  expect(readCorpusFile(file).length).toBeGreaterThan(200);

  const setCoder = async (name: string) => {
    await page.locator('.coder-menu > summary').click();
    await page.getByLabel('Your name as a coder').fill(name);
    await page.locator('.coder-menu').getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('.coder-menu > summary')).toContainText(name);
    await page.locator('.coder-menu > summary').click();
  };
  const highlight = (id: string, start: number, end: number) =>
    api(page, 'annotations.save', {
      annotation: {
        id,
        documentId: document.id,
        created: new Date().toISOString(),
        modified: new Date().toISOString(),
        target: { selector: [{ type: 'TextPositionSelector', start, end }, { type: 'TextQuoteSelector', exact: opened.text.text.slice(start, end), prefix: '', suffix: '' }] },
        body: { color: 'yellow', note: '', tags: [], principles: ['international-norms'], actors: [] },
      },
    });

  // Ann codes [0,100); Ben codes [50,150). Over the library's N characters, for the one principle:
  // both 50, only Ann 50, only Ben 50, neither N − 150; po = (N − 100)/N; pAnn = pBen = 100/N;
  // pe = (100/N)² + (1 − 100/N)²; kappa = (po − pe)/(1 − pe).
  await setCoder('Ann');
  await highlight('ann-1', 0, 100);
  await setCoder('Ben');
  await highlight('ben-1', 50, 150);
  const po = (length - 100) / length;
  const p = 100 / length;
  const pe = p * p + (1 - p) * (1 - p);
  const kappa = (po - pe) / (1 - pe);

  await page.getByRole('tab', { name: 'Agreement' }).click();
  await page.getByLabel('Coder A').selectOption('Ann');
  await page.getByLabel('Coder B').selectOption('Ben');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('overall-kappa')).toHaveText(kappa.toFixed(3));
  await expect(page.getByTestId('overall-agreement')).toHaveText(`${(po * 100).toFixed(1)}%`);
  const disagreements = page.locator('.disagreements button');
  await expect(disagreements).toHaveCount(2);
  await expect(disagreements.first()).toContainText('only Ann');
  await screenshot(page, 'coders-01-agreement');
  await expectAccessible(page, 'agreement');

  // Ben's extra passage opens in the reader, shown there.
  await disagreements.nth(1).click();
  await expect(page.locator('.reader-head h1')).toHaveText(new RegExp(escapeRegExp(document.metadata.title)));
  await expect(page.getByRole('complementary', { name: 'Annotations' }).locator('.count').first()).toHaveText('2');
  await screenshot(page, 'coders-02-reader');

  // Blind coding: only Ben's highlight, and a notice saying the other one is hidden.
  await page.locator('.coder-menu > summary').click();
  await page.getByLabel('Blind coding: show only my highlights').check();
  await page.locator('.coder-menu > summary').click();
  await expect(page.getByRole('status').filter({ hasText: 'Blind coding is on' })).toContainText('1 other highlight hidden');
  await expect(page.getByRole('complementary', { name: 'Annotations' }).locator('h2 .count')).toHaveText('1');
  await screenshot(page, 'coders-03-blind');
  await expectAccessible(page, 'reader-blind-coding');
  await page.locator('.coder-menu > summary').click();
  await expect(page.getByLabel('Your name as a coder')).toBeVisible();
  await expectAccessible(page, 'coder-menu');
});
