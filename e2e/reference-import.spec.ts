// Importing real reference files (Better BibTeX's fixtures, test-data/better-bibtex): the report says
// what was new, completed, kept as a possible duplicate and refused (with key, line and reason); a
// possible duplicate is compared side by side and merged by hand, or both are kept.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, repoRoot, screenshot, test } from './fixtures';

const bbt = (name: string) => readFile(path.join(repoRoot, 'test-data', 'better-bibtex', name));

test('a reference file with a broken entry and works sharing a title', async ({ app }) => {
  const { page } = app;
  const excerpt = await bbt('Some bibtex entries quietly discarded on import from bib file #873 (excerpt).bib');
  const broken = Buffer.from('\n@article{broken1999, title = {A brace that is never closed, year = 1999}\n');
  await page.getByTestId('import-references-input').setInputFiles({ name: 'ai-library.bib', mimeType: 'application/x-bibtex', buffer: Buffer.concat([excerpt, broken]) });

  const report = page.getByRole('dialog', { name: 'References imported from ai-library.bib' });
  await expect(report).toContainText('BibTeX file, 22 entries');
  await expect(report).toContainText('possible duplicates');
  await expect(report.getByRole('table')).toContainText('entry broken1999, line');
  await expect(report.getByRole('table')).toContainText('braces or quotes do not match');
  await screenshot(page, 'references-01-import-report');
  await report.getByRole('button', { name: 'Close' }).click();

  const waiting = page.getByRole('region', { name: 'Waiting for their file' });
  const beck = waiting.getByRole('listitem').filter({ hasText: 'Similarity grouping' }).filter({ hasText: 'May be the same work' });
  await expect(beck).toHaveCount(1);
  await beck.getByRole('button', { name: 'Compare…' }).click();
  const compare = page.getByRole('dialog', { name: 'The same work?' });
  await expect(compare).toContainText('1972');
  await expect(compare).toContainText('1975');
  await screenshot(page, 'references-02-compare');
  // Beck 1972 and 1975 are two papers: keep both.
  await compare.getByRole('button', { name: 'Keep both' }).click();
  await expect(compare).toHaveCount(0);
  await expect(waiting.getByRole('listitem').filter({ hasText: 'Similarity grouping' })).toHaveCount(2);
  await expect(waiting.getByRole('listitem').filter({ hasText: 'Similarity grouping' }).filter({ hasText: 'May be the same work' })).toHaveCount(0);

  // Foderaro's manual of 1979 and 1980: merge them into one, keeping the later year.
  const franz = waiting.getByRole('listitem').filter({ hasText: 'FRANZ LISP' }).filter({ hasText: 'May be the same work' });
  await franz.getByRole('button', { name: 'Compare…' }).click();
  await compare.getByRole('radio', { name: /Date: keep the imported reference's value/ }).check();
  await compare.getByRole('button', { name: 'Merge into one' }).click();
  await expect(waiting.getByRole('listitem').filter({ hasText: 'FRANZ LISP' })).toHaveCount(1);
  await expect(waiting.getByRole('listitem').filter({ hasText: 'FRANZ LISP' })).toContainText('1980');
});
