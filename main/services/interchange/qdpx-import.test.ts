// Importing REFI-QDA projects: our own .qdpx export read back into an empty library with nothing lost
// (documents with their original files and layout, the codebook, every highlight and region exactly),
// read again into the same library without doubling anything, and a project from another tool.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../../shared/anchoring';
import { FIXTURE_CODEBOOK, FIXTURE_DOCUMENTS, FIXTURE_TEXTS, fixtureAnnotations } from '../../../shared/analysis/test-fixture';
import { principlesInTreeOrder } from '../../../shared/codebooks/tree';
import type { Annotation, Codebook } from '../../../shared/model';
import { useTempDir } from '../../test-support/temp';
import { type AppServices } from '../app';
import { makePdf } from '../import/pdf-fixtures';
import { importFile } from '../importing';
import { runExport } from './export-service';
import { importQdpx } from './import-qdpx';
import { openEmptyApp, quietTask } from '../../test-support/library-app';

const here = path.dirname(fileURLToPath(import.meta.url));
const testData = (name: string) => readFile(path.resolve(here, '../../../test-data/refi-qda', name));
const tempDir = useTempDir();
const task = quietTask;

const emptyLibrary = async (): Promise<AppServices> => openEmptyApp(await tempDir());

/** The fixture's codebook, nested and fully described, with aliases. */
const CODEBOOK: Codebook = {
  ...FIXTURE_CODEBOOK,
  principles: [
    ...FIXTURE_CODEBOOK.principles.map((p) => ({ ...p, whenToUse: `When ${p.name} is at stake.`, example: 'An example.' })),
    { id: 'p1a', parentId: 'p1', name: 'Protect hospitals', description: 'Health care.', color: '#1f9aa8', whenToUse: '', whenNotToUse: 'Not for clinics.', example: '' },
  ],
  actors: FIXTURE_CODEBOOK.actors.map((a) => (a.id === 'a' ? { ...a, aliases: ['Atlantic Republic', 'ATL'] } : a)),
};

/** The fixture library, plus a PDF with a highlight drawn on its page and a region. */
async function sourceLibrary() {
  const app = await emptyLibrary();
  await app.store.saveCodebook(CODEBOOK);
  const ids = new Map<string, string>();
  for (const [id, text] of Object.entries(FIXTURE_TEXTS)) {
    const outcome = await importFile(app.store, `${id}.${id === 'd2' ? 'md' : 'txt'}`, new TextEncoder().encode(text));
    await app.store.updateMetadata(outcome.document.id, FIXTURE_DOCUMENTS.find((d) => d.id === id)!.metadata);
    ids.set(id, outcome.document.id);
  }
  for (const a of fixtureAnnotations()) {
    const documentId = ids.get(a.documentId)!;
    const text = (await app.store.readText(documentId)).text;
    const exact = a.target.selector.find((s) => s.type === 'TextQuoteSelector')!.exact;
    const start = text.indexOf(exact);
    const body = { ...a.body, principles: a.body.principles.filter((p) => CODEBOOK.principles.some((x) => x.id === p)) };
    await app.store.saveAnnotation({ ...a, documentId, body, target: { selector: describeRange(text, start, start + exact.length) } });
  }
  const pdf = await importFile(app.store, 'report.pdf', await makePdf([['Hospitals were attacked in the night.', 'Nobody claimed the attack.']]));
  const pdfText = (await app.store.readText(pdf.document.id)).text;
  const at = pdfText.indexOf('Hospitals were attacked');
  const now = '2024-03-04T05:06:07.089Z';
  const highlight: Annotation = {
    id: 'pdf-highlight',
    documentId: pdf.document.id,
    created: now,
    modified: now,
    target: { selector: [...describeRange(pdfText, at, at + 23), { type: 'PdfAreaSelector', areas: [{ page: 0, rects: [[72, 700, 260, 714]] }] }] },
    body: { color: 'pink', note: 'On the page', tags: ['pdf'], principles: ['p1a'], actors: [{ actorId: 'c', stance: 'mixed' }] },
  };
  const region: Annotation = {
    id: 'pdf-region',
    documentId: pdf.document.id,
    created: now,
    modified: now,
    target: { selector: [{ type: 'PdfAreaSelector', areas: [{ page: 0, rects: [[50, 50, 300, 200]] }] }] },
    body: { color: 'purple', note: 'A figure', tags: [], principles: ['p2'], actors: [] },
  };
  await app.store.addAnnotations(pdf.document.id, [highlight, region]);
  return app;
}

/** Everything about a library that must survive, with ids of codes replaced by their names. */
async function contents(app: AppServices) {
  const codebook = app.store.getCodebook();
  const name = (id: string) => [...codebook.principles, ...codebook.actors].find((c) => c.id === id)?.name ?? `missing ${id}`;
  const documents = [];
  for (const d of app.store.listDocuments().sort((a, b) => a.contentHash.localeCompare(b.contentHash))) {
    const annotations = (await app.store.listAnnotations(d.id))
      .map((a) => ({ ...a, documentId: null, body: { ...a.body, principles: a.body.principles.map(name), actors: a.body.actors.map((l) => ({ ...l, actorId: name(l.actorId) })) } }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const { id: _id, importedAt: _i, modifiedAt: _m, ...document } = d;
    documents.push({ document, text: await app.store.readText(d.id), original: Buffer.from(await app.store.readOriginal(d.id)).toString('base64'), annotations });
  }
  const byId = new Map(codebook.principles.map((p) => [p.id, p]));
  return {
    documents,
    principles: principlesInTreeOrder(codebook.principles).map(({ principle: { id: _id, parentId, ...p }, depth }) => ({ ...p, depth, parent: parentId ? byId.get(parentId)!.name : null })),
    actors: codebook.actors.map(({ id: _id, ...a }) => a),
  };
}

describe('importing a REFI-QDA project', () => {
  it('reads our own export back into an empty library with nothing lost, and a second time adds nothing', async () => {
    const source = await sourceLibrary();
    const exported = await runExport(source, { format: 'refi-qda', scope: { kind: 'library' } }, task);
    const target = await emptyLibrary();
    const report = await importQdpx(target.store, target.codebook, exported.fileName, exported.bytes, task);
    expect(report).toMatchObject({ documentsAdded: 4, documentsPresent: 0, imported: 9, alreadyPresent: 0, orphaned: 0, skipped: [], notes: [] });
    expect(await contents(target)).toEqual(await contents(source));
    // The codes came in as one undoable step.
    expect(target.codebook.history().undo).toMatch(/^Imported the codes of apostil-library-.*\.qdpx, merged by name \(0 matched, 8 added\)\.$/);

    const again = await importQdpx(target.store, target.codebook, exported.fileName, exported.bytes, task);
    expect(again).toMatchObject({ documentsAdded: 0, documentsPresent: 4, imported: 0, alreadyPresent: 9, codesMatched: 8, codesAdded: 0 });
    expect(await contents(target)).toEqual(await contents(source));
    await Promise.all([source.close(), target.close()]);
  });

  it('reads a project from another tool: sources inline, in files and as a PDF; codes; coded selections with notes', async () => {
    const target = await emptyLibrary();
    const zip = zipSync({
      'project.qde': new Uint8Array(await testData('foreign-project.qde')),
      'sources/foreign-doc-b.txt': new Uint8Array(await testData('foreign-doc-b.txt')),
      'sources/election-report.txt': new Uint8Array(await testData('foreign-election-report.txt')),
      'sources/election-report.pdf': await makePdf([(await testData('foreign-election-report.txt')).toString('utf8').split('\n\n')]),
    });
    const report = await importQdpx(target.store, target.codebook, 'study.qdpx', zip, task);
    expect(report).toMatchObject({ documentsAdded: 3, imported: 5, orphaned: 0, codesAdded: 6 });
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { reason: 'selections without a valid start and end', count: 1 },
        { reason: 'codes given to a whole source', count: 1 },
        { reason: 'regions of PDF pages (PDF selections)', count: 1 },
        { reason: 'picture sources (Apostil reads texts and PDFs)', count: 1 },
        { reason: 'sources whose text is not in the project file', count: 1 },
      ]),
    );
    expect(report.notes).toEqual([expect.stringMatching(/1 code set \(“Core codes”\) left out/)]);

    const codebook = target.store.getCodebook();
    expect(principlesInTreeOrder(codebook.principles).map(({ principle, depth }) => `${'  '.repeat(depth)}${principle.name} ${principle.color}`)).toEqual([
      'Trust #46AA00',
      '  Between states #2F7FC1',
      'Hack-back #D64550',
      expect.stringMatching(/^Lifecycle security #[0-9a-f]{6}$/),
      expect.stringMatching(/^Elections #[0-9a-f]{6}$/),
    ]);
    expect(codebook.actors.map((a) => a.name)).toEqual(['Companies']);

    const byTitle = new Map(target.store.listDocuments().map((d) => [d.metadata.title, d]));
    expect([...byTitle.keys()].sort()).toEqual(['Election report', 'Interview A', 'Vendor guidance']);
    expect(byTitle.get('Interview A')!.metadata.authors).toEqual(['Jane Roe', 'John Poe']);
    expect(byTitle.get('Election report')!.format).toBe('pdf');
    const quoted = async (title: string) => {
      const text = (await target.store.readText(byTitle.get(title)!.id)).text;
      return (await target.store.listAnnotations(byTitle.get(title)!.id)).map((a) => {
        const position = a.target.selector.find((s) => s.type === 'TextPositionSelector')!;
        const name = (id: string) => codebook.principles.find((p) => p.id === id)?.name ?? codebook.actors.find((x) => x.id === id)?.name;
        return { quote: text.slice(position.start, position.end), codes: [...a.body.principles, ...a.body.actors.map((l) => `${l.actorId}:${l.stance}`)].map((c) => name(c.split(':')[0]!) ?? c), note: a.body.note, coder: a.author ?? null };
      });
    };
    expect(await quoted('Interview A')).toEqual([
      // The project's user made the first selection (its creatingUser); the second names no one.
      { quote: 'between states matters', codes: ['Between states', 'Trust'], note: 'Trust is the heart of the matter.', coder: 'Researcher' },
      { quote: 'Hack-back by companies is risky', codes: ['Hack-back', 'Companies'], note: 'The interviewee is worried.', coder: null },
    ]);
    expect(await quoted('Vendor guidance')).toEqual([
      { quote: 'Vendors must patch their products', codes: ['Lifecycle security'], note: '', coder: null },
      { quote: 'coordinated disclosure', codes: ['Lifecycle security'], note: '', coder: null },
    ]);
    expect(await quoted('Election report')).toEqual([{ quote: 'Norms against attacking election infrastructure', codes: ['Elections'], note: '', coder: null }]);
    await target.close();
  });

  it('refuses what is not a project, saying why, and changes nothing', async () => {
    const target = await emptyLibrary();
    await expect(importQdpx(target.store, target.codebook, 'x.qdpx', strToU8('not a zip'), task)).rejects.toThrow(/x\.qdpx is not a REFI-QDA project: it cannot be opened as a zip file/);
    await expect(importQdpx(target.store, target.codebook, 'y.qdpx', zipSync({ 'readme.txt': strToU8('hi') }), task)).rejects.toThrow(/holds no project\.qde/);
    await expect(importQdpx(target.store, target.codebook, 'z.qdpx', zipSync({ 'project.qde': strToU8('<CodeBook/>') }), task)).rejects.toThrow(/root element is <CodeBook>, not <Project>/);
    expect(target.store.listDocuments()).toEqual([]);
    await target.close();
  });
});
