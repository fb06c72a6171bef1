// Reference import into a real library on disk: works that only share a title are kept apart (possible
// duplicates the user compares), same works complete each other, fields the user edited are never
// overwritten, and the report counts new, completed, possible duplicates and refused entries.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp';
import { openApp, type AppServices } from '../app';
import { createHandlers } from '../handlers';
import { openHostSettings } from '../settings';
import { importDocumentFile, importReferenceFile, keepBothReferences, mergeReference } from './import-references';

const tempDir = useTempDir();
const encode = (s: string) => new TextEncoder().encode(s);
const DATA = path.resolve(__dirname, '../../../test-data/better-bibtex');
const EXCERPT = 'Some bibtex entries quietly discarded on import from bib file #873 (excerpt).bib';

async function library(): Promise<AppServices> {
  const dir = await tempDir();
  return openApp({ libraryPath: path.join(dir, 'library'), settings: openHostSettings(path.join(dir, 'data')) });
}

describe('importing a real library of references', () => {
  it('keeps works that share a title apart, and merges only the same work', async () => {
    const app = await library();
    const report = await importReferenceFile(app, EXCERPT, readFileSync(path.join(DATA, EXCERPT)));
    expect(report).toMatchObject({ format: 'BibTeX', entries: 21, refused: [], keptEdits: 0 });
    const waiting = app.references.list();
    // Beck 1972 and Beck 1975 share a title: both stay, the later marked as a possible duplicate.
    const becks = waiting.filter((r) => r.metadata.title.startsWith('Similarity grouping'));
    expect(becks.map((r) => r.metadata.date).sort()).toEqual(['1972', '1975']);
    expect(becks.find((r) => r.metadata.date === '1975')!.possibleDuplicateOf).toEqual({ kind: 'reference', id: becks.find((r) => r.metadata.date === '1972')!.id });
    expect(waiting.filter((r) => r.metadata.title === 'On seeing things')).toHaveLength(1);
    // Same title, year and first author: one work, kept once ("On seeing things" twice; a 1997 report and
    // its 1997 journal version; one entry written twice with different capitals). The later entries
    // only fill gaps, and these had none.
    expect(report.unchanged).toBe(3);
    expect(report.completed).toEqual([]);
    expect(waiting.filter((r) => r.metadata.title.toLowerCase() === 'planning control rules for reactive agents')).toHaveLength(1);
    expect(report.added.length + report.possibleDuplicates.length).toBe(waiting.length);
    expect(report.possibleDuplicates.map((d) => d.of.title)).toEqual(
      expect.arrayContaining(['Similarity grouping and peripheral discriminability under uncertainty', 'FRANZ LISP ... The Manual', 'Interpreting line drawings as three-dimensional surfaces']),
    );
    expect(report.added.length + report.completed.length + report.possibleDuplicates.length + report.unchanged).toBe(21);

    // The same file again adds nothing, not even beside entries that lack a year or an author.
    const again = await importReferenceFile(app, EXCERPT, readFileSync(path.join(DATA, EXCERPT)));
    expect(again).toMatchObject({ added: [], completed: [], possibleDuplicates: [], unchanged: 21 });
    await app.close();
  });

  it('reports each refused entry with its key, line and reason, and imports the others', async () => {
    const app = await library();
    const kinds: string[] = [];
    app.store.changes.subscribe((change) => kinds.push(change.kind));
    const text = `@article{ok2001, title = {A fine entry}, author = {Roe, Ann}, year = 2001}\n\n@article{broken2002, title = {Unclosed, year = 2002}\n\n@misc{notitle, author = {Roe, Ann}, year = 2003}\n\n@article{ok2004, title = {Another fine entry}, year = 2004}\n`;
    const report = await importReferenceFile(app, 'mixed.bib', encode(text));
    expect(report.added.map((a) => a.title)).toEqual(['A fine entry', 'Another fine entry']);
    expect(report.refused).toEqual([
      { key: 'broken2002', line: 3, title: null, reason: expect.stringMatching(/is missing before “@misc\{notitle/) },
      { key: 'notitle', line: 5, title: null, reason: 'it has no title' },
    ]);
    expect(kinds).toEqual(['references.changed']); // one change for the whole file, not one per entry
    await app.close();
  });

  it('never overwrites a field the user edited, and completes the others', async () => {
    const app = await library();
    const handlers = createHandlers(app);
    const imported = await importDocumentFile(app, 'norms.md', encode('# Norms for cyberspace\n\nText.'));
    const id = imported.document.id;
    await handlers['documents.updateMetadata']({ id, metadata: { ...imported.document.metadata, title: 'Norms for cyberspace (my edit)', doi: '10.5555/norms' } });
    expect(app.store.getDocument(id).fieldOrigins).toEqual({ title: 'user', doi: 'user' });

    const bib = '@article{n, title = {Norms for Cyberspace: the Journal Version}, author = {Smith, Jane}, year = 2019, journal = {Cyber Policy}, doi = {10.5555/NORMS}}';
    const report = await importReferenceFile(app, 'n.bib', encode(bib));
    expect(report).toMatchObject({ completed: [{ id, fields: ['authors', 'date', 'publication'] }], keptEdits: 1 });
    expect(app.store.getDocument(id).metadata).toMatchObject({ title: 'Norms for cyberspace (my edit)', authors: ['Jane Smith'], date: '2019', publication: 'Cyber Policy' });
    await app.close();
  });

  it('replaces a date taken from the file, and does not count it as evidence', async () => {
    const app = await library();
    const paper = async (name: string, title: string, doi: string | null) => {
      const { document } = await importDocumentFile(app, name, encode(`# ${title}\n\nText.`));
      await app.store.updateMetadata(document.id, { ...document.metadata, authors: ['Jane Smith'], date: '2024-03-01', doi }, { date: 'file-created' });
      return document.id;
    };
    const withDoi = await paper('a.md', 'A paper on trust', '10.5555/trust');
    const withoutDoi = await paper('b.md', 'A paper on norms', null);
    const bib = '@article{a, title = {A paper on trust}, author = {Smith, Jane}, year = 2019, doi = {10.5555/trust}}\n@article{b, title = {A paper on norms}, author = {Smith, Jane}, year = 2019}';
    const report = await importReferenceFile(app, 'p.bib', encode(bib));
    // Same DOI: the same work, and its real date replaces the file's (no longer marked as a guess).
    expect(report.completed).toEqual([{ id: withDoi, title: 'A paper on trust', fields: ['date'] }]);
    expect(app.store.getDocument(withDoi).metadata.date).toBe('2019');
    expect(app.store.getDocument(withDoi).fieldOrigins).toBeUndefined();
    // Same title and author, but the library's year is only the file's: not enough to merge unasked.
    expect(report.possibleDuplicates).toEqual([{ id: expect.any(String), title: 'A paper on norms', of: { kind: 'document', id: withoutDoi, title: 'A paper on norms' } }]);
    expect(app.store.getDocument(withoutDoi).metadata.date).toBe('2024-03-01');
    await app.close();
  });

  it('merges a possible duplicate by hand, or keeps both', async () => {
    const app = await library();
    const imported = await importDocumentFile(app, 'beck.md', encode('# Similarity grouping\n\nText.'));
    const report = await importReferenceFile(app, 'b.bib', encode('@article{b, title = {Similarity grouping}, author = {Beck, Jacob}, year = 1972}\n@article{c, title = {Similarity grouping}, author = {Beck, Jacob}, year = 1975}'));
    expect(report.possibleDuplicates.map((d) => d.of)).toEqual([{ kind: 'document', id: imported.document.id, title: 'Similarity grouping' }, { kind: 'document', id: imported.document.id, title: 'Similarity grouping' }]);
    const [first, second] = report.possibleDuplicates;

    const chosen = { ...imported.document.metadata, authors: ['Jacob Beck'], date: '1972' };
    await mergeReference(app, first!.id, { kind: 'document', id: imported.document.id }, chosen);
    expect(app.store.getDocument(imported.document.id)).toMatchObject({ metadata: { authors: ['Jacob Beck'], date: '1972' }, fieldOrigins: { authors: 'user', date: 'user' } });
    expect(app.references.list().map((r) => r.id)).toEqual([second!.id]);

    const kept = await keepBothReferences(app, second!.id);
    expect(kept.possibleDuplicateOf).toBeUndefined();
    expect(app.references.get(second!.id).metadata.date).toBe('1975');
    await app.close();
  });
});
