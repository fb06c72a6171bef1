// From annotations to a literature review: the five corpus articles annotated (through the API, from
// the page, to keep it fast), the principle × actor matrix built and drilled into, a passage opened in
// the reader, every analysis view looked at, and a Markdown bibliography and a CSV of coded passages
// exported and read back. Then references waiting for their file, and an annotation file imported.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { expect, screenshot, screenshotDir, test } from './fixtures';
import { saveNextExport } from './export-helpers';
import { api, corpusFiles, importFiles } from './helpers';

interface Doc {
  id: string;
  originalName: string;
  metadata: { title: string; date: string | null } & Record<string, unknown>;
}

const PLAN: { actor: string; name: RegExp; principle: string; stance: string }[] = [
  { actor: 'united-states', name: /\b(United States|U\.S\.|US)\b/, principle: 'protect-individuals-infrastructure', stance: 'opposes' },
  { actor: 'france', name: /\b(France|French)\b/, principle: 'protect-individuals-infrastructure', stance: 'supports' },
  { actor: 'microsoft', name: /\bMicrosoft\b/, principle: 'protect-internet-core', stance: 'supports' },
  { actor: 'russia', name: /\bRussia\b/, principle: 'defend-electoral-processes', stance: 'mixed' },
  { actor: 'china', name: /\bChina\b/, principle: 'protect-individuals-infrastructure', stance: 'mentions' },
];

interface Made {
  documentId: string;
  title: string;
  quote: string;
  actor: string;
  principle: string;
  stance: string;
}

async function annotateCorpus(page: Page): Promise<Made[]> {
  const documents = await api<Doc[]>(page, 'documents.list', {});
  const made: Made[] = [];
  const dates = ['2018-11', '2019-04', '2019', '2020-06', '2018-12'];
  let n = 0;
  for (const [i, file] of corpusFiles().entries()) {
    const document = documents.find((d) => d.originalName === path.basename(file))!;
    await api(page, 'documents.updateMetadata', { id: document.id, metadata: { ...document.metadata, date: dates[i] } });
    const text = await api<{ text: string }>(page, 'documents.text', { id: document.id });
    const sentences = [...text.text.matchAll(/(?<=^|[.!?]\s+|\n)[A-Z][^.!?\n]{30,260}[.!?](?=\s|$)/g)];
    for (const step of PLAN) {
      const sentence = sentences.find((s) => step.name.test(s[0]) && !made.some((m) => m.documentId === document.id && m.quote === s[0].trim()));
      if (!sentence) continue;
      const quote = sentence[0].trim();
      const start = sentence.index! + sentence[0].indexOf(quote);
      const end = start + quote.length;
      await api(page, 'annotations.save', {
        annotation: {
          id: `e2e-${++n}`,
          documentId: document.id,
          created: new Date().toISOString(),
          modified: new Date().toISOString(),
          target: {
            selector: [
              { type: 'TextQuoteSelector', exact: quote, prefix: text.text.slice(Math.max(0, start - 32), start), suffix: text.text.slice(end, end + 32) },
              { type: 'TextPositionSelector', start, end },
            ],
          },
          body: { color: 'yellow', note: `Checked passage ${n}`, tags: n % 2 ? ['review'] : [], principles: [step.principle], actors: [{ actorId: step.actor, stance: step.stance }] },
        },
      });
      made.push({ documentId: document.id, title: document.metadata.title, quote, actor: step.actor, principle: step.principle, stance: step.stance });
    }
  }
  return made;
}

test('annotated corpus: matrix, drill-down, every view, a Markdown bibliography and a CSV', async ({ app }) => {
  const { page } = app;
  const files = corpusFiles();
  await importFiles(page, files);
  await expect(page.locator('.document-item')).toHaveCount(files.length + 1);
  const made = await annotateCorpus(page);
  expect(made.length).toBeGreaterThanOrEqual(10);
  expect(new Set(made.map((m) => m.documentId)).size).toBe(5);

  await page.getByRole('tab', { name: 'Analysis' }).click();
  const chart = page.getByTestId('analysis-chart');
  await expect(chart.locator('svg')).toBeVisible();
  await screenshot(page, 'analysis-01-matrix');

  // The busiest cell shows as many passages as were linked there, split by stance.
  const cells = new Map<string, Made[]>();
  for (const m of made) cells.set(`${m.principle}|${m.actor}`, [...(cells.get(`${m.principle}|${m.actor}`) ?? []), m]);
  const [key, expected] = [...cells].sort((a, b) => b[1].length - a[1].length)[0]!;
  const cell = chart.locator(`[data-cell="${key}"]`);
  await expect(cell.locator('text').first()).toHaveText(String(expected.length));
  await cell.click();
  const drilldown = page.getByRole('complementary', { name: 'Passages' });
  await expect(drilldown.locator('li')).toHaveCount(expected.length);
  for (const m of expected) await expect(drilldown).toContainText(m.quote.slice(0, 40));
  await screenshot(page, 'analysis-02-drilldown');

  // Filtering by actor kind leaves only companies.
  await page.getByRole('checkbox', { name: 'State', exact: true }).uncheck();
  await expect(chart.locator('[data-cell^="protect-internet-core|microsoft"]')).toHaveCount(1);
  await expect(chart.locator('[data-cell$="|united-states"]')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'State', exact: true }).check();

  // A passage opens in the reader, selected.
  await cell.click(); // changing the filter closed the list
  await drilldown.getByRole('button', { name: new RegExp(escape(expected[0]!.quote.slice(0, 30))) }).click();
  await expect(page.getByRole('heading', { level: 1, name: expected[0]!.title })).toBeVisible();
  await expect(page.locator('.reader-text mark.hl-active')).toHaveText(expected[0]!.quote);
  await screenshot(page, 'analysis-03-opened-in-reader');

  // Every view, looked at.
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await page.getByRole('button', { name: 'Coverage by source' }).click();
  await expect(chart.locator('[data-cell]').first()).toBeVisible();
  await chart.getByRole('button', { name: 'Sort by Source' }).click();
  await screenshot(page, 'analysis-04-coverage');
  await page.getByRole('button', { name: 'Frequencies' }).click();
  await expect(chart).toContainText('Principles linked to the same passages');
  await screenshot(page, 'analysis-05-frequencies');
  await page.getByRole('button', { name: 'Timeline' }).click();
  await expect(chart).toContainText('Passages per');
  await screenshot(page, 'analysis-06-timeline');
  const svg = await saveNextExport(app, () => page.getByRole('button', { name: 'SVG', exact: true }).click());
  expect(svg.text).toContain('<svg');
  expect(svg.text).toContain('Protect individuals and infrastructure');
  await page.getByRole('button', { name: 'Principles × actors' }).click();
  const png = await saveNextExport(app, () => page.getByRole('button', { name: 'PNG', exact: true }).click());
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  await writeFile(path.join(screenshotDir, 'analysis-08-exported-matrix.png'), png.bytes);

  // Filter by tag: only the passages tagged #review are counted.
  await page.getByRole('button', { name: 'Frequencies' }).click();
  await page.locator('summary', { hasText: 'Tags' }).click();
  await page.getByRole('checkbox', { name: '#review' }).check();
  const tagged = made.filter((_, i) => i % 2 === 0).length;
  await expect(page.locator('.view-options .hint')).toContainText(`${tagged} passage`);
  await screenshot(page, 'analysis-07-filtered');

  // A Markdown bibliography of the whole library.
  await page.getByText('Import / Export').click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'Annotated bibliography' }).check();
  await dialog.getByLabel('Citation style').selectOption('apa');
  await dialog.getByLabel('File').selectOption('markdown');
  await screenshot(page, 'export-01-dialog');
  const bibliography = await saveNextExport(app, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
  expect(bibliography.text).toMatch(/^# Annotated bibliography/);
  // The welcome document is not a source of the whole library's exports (only when chosen by name).
  expect(bibliography.text).toContain(`APA 7th edition · ${files.length} sources · ${made.length} passages`);
  for (const m of made) expect(bibliography.text).toContain(`> ${m.quote.slice(0, 30)}`);
  expect(bibliography.text).toContain('**Principles:** Protect individuals and infrastructure');

  // The coded passages as CSV.
  await page.getByText('Import / Export').click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  await dialog.getByRole('radio', { name: 'Coded passages as CSV' }).check();
  const csv = await saveNextExport(app, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
  const rows = Papa.parse<Record<string, string>>(csv.text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  expect(rows.errors).toEqual([]);
  expect(rows.data).toHaveLength(made.length);
  for (const m of made) {
    const row = rows.data.find((r) => r.quote === m.quote && r.document_id === m.documentId)!;
    expect(row).toBeDefined();
    expect(row.actors).toMatch(new RegExp(`\\(${m.stance}\\)$`));
    expect(row.source).toBe(m.title);
    expect(row.citation).toMatch(/^\(.+\)$/);
  }
});

test('references wait for their file, and annotation files are imported', async ({ app }) => {
  const { page } = app;
  const bib = '@report{geneva, title = {The Geneva Dialogue on Responsible Behaviour}, author = {Kovacs, Petra}, year = {2022}, institution = {Geneva Press}}\n';
  await page.getByTestId('import-references-input').setInputFiles({ name: 'library.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(bib) });
  const waiting = page.getByRole('region', { name: 'Waiting for their file' });
  await expect(waiting).toContainText('The Geneva Dialogue on Responsible Behaviour');
  await expect(page.getByRole('status')).toContainText('1 new reference waiting for their file');
  await screenshot(page, 'export-02-waiting-reference');

  await waiting.getByRole('button', { name: 'Attach file…' }).click();
  await page.getByTestId('attach-file-input').setInputFiles({ name: 'geneva.md', mimeType: 'text/markdown', buffer: Buffer.from('# Geneva notes\n\nStates met in Geneva to talk about responsible behaviour.\n') });
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'The Geneva Dialogue on Responsible Behaviour' })).toBeVisible();
  await expect(page.locator('.reader-head')).toContainText('Kovacs');

  // A Hypothesis export for a passage of that document: matched by its quote, placed, listed.
  const hypothesis = {
    annotations: [
      {
        id: 'hyp_e2e_1',
        uri: 'https://elsewhere.example/geneva',
        text: 'From Hypothesis',
        tags: ['imported'],
        target: [{ source: 'https://elsewhere.example/geneva', selector: [{ type: 'TextQuoteSelector', exact: 'States met in Geneva', prefix: '', suffix: ' to talk' }] }],
      },
    ],
  };
  await page.getByTestId('import-annotations-input').setInputFiles({ name: 'hypothesis.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hypothesis)) });
  await expect(page.getByRole('status')).toContainText('1 annotation imported');
  // On the open document at once (the library's change event), without reopening it.
  await expect(page.locator('.reader-text mark.hl')).toHaveText('States met in Geneva');
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toContainText('From Hypothesis');

  // Rows that name no document (a short quote no document can be told by), and a page note: the report
  // says why the note was left out, and the user picks the document for the others.
  const unnamed = {
    rows: [
      { id: 'hyp_e2e_2', text: 'Placed by hand', target: [{ selector: [{ type: 'TextQuoteSelector', exact: 'talk', prefix: 'Geneva to ', suffix: ' about' }] }] },
      { id: 'hyp_e2e_3', uri: 'https://elsewhere.example/geneva', text: 'A page note', target: [{ source: 'https://elsewhere.example/geneva' }] },
    ],
  };
  await page.getByTestId('import-annotations-input').setInputFiles({ name: 'unnamed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(unnamed)) });
  const report = page.getByRole('dialog', { name: 'Annotations imported from unnamed.json' });
  await expect(report).toContainText('1 entry: it annotates a whole document (a page note), not a passage of text.');
  await expect(report).toContainText('1 annotation that names no document');
  await screenshot(page, 'export-03-annotation-import-report');
  await report.getByRole('combobox', { name: 'Document for the annotations that name no document' }).selectOption({ label: 'The Geneva Dialogue on Responsible Behaviour' });
  await report.getByRole('button', { name: 'Import into the chosen documents' }).click();
  await expect(page.getByRole('status')).toContainText('unnamed.json: 1 annotation imported');
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toContainText('Placed by hand');
  await expect(page.locator('.reader-text mark.hl', { hasText: 'talk' })).toHaveCount(1);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
