// Every screen checked with axe-core as a person would reach it: the library, the reader's text view
// with a highlight being linked to the codebook, search and its completion, every analysis view, the
// import/export menu and dialog, the library health dialog, the documents table with collections, the
// codebook view, memos (links, agreement, the coder menu and sync are checked in their own specs); then the PDF page view with its menus, side panel and the offer of a PDF's own
// annotations. Highlights must be announced with their coding in both views. A serious or critical
// violation on any screen fails the test (each screen is checked softly, so one run lists them all,
// each under its screen's name). A new screen gets its own expectAccessible call here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeFlowingPdf } from '../main/services/import/pdf-fixtures';
import { expectAccessible } from './axe';
import { expect, repoRoot, test } from './fixtures';
import { api, corpusFiles, escapeRegExp, importFiles, pickSentence, readCorpusFile, selectText } from './helpers';
import { corpusParagraphs, pdfFile, selectInPdf, sentenceInParagraph, showSentence } from './pdf-helpers';

test('library, reader, highlight editor with the codebook, search, import/export and health pass axe-core', async ({ app }) => {
  test.setTimeout(360_000); // axe-core reads the whole page at each screen: minutes on a busy machine
  const { page } = app;
  await expectAccessible(page, 'library-new');

  const files = corpusFiles();
  await importFiles(page, files);
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.locator('.document-item')).toHaveCount(files.length + 1);
  const file = files.find((f) => /\bUnited States\b/.test(readCorpusFile(f)) && /^[^\n]{10,120}\n/.test(readCorpusFile(f)))!;
  const text = readCorpusFile(file);
  const title = text.split('\n')[0]!.trim();
  await library.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectAccessible(page, 'reader-text');

  // The highlight editor: colours, the codebook's principles and actors with stance, tags, note.
  await selectText(page, pickSentence(text, (s) => /\bUnited States\b/.test(s)));
  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await expect(popover).toBeVisible();
  const principle = popover.getByRole('checkbox').first();
  // The label ends with the number key that links the principle; the name is before it.
  const principleName = (await principle.locator('xpath=..').innerText()).replace(/\s*\d$/, '').trim();
  await principle.check();
  await popover.getByRole('button', { name: '+ United States' }).click();
  await popover.getByRole('combobox', { name: 'Stance of United States' }).selectOption('supports');
  await popover.getByPlaceholder('Your note on this passage').fill('Checked by axe');
  await expectAccessible(page, 'highlight-editor');
  await popover.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('complementary', { name: 'Annotations' }).locator('.card')).toHaveCount(1);
  // A screen reader announces the highlight with its coding.
  await expect(page.locator('.reader-text mark.hl')).toHaveAttribute(
    'aria-description',
    `Highlight. Principles: ${principleName}. Actors: United States (supports). Checked by axe`,
  );
  await expectAccessible(page, 'reader-text-highlighted');

  const search = page.getByRole('searchbox', { name: 'Search annotations and sources' });
  await search.fill('cyber norms');
  await expect(page.getByRole('region', { name: 'Search results panel' }).locator('.hit').first()).toBeVisible();
  await expectAccessible(page, 'search');
  // Completing a field's value, over the results.
  await search.pressSequentially(' doc:par', { delay: 20 });
  await expect(page.getByRole('listbox', { name: 'Completions' }).getByRole('option').first()).toBeVisible();
  await expectAccessible(page, 'search-completion');
  await search.press('Escape');

  await page.getByText('Import / Export').click();
  await expect(page.getByRole('menuitem', { name: 'Export…' })).toBeVisible();
  await expectAccessible(page, 'import-export-menu');
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await expect(exportDialog).toBeVisible();
  await expectAccessible(page, 'export-dialog');
  await exportDialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(exportDialog).toBeHidden();

  await page.locator('.health-button').click();
  const health = page.getByRole('dialog', { name: 'Library health' });
  await expect(health).toBeVisible();
  await expectAccessible(page, 'library-health');
  await page.keyboard.press('Escape');
});

test('analysis, the documents table with collections, the codebook view and memos pass axe-core', async ({ app }) => {
  test.setTimeout(360_000);
  const { page } = app;
  const files = corpusFiles();
  await importFiles(page, files);
  await expect(page.getByRole('navigation', { name: 'Library' }).locator('.document-item')).toHaveCount(files.length + 1);
  // One coded passage (a principle and an actor), so every chart has a mark to press.
  const documents = await api<{ id: string; originalName: string }[]>(page, 'documents.list', {});
  const coded = documents.find((d) => d.originalName === path.basename(files[0]!))!;
  const text = await api<{ text: string }>(page, 'documents.text', { id: coded.id });
  const quote = text.text.match(/[A-Z][^.!?\n]{40,200}[.!?]/)![0];
  const start = text.text.indexOf(quote);
  const codebook = await api<{ principles: { id: string }[]; actors: { id: string }[] }>(page, 'codebook.get', {});
  const now = new Date().toISOString();
  await api(page, 'annotations.save', {
    annotation: {
      id: 'e2e-accessibility-1',
      documentId: coded.id,
      created: now,
      modified: now,
      target: { selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start, end: start + quote.length }] },
      body: { color: 'yellow', note: 'Checked by axe', tags: [], principles: [codebook.principles[0]!.id], actors: [{ actorId: codebook.actors[0]!.id, stance: 'supports' }] },
    },
  });

  await page.getByRole('tab', { name: 'Analysis' }).click();
  const chart = page.getByTestId('analysis-chart');
  await expect(chart.locator('svg')).toBeVisible();
  await expectAccessible(page, 'analysis-matrix');
  await chart.locator('[data-cell]').first().click();
  await expect(page.getByRole('complementary', { name: 'Passages' })).toBeVisible();
  await expectAccessible(page, 'analysis-passages');
  for (const view of ['Coverage by source', 'Frequencies', 'Timeline']) {
    await page.getByRole('navigation', { name: 'Analysis views' }).getByRole('button', { name: view }).click();
    await expect(chart.locator('svg').first()).toBeVisible();
    await expectAccessible(page, `analysis-${view.split(' ')[0]!.toLowerCase()}`);
  }

  // The documents table with a collection of one's own.
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page.getByRole('grid', { name: 'Documents' }).locator('.dt-row')).toHaveCount(files.length + 1);
  await expectAccessible(page, 'documents-table');
  const collections = page.getByRole('navigation', { name: 'Collections' });
  await collections.getByRole('button', { name: 'New collection' }).click();
  await collections.getByRole('textbox', { name: 'Name of the new collection' }).fill('Checked by axe');
  await expectAccessible(page, 'collections-new');
  await collections.getByRole('textbox', { name: 'Name of the new collection' }).press('Enter');
  await collections.getByRole('button', { name: /^Checked by axe/ }).click();
  await expect(page.getByRole('button', { name: 'Delete collection' })).toBeVisible();
  await expectAccessible(page, 'collection-chosen');

  // The codebook view: principles, then actors.
  await page.getByRole('tab', { name: 'Codebook' }).click();
  await expect(page.getByRole('tab', { name: /^Principles/ })).toBeVisible();
  await expectAccessible(page, 'codebook-principles');
  await page.getByRole('tab', { name: /^Actors/ }).click();
  await expectAccessible(page, 'codebook-actors');

  // Memos, with one being written (its Markdown preview beside it).
  await page.getByRole('tab', { name: 'Memos' }).click();
  const memos = page.getByRole('region', { name: 'Memos' });
  await memos.getByRole('button', { name: 'New memo' }).first().click();
  const memo = page.getByRole('form', { name: 'New memo' });
  await memo.getByLabel('Title').fill('Checked by axe');
  await memo.getByLabel('Text (Markdown)').fill('# Heading\n\nSome **bold** text.');
  await expect(memo.getByLabel('Preview').locator('strong')).toHaveText('bold');
  await expectAccessible(page, 'memos');
});

test('the PDF page view, its menus and side panel, and the offer of a PDF’s own annotations pass axe-core', async ({ app }) => {
  test.setTimeout(360_000); // axe-core reads the whole page at each screen: minutes on a busy machine
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 6);
  const report = await makeFlowingPdf(paragraphs, { info: { title: 'Accessible report' }, outline: [{ title: 'Opening', paragraph: 0 }] });
  await importFiles(page, [
    pdfFile('report.pdf', report.bytes),
    pdfFile('annotation-highlight.pdf', await readFile(path.join(repoRoot, 'test-data', 'pdfjs', 'annotation-highlight.pdf'))),
  ]);
  const offer = page.getByRole('dialog', { name: 'This PDF has annotations' });
  await expect(offer).toBeVisible();
  await expectAccessible(page, 'pdf-marks-offer');
  await offer.getByRole('button', { name: 'Import annotations' }).click();
  await expect(offer).toBeHidden();

  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Accessible report/ }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await expectAccessible(page, 'reader-page-view');

  const sentence = sentenceInParagraph(report, paragraphs, 1);
  await showSentence(page, sentence);
  await selectInPdf(page, sentence.from, sentence.to);
  const popover = page.getByRole('dialog', { name: /^(New|Edit) highlight$/ });
  await expect(popover).toBeVisible();
  const pdfPrinciple = popover.getByRole('checkbox').first();
  const pdfPrincipleName = (await pdfPrinciple.locator('xpath=..').innerText()).replace(/\s*\d$/, '').trim();
  await pdfPrinciple.check();
  await expectAccessible(page, 'pdf-highlight-editor');
  await popover.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.sidebar .card')).toHaveCount(1);
  // The page's highlights are drawn as boxes; a screen reader reads them as a list on the page.
  await expect(page.getByRole('list', { name: /^Highlights on page \d+$/ }).getByRole('listitem')).toContainText(
    `Highlight. Principles: ${pdfPrincipleName}. On: “${sentence.sentence.slice(0, 30)}`,
  );

  await page.locator('.pdf-file-menu summary').click();
  await expect(page.getByRole('menuitem', { name: 'Export PDF with annotations…' })).toBeVisible();
  await expectAccessible(page, 'pdf-file-menu');
  await page.locator('.pdf-file-menu summary').click();

  await page.getByRole('button', { name: /Pages/ }).first().click();
  await expect(page.getByRole('complementary', { name: 'Pages and outline' })).toBeVisible();
  await expectAccessible(page, 'pdf-side-panel');

  await page.getByRole('button', { name: 'Text view' }).click();
  await expect(page.locator('.reader-text')).toBeVisible();
  await expectAccessible(page, 'pdf-text-view');
});
