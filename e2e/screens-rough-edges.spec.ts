// Rough edges outside the reader, found by a run through the app as a user would: the search panel in
// a 1400 px window and its completions over the result summary, exports that listed the built-in
// welcome document and called every PDF a journal article, and the analysis coverage table that
// clipped dates and cut long principle names.
import { makePdf } from '../main/services/import/pdf-fixtures';
import type { Codebook, LibraryDocument } from '../shared/model';
import { saveNextExport } from './export-helpers';
import { expect, screenshot, test } from './fixtures';
import { api, corpusFiles, importFiles } from './helpers';
import { corpusParagraphs, pdfFile } from './pdf-helpers';

test('in a 1400 px window the search panel fits, and completions leave the result summary in view', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1400, height: 900 });
  await importFiles(page, corpusFiles());
  await expect(page.getByRole('navigation', { name: 'Library' }).locator('.document-item')).toHaveCount(corpusFiles().length + 1);
  // Every control of the top bar is in the window: the page never scrolls sideways (with the Sync,
  // Coder and theme controls the bar was 1,700 px wide and pushed them out of a 1400 px window).
  for (const width of [1400, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const control of await page.locator('.topbar > :visible').all()) {
      const controlBox = (await control.boundingBox())!;
      expect(controlBox.x + controlBox.width, await control.innerText()).toBeLessThanOrEqual(width);
    }
  }
  await page.setViewportSize({ width: 1400, height: 900 });

  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.click();
  await search.pressSequentially('cyber norms', { delay: 20 });
  const panel = page.getByRole('region', { name: 'Search results panel' });
  await expect(panel.locator('.hit').first()).toBeVisible();
  const box = (await page.locator('.search-dropdown').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1400);
  // Snippets are not cut by the window's edge.
  for (const hit of await panel.locator('.hit-snippet').all()) {
    const hitBox = (await hit.boundingBox())!;
    expect(hitBox.x + hitBox.width).toBeLessThanOrEqual(1400);
  }
  await screenshot(page, 'screens-01-search-1400');

  // Completing a field value: the list of values does not cover the count of results.
  await search.pressSequentially(' doc:par', { delay: 20 });
  const completions = page.getByRole('listbox', { name: 'Completions' });
  await expect(completions.getByRole('option').first()).toBeVisible();
  const summary = page.locator('.search-summary');
  await expect(summary).toBeVisible();
  // No part of the summary (its count, its Save search… button) lies under the list: a probe at one
  // point of it missed a list drawn over its right-hand end.
  const s = (await summary.boundingBox())!;
  const c = (await completions.boundingBox())!;
  await screenshot(page, 'screens-02-search-completions');
  const overlap = c.x + 1 < s.x + s.width && s.x + 1 < c.x + c.width && c.y + 1 < s.y + s.height && s.y + 1 < c.y + c.height;
  expect(overlap, `completions at ${JSON.stringify(c)} over the summary at ${JSON.stringify(s)}`).toBe(false);
});

test('references exported from the library leave out the welcome document and make no journal articles up', async ({ app }) => {
  const { page } = app;
  await importFiles(page, [pdfFile('briefing.pdf', await makePdf([corpusParagraphs().slice(0, 2)], { title: 'A policy briefing', author: 'Jane Smith' }))]);
  await expect(page.getByRole('navigation', { name: 'Library' }).locator('.document-item')).toHaveCount(2);
  await page.getByText('Import / Export').click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel(/BibTeX/).check();
  await dialog.getByLabel(/The whole library/).check();
  const bib = await saveNextExport(app, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
  expect(bib.text).not.toContain('Welcome to Apostil');
  expect(bib.text).toMatch(/^@misc\{/);
  expect(bib.text).toContain('title = {A policy briefing}');
  expect(bib.text).not.toContain('@article');
});

test('the coverage table shows whole dates and whole principle names', async ({ app }) => {
  const { page } = app;
  const longName = 'Protection of the general availability and integrity of the public core of the internet';
  const codebook = await api<Codebook>(page, 'codebook.get', {});
  const created = await api<{ codebook: Codebook }>(page, 'codebook.edit', {
    edit: { kind: 'principle.create', fields: { name: longName, color: '#2f6fba' }, parentId: null },
  });
  const longId = created.codebook.principles.find((p) => p.name === longName)!.id;
  const text = 'States should protect the public core of the internet. Companies agree that norms matter.';
  await importFiles(page, [{ name: 'norms.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  await expect(page.getByRole('navigation', { name: 'Library' }).locator('.document-item')).toHaveCount(2);
  const document = (await api<LibraryDocument[]>(page, 'documents.list', {})).find((d) => d.originalName === 'norms.txt')!;
  await api(page, 'documents.updateMetadata', { id: document.id, metadata: { ...document.metadata, title: 'Norms for the public core of the internet, a commentary', date: '2018-11-12' } });
  const quote = 'States should protect the public core of the internet.';
  await api(page, 'annotations.save', {
    annotation: {
      id: 'a1',
      documentId: document.id,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      target: { selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 0, end: quote.length }] },
      body: { color: 'yellow', note: '', tags: [], principles: [longId, codebook.principles[0]!.id], actors: [] },
    },
  });

  await page.getByRole('tab', { name: 'Analysis' }).click();
  await page.getByRole('button', { name: 'Coverage by source' }).click();
  // An interactive chart is a group of buttons (an image when exported).
  const chart = page.getByRole('group', { name: 'Principle coverage by source' });
  await expect(chart.locator('[data-cell]').first()).toBeVisible();
  await screenshot(page, 'screens-03-coverage');

  // The date is written out whole and ends before the first column of counts.
  const layout = await chart.evaluate((svg, { longName }) => {
    // What a text shows (its own text, not its <title> tooltip).
    const shown = (t: Element) => [...t.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
    const texts = [...svg.querySelectorAll('text')];
    const date = texts.find((t) => shown(t) === '2018-11-12');
    const firstCell = svg.querySelector('[data-cell] rect')!.getBoundingClientRect();
    const heading = texts.find((t) => shown(t).startsWith(longName.slice(0, 20)));
    const box = svg.getBoundingClientRect();
    const h = heading?.getBoundingClientRect();
    return {
      dateRight: date ? date.getBoundingClientRect().right : null,
      firstCellLeft: firstCell.left,
      heading: heading ? shown(heading) : null,
      headingInside: h ? h.left >= box.left && h.right <= box.right && h.top >= box.top && h.bottom <= box.bottom : false,
    };
  }, { longName });
  expect(layout.dateRight).not.toBeNull();
  expect(layout.dateRight!).toBeLessThanOrEqual(layout.firstCellLeft);
  // The long principle name can be read: whole, inside the picture.
  expect(layout.heading).toContain(longName);
  expect(layout.headingInside).toBe(true);
});
