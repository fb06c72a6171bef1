// Exports and imports against real libraries on disk: the W3C round trip into an empty library with the
// same documents, Hypothesis files, reference files and waiting references, search scopes, cancelling.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../../shared/anchoring';
import { FIXTURE_CODEBOOK, FIXTURE_DOCUMENTS, FIXTURE_TEXTS, fixtureAnnotations } from '../../../shared/analysis/test-fixture';
import { AppError } from '../../../shared/errors';
import type { Annotation, DocumentMetadata } from '../../../shared/model';
import { useTempDir } from '../../test-support/temp';
import { EventBus } from '../events';
import { openApp, type AppServices } from '../app';
import { attachFileToReference, importDocumentFile, importReferenceFile } from '../references/import-references';
import { ReferenceShelf } from '../references/shelf';
import { openHostSettings } from '../settings';
import { TaskRegistry } from '../tasks';
import { runExport } from './export-service';
import { importAnnotationFile } from './import-annotations';
import { quietTask } from '../../test-support/library-app';

const tempDir = useTempDir();
const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const task = quietTask;

async function library(): Promise<AppServices> {
  const dir = await tempDir();
  const app = await openApp({ libraryPath: path.join(dir, 'library'), settings: openHostSettings(path.join(dir, 'data')) });
  await app.store.saveCodebook(FIXTURE_CODEBOOK);
  return app;
}

/** Imports the fixture texts as .txt files with the fixture's metadata; returns fixture id → library id. */
async function importFixtureFiles(app: AppServices): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [id, text] of Object.entries(FIXTURE_TEXTS)) {
    const outcome = await importDocumentFile(app, `${id}.txt`, encode(text));
    await app.store.updateMetadata(outcome.document.id, FIXTURE_DOCUMENTS.find((d) => d.id === id)!.metadata);
    ids.set(id, outcome.document.id);
  }
  return ids;
}

async function annotateFixture(app: AppServices, ids: Map<string, string>): Promise<Annotation[]> {
  const saved: Annotation[] = [];
  for (const a of fixtureAnnotations()) {
    const documentId = ids.get(a.documentId)!;
    const text = (await app.store.readText(documentId)).text;
    const exact = a.target.selector.find((s) => s.type === 'TextQuoteSelector')!.exact;
    const start = text.indexOf(exact);
    saved.push(await app.store.saveAnnotation({ ...a, documentId, target: { selector: describeRange(text, start, start + exact.length) } }));
  }
  return saved;
}

describe('W3C Web Annotation round trip', () => {
  it('export, then import into an empty library with the same documents, gives the same annotations in the same places', async () => {
    const source = await library();
    const sourceIds = await importFixtureFiles(source);
    const original = await annotateFixture(source, sourceIds);
    const file = await runExport(source, { format: 'w3c-annotations', scope: { kind: 'library' } }, task);
    await source.close();

    const dir = await tempDir();
    const target = await openApp({ libraryPath: path.join(dir, 'library'), settings: openHostSettings(path.join(dir, 'data')) });
    const targetIds = await importFixtureFiles(target); // the default (Paris Call) codebook: the file's codes get added
    const report = await importAnnotationFile(target.store, file.fileName, file.bytes, task);
    expect(report).toMatchObject({ imported: 7, alreadyPresent: 0, reanchored: 0, orphaned: 0, unmatched: [] });
    expect(report.codebookAdded).toEqual(expect.arrayContaining(['principle "Protect people"', 'actor "Atlantis"']));

    for (const before of original) {
      const fixtureDoc = [...sourceIds].find(([, id]) => id === before.documentId)![0];
      const after = (await target.store.listAnnotations(targetIds.get(fixtureDoc)!)).find((a) => a.id === before.id);
      expect(after, before.id).toBeDefined();
      expect(after!.target).toEqual(before.target);
      expect(after!.body).toEqual(before.body);
      expect([after!.created, after!.modified]).toEqual([before.created, before.modified]);
    }
    // Importing the same file again adds nothing.
    const again = await importAnnotationFile(target.store, file.fileName, file.bytes, task);
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 7 });
    await target.close();
  });

  it('reads a Hypothesis export, matching documents by URL or by the one text holding the quote', async () => {
    const app = await library();
    const ids = await importFixtureFiles(app);
    const d2 = app.store.getDocument(ids.get('d2')!); // its URL is https://example.org/d2
    const hypothesis = {
      export_date: '2024-01-01T00:00:00Z',
      annotations: [
        {
          id: 'hyp_AAAA1111',
          created: '2023-05-01T10:00:00.000000+00:00',
          updated: '2023-05-02T10:00:00.000000+00:00',
          uri: 'https://example.org/d2/',
          text: 'Worth quoting',
          tags: ['industry', 'two words'],
          document: { title: ['Industry and the Paris Call'] },
          target: [
            {
              source: 'https://example.org/d2/',
              selector: [
                { type: 'RangeSelector', startContainer: '/p[1]', startOffset: 0, endContainer: '/p[1]', endOffset: 10 },
                { type: 'TextPositionSelector', start: 500, end: 527 },
                { type: 'TextQuoteSelector', exact: 'Industry signed on in 2019.', prefix: '', suffix: ' Atlantis' },
              ],
            },
          ],
        },
        {
          id: 'hyp_BBBB2222',
          uri: 'https://elsewhere.example/copy',
          text: '',
          tags: [],
          target: [{ source: 'https://elsewhere.example/copy', selector: [{ type: 'TextQuoteSelector', exact: 'Civic Watch opposed the plan.', prefix: '', suffix: '' }] }],
        },
        {
          id: 'hyp_CCCC3333',
          uri: 'https://unknown.example/page',
          text: 'not here',
          target: [{ source: 'https://unknown.example/page', selector: [{ type: 'TextQuoteSelector', exact: 'A sentence no document holds.' }] }],
        },
        { id: 'hyp_page_note', uri: 'https://example.org/d2', text: 'a page note has no selector', target: [{ source: 'https://example.org/d2' }] },
      ],
    };
    const report = await importAnnotationFile(app.store, 'hypothesis.json', encode(JSON.stringify(hypothesis)), task);
    expect(report).toMatchObject({ imported: 2, reanchored: 2, orphaned: 0 });
    expect(report.unmatched).toEqual([{ source: 'https://unknown.example/page', title: null, count: 1 }]);
    expect(report.skipped).toEqual([{ reason: 'it annotates a whole document (a page note), not a passage of text', count: 1 }]);
    const [imported] = await app.store.listAnnotations(d2.id);
    expect(imported).toMatchObject({ id: 'hyp_AAAA1111', created: '2023-05-01T10:00:00.000000+00:00', body: { note: 'Worth quoting', tags: ['industry', 'two-words'] } });
    expect(imported!.target.selector).toContainEqual({ type: 'TextPositionSelector', start: 0, end: 27 });
    expect(await app.store.listAnnotations(ids.get('d3')!)).toHaveLength(1);
    await app.close();
  });

  it('refuses a file that is not an annotation file, changing nothing', async () => {
    const app = await library();
    await expect(importAnnotationFile(app.store, 'x.json', encode('{"hello": 1}'), task)).rejects.toThrow(/holds no annotations/);
    await expect(importAnnotationFile(app.store, 'x.json', encode('not json'), task)).rejects.toThrow(/not JSON/);
    await app.close();
  });
});

const BIB = `@article{a, title = {Norms for a Safer Cyberspace}, author = {Smith, Jane and Doe, John}, journal = {Journal of Cyber Policy}, year = {2018}, volume = {3}}
@book{b, title = {The Geneva Dialogue on Responsible Behaviour}, author = {Kovacs, Petra}, publisher = {Geneva Press}, year = {2022}, doi = {10.1234/GENEVA}}
@misc{c, author = {Nobody}}
`;

describe('reference files and references waiting for their file', () => {
  it('completes matching documents, keeps the rest waiting, and attaches a file imported later', async () => {
    const app = await library();
    const ids = await importFixtureFiles(app);
    const report = await importReferenceFile(app, 'library.bib', encode(BIB));
    expect(report).toMatchObject({ format: 'BibTeX', entries: 3, unchanged: 0, possibleDuplicates: [], keptEdits: 0 });
    expect(report.completed).toEqual([{ id: ids.get('d1'), title: 'Norms for a Safer Cyberspace', fields: ['title'] }]);
    expect(report.added.map((w) => w.title)).toEqual(['The Geneva Dialogue on Responsible Behaviour']);
    expect(report.refused).toEqual([{ key: 'c', line: 3, title: null, reason: 'it has no title' }]);
    expect(app.store.getDocument(ids.get('d1')!).metadata).toMatchObject({
      title: 'Norms for a Safer Cyberspace',
      authors: ['Jane Smith', 'John Doe'],
      date: '2018-11-12', // the file's "2018" says no more than the library's date
      publication: 'Journal of Cyber Policy',
    });
    const [waiting] = app.references.list();
    expect(waiting!.metadata).toMatchObject({ kind: 'report', doi: '10.1234/geneva', publication: 'Geneva Press' });
    expect(await readdir(path.join(app.store.paths.root, 'references'))).toEqual([`${waiting!.id}.json`]);

    // The same file again changes nothing.
    expect(await importReferenceFile(app, 'library.bib', encode(BIB))).toMatchObject({ completed: [], added: [], unchanged: 2 });

    // Importing the document's file: its own metadata has only the title, too little to merge unasked,
    // so the reference is marked as its possible duplicate; with the same year and author it attaches.
    const titleOnly = await importDocumentFile(app, 'geneva.md', encode('# The Geneva Dialogue on Responsible Behaviour\n\nSome text.'));
    expect(titleOnly.document.metadata.authors).toEqual([]);
    expect(app.references.list()[0]!.possibleDuplicateOf).toEqual({ kind: 'document', id: titleOnly.document.id });
    const html = '<html><head><title>The Geneva Dialogue on Responsible Behaviour</title><meta name="author" content="Petra Kovacs"><meta name="citation_date" content="2022"></head><body><p>Some text.</p></body></html>';
    const outcome = await importDocumentFile(app, 'geneva.html', encode(html));
    expect(outcome.document.metadata).toMatchObject({ authors: ['Petra Kovacs'], doi: '10.1234/geneva', date: '2022' });
    expect(app.references.list()).toEqual([]);
    expect(await readdir(path.join(app.store.paths.root, 'references'))).toEqual([]);
    await app.close();
  });

  it('attaches a file the user picks for a reference, and reads RIS and CSL-JSON too', async () => {
    const app = await library();
    const ris = 'TY  - RPRT\nTI  - Hack back and its discontents\nAU  - Osei, Kwame\nPY  - 2020\nER  - \n';
    expect((await importReferenceFile(app, 'x.ris', encode(ris))).added).toHaveLength(1);
    const csl = JSON.stringify([{ id: 'k', type: 'webpage', title: 'A web page on norms', URL: 'https://norms.example' }]);
    expect((await importReferenceFile(app, 'x.json', encode(csl))).added).toHaveLength(1);
    const reference = app.references.list().find((r) => r.metadata.title.startsWith('Hack back'))!;
    const outcome = await attachFileToReference(app, reference.id, 'some-file.txt', encode('Text whose title is not the reference title.'));
    expect(outcome.document.metadata).toMatchObject({ title: 'Hack back and its discontents', authors: ['Kwame Osei'], kind: 'report' });
    expect(app.references.list().map((r) => r.metadata.title)).toEqual(['A web page on norms']);
    await expect(importReferenceFile(app, 'notes.txt', encode('just words'))).rejects.toThrow(/not a BibTeX/);
    await app.close();
  });

  it('removes, on open, a waiting reference whose document a crash left behind', async () => {
    const app = await library();
    await importReferenceFile(app, 'library.bib', encode(BIB));
    const root = app.store.paths.root;
    // Simulate the crash: the document has the reference's details (attaching writes them first), the
    // reference was not yet removed.
    const geneva = app.references.list().find((r) => r.metadata.title.startsWith('The Geneva'))!;
    await importFile(app, 'geneva.txt', geneva.metadata.title, geneva.metadata);
    const shelf = await ReferenceShelf.open(root, app.store.listDocuments());
    expect(shelf.list().map((r) => r.metadata.title)).toEqual(['Norms for a Safer Cyberspace']);
    await app.close();
  });
});

async function importFile(app: AppServices, name: string, title: string, metadata: Partial<DocumentMetadata> = {}) {
  const { importFile: plainImport } = await import('../importing');
  const outcome = await plainImport(app.store, name, encode(`${title}\n\nbody`));
  await app.store.updateMetadata(outcome.document.id, { ...outcome.document.metadata, ...metadata, title });
}

describe('export scopes and cancelling', () => {
  it('exports only the annotations a search finds', async () => {
    const app = await library();
    await annotateFixture(app, await importFixtureFiles(app));
    const file = await runExport(app, { format: 'passages-csv', scope: { kind: 'search', query: 'pledged' } }, task);
    expect(file.fileName).toMatch(/^apostil-search-\d{4}-\d{2}-\d{2}-passages\.csv$/);
    const lines = decode(file.bytes).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Firms pledged care for the core.');
    await expect(runExport(app, { format: 'passages-csv', scope: { kind: 'search', query: 'zebra' } }, task)).rejects.toThrow(/No annotation matches/);
    await app.close();
  });

  it('exports chosen documents only', async () => {
    const app = await library();
    const ids = await importFixtureFiles(app);
    await annotateFixture(app, ids);
    const file = await runExport(app, { format: 'w3c-annotations', scope: { kind: 'documents', documentIds: [ids.get('d3')!] } }, task);
    expect(JSON.parse(decode(file.bytes)).total).toBe(2);
    await app.close();
  });

  it('stops a running export when it is cancelled, with progress reported until then', async () => {
    const app = await library();
    await importFixtureFiles(app);
    const events = new EventBus();
    const seen: string[] = [];
    events.subscribe((e) => 'label' in e.payload && seen.push(e.payload.label));
    const tasks = new TaskRegistry(events);
    const running = tasks.run('t1', async (handle) => {
      handle.progress(0, 2, 'first step');
      expect(tasks.cancel('t1')).toBe(true);
      return runExport(app, { format: 'refi-qda', scope: { kind: 'library' } }, handle);
    });
    await expect(running).rejects.toEqual(new AppError('cancelled', 'Cancelled: nothing was written.'));
    expect(seen).toEqual(['first step']);
    expect(tasks.cancel('t1')).toBe(false);
    await app.close();
  });
});

describe('sources in exports', () => {
  it('leaves out the welcome document, and calls a PDF an article only when a journal says so', async () => {
    const dir = await tempDir();
    const app = await openApp({ libraryPath: path.join(dir, 'library'), settings: openHostSettings(path.join(dir, 'data')) });
    const welcome = app.store.listDocuments()[0]!;
    expect(welcome.metadata.title).toBe('Welcome to Apostil');
    const { makePdf, LOREM } = await import('../import/pdf-fixtures');
    await importDocumentFile(app, 'briefing.pdf', await makePdf([[LOREM[0]!]], { title: 'A policy briefing', author: 'Jane Smith' }));
    const journal = await importDocumentFile(app, 'paper.pdf', await makePdf([[LOREM[1]!]], { title: 'Norms in practice' }));
    await app.store.updateMetadata(journal.document.id, { ...journal.document.metadata, publication: 'Journal of Cyber Policy' });

    const bib = decode((await runExport(app, { format: 'bibtex', scope: { kind: 'library' } }, task)).bytes);
    expect(bib).not.toMatch(/Welcome to Apostil/);
    expect(bib).toMatch(/@misc\{[^@]*title = \{A policy briefing\}/);
    expect(bib).toMatch(/@article\{[^@]*journal = \{Journal of Cyber Policy\}[^@]*title = \{Norms in practice\}/);
    const ris = decode((await runExport(app, { format: 'ris', scope: { kind: 'library' } }, task)).bytes);
    expect(ris.match(/^TY {2}- \w+/gm)!.sort()).toEqual(['TY  - GEN', 'TY  - JOUR']);

    // Chosen by name, it is exported like any document.
    const chosen = decode((await runExport(app, { format: 'csl-json', scope: { kind: 'documents', documentIds: [welcome.id] } }, task)).bytes);
    expect(chosen).toContain('Welcome to Apostil');
    await app.close();
  });
});
