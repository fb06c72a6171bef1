// The analysis in main follows the store's changes: after any change, every view it draws (for any
// filter) is what counting the library afresh draws, and drill-downs page through the right passages.
import type { PathLike } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  ANALYSIS_VIEW_NAMES,
  applyFilter,
  coverageSource,
  frameworkTable,
  drawView,
  NO_FILTER,
  tallyOf,
  toCodedPassage,
  type AnalysisCounts,
  type AnalysisFilter,
  type AnalysisViewRequest,
} from '../../../shared/analysis';
import { FIXTURE_CODEBOOK, FIXTURE_DOCUMENTS, fixtureAnnotations } from '../../../shared/analysis/test-fixture';
import { LibraryStore } from '../library/store';
import { useTempDir } from '../../test-support/temp';
import { sampleDocument } from '../../test-support/fixtures';
import { fixtureText } from '../interchange/test-data';
import { AnalysisService } from './analysis-service';
import { FACTS_FILE } from './facts-file';

// Every file the code opens, through the real file system: the proof of what a start reads.
const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (file: PathLike, ...rest: unknown[]) => {
      const handle = await (real.open as (...args: unknown[]) => ReturnType<typeof real.open>)(file, ...rest);
      opened.push(String(file));
      return handle;
    },
  };
});
const annotationFilesRead = (since: number) => opened.slice(since).filter((file) => path.basename(file) === 'annotations.json');

const tempDir = useTempDir();

/** The fixture library in a real store; returns it with the fixture's document ids mapped to the store's. */
async function fixtureLibrary() {
  const store = await LibraryStore.open(await tempDir(), { defaultCodebook: FIXTURE_CODEBOOK });
  const idOf = new Map<string, string>();
  for (const [i, fixture] of FIXTURE_DOCUMENTS.entries()) {
    const text = fixtureText(fixture.id);
    const added = await store.addDocument(
      sampleDocument({ contentHash: String(i).repeat(64), text: { ...text, pages: null }, metadata: fixture.metadata, bytes: new TextEncoder().encode(text.text) }),
    );
    idOf.set(fixture.id, added.id);
  }
  const annotations = fixtureAnnotations().map((a) => ({ ...a, documentId: idOf.get(a.documentId)! }));
  return { store, idOf, annotations };
}

const FILTERS: AnalysisFilter[] = [
  NO_FILTER,
  { ...NO_FILTER, tags: ['key'] },
  { ...NO_FILTER, from: '2019', to: null },
  { ...NO_FILTER, to: '2018-12' },
  { ...NO_FILTER, coders: ['Ann'] },
  { ...NO_FILTER, coders: ['Ben', null], tags: ['key'] },
];

/** Every view for every filter: what the service draws, and what counting the store afresh draws. */
async function drawnBoth(store: LibraryStore, service: AnalysisService) {
  const documents = store.listDocuments();
  const passages = (await store.allAnnotations()).map((a) => toCodedPassage(a));
  const drawn = [];
  const fresh = [];
  for (const filter of FILTERS) {
    for (const view of ANALYSIS_VIEW_NAMES) {
      const request: AnalysisViewRequest = { view, filter, actorKinds: [], granularity: null };
      const { passages: count, sources, tags, coders, ...counts } = await service.counts(request);
      drawn.push({ ...counts, count, sources, tags, coders });
      const kept = applyFilter({ documents, passages }, filter);
      const tally = tallyOf(kept.passages);
      fresh.push({ ...drawView(request, tally, kept.documents.map(coverageSource), store.getCodebook()), count: kept.passages.length, sources: kept.documents.length, tags: tallyOf(passages).tagNames(), coders: tallyOf(passages).coderCounts() });
    }
  }
  return { drawn, fresh };
}

describe('AnalysisService', () => {
  it('reads the library at start, then follows every change', async () => {
    const { store, idOf, annotations } = await fixtureLibrary();
    const d1 = idOf.get('d1')!;
    const d2 = idOf.get('d2')!;
    const d3 = idOf.get('d3')!;
    for (const id of [d1, d2]) await store.addAnnotations(id, annotations.filter((a) => a.documentId === id));
    const service = new AnalysisService(store);
    // Changes published while the service is still reading are applied after it.
    const starting = service.start();
    await store.addAnnotations(d3, annotations.filter((a) => a.documentId === d3));
    await starting;
    let both = await drawnBoth(store, service);
    expect(both.drawn).toEqual(both.fresh);
    expect(both.drawn[0]).toMatchObject({ view: 'matrix', count: 7, sources: 3, tags: ['key', 'later'] });

    const x2 = annotations.find((a) => a.id === 'x2')!;
    await store.saveAnnotation({ ...x2, body: { ...x2.body, tags: [], actors: [{ actorId: 'c', stance: 'mixed' }] } });
    await store.deleteAnnotation(d1, 'x1');
    both = await drawnBoth(store, service);
    expect(both.drawn).toEqual(both.fresh);

    const text = 'A new version. Elections matter.';
    await store.replaceFile(d3, {
      originalName: 'd3.txt',
      bytes: new TextEncoder().encode(text),
      contentHash: 'e'.repeat(64),
      text: { text, blocks: [{ type: 'p', start: 0, end: text.length }], pages: null },
      pageCount: null,
      warnings: [],
      annotations: () => annotations.filter((a) => a.id === 'x5'),
    });
    await store.updateMetadata(d2, { ...store.getDocument(d2).metadata, date: '2017-03' });
    both = await drawnBoth(store, service);
    expect(both.drawn).toEqual(both.fresh);

    await store.deleteDocument(d1);
    both = await drawnBoth(store, service);
    expect(both.drawn).toEqual(both.fresh);
    expect(both.drawn[0]).toMatchObject({ count: 3, sources: 2 });
    await service.close();
    await store.close();
  });

  it('pages through the passages behind a mark, in library order, within the filter', async () => {
    const { store, idOf, annotations } = await fixtureLibrary();
    for (const id of idOf.values()) await store.addAnnotations(id, annotations.filter((a) => a.documentId === id));
    const service = new AnalysisService(store);
    const selector = { kind: 'principle' as const, principleId: 'p1' };
    const first = await service.passages({ filter: NO_FILTER, selector, offset: 0, limit: 2 });
    const rest = await service.passages({ filter: NO_FILTER, selector, offset: 2, limit: 2 });
    expect(first.total).toBe(4);
    expect([...first.passages, ...rest.passages].map((p) => p.annotationId).sort()).toEqual(['x1', 'x2', 'x4', 'x7']);
    expect(first.passages[0]).toMatchObject({ quote: expect.any(String), documentId: expect.any(String), page: null });
    const tagged = await service.passages({ filter: { ...NO_FILTER, tags: ['key'] }, selector, offset: 0, limit: 10 });
    expect(tagged.passages.map((p) => p.annotationId)).toEqual(['x2']);
    const cell = await service.passages({ filter: NO_FILTER, selector: { kind: 'cell', principleId: 'p1', actorId: 'a' }, offset: 0, limit: 10 });
    expect(cell.total).toBe(4);
    await service.close();
    await store.close();
  });

  it('draws principles × a document variable’s values, filters by values, and follows their changes', async () => {
    const { store, idOf, annotations } = await fixtureLibrary();
    for (const id of idOf.values()) await store.addAnnotations(id, annotations.filter((a) => a.documentId === id));
    const [d1, d2, d3] = ['d1', 'd2', 'd3'].map((id) => idOf.get(id)!);
    const service = new AnalysisService(store);
    await service.start();
    const { variables } = await store.variables.edit({ op: 'create', name: 'Country', type: 'choice', choices: ['Kenya', 'France'] });
    const country = variables[0]!.id;
    await store.variables.edit({ op: 'set', variableId: country, documentIds: [d1!, d2!], value: 'France' });
    const request: AnalysisViewRequest = { view: 'matrix', filter: NO_FILTER, actorKinds: [], granularity: null, matrixVariableId: country };
    /** Passages per principle among the given sources, counted afresh. */
    const afresh = async (ids: string[]) => {
      const passages = (await store.allAnnotations()).filter((a) => ids.includes(a.documentId)).map((a) => toCodedPassage(a));
      const tally = tallyOf(passages);
      return store.getCodebook().principles.map((p) => tally.principles.get(p.id) ?? 0);
    };
    const columnsOf = (framework: NonNullable<Extract<AnalysisCounts, { view: 'matrix' }>['framework']>, j: number) => framework.cells.map((row) => row[j]);
    let counts = (await service.counts(request)) as Extract<AnalysisCounts, { view: 'matrix' }>;
    expect(counts.framework!.columns).toEqual([
      { value: 'France', label: 'France', sources: 2 },
      { value: '', label: '(no value)', sources: 1 },
    ]);
    expect(columnsOf(counts.framework!, 0)).toEqual(await afresh([d1!, d2!]));
    expect(columnsOf(counts.framework!, 1)).toEqual(await afresh([d3!]));

    // One source moved to another value: the next view shows it (the change is followed).
    await store.variables.edit({ op: 'setDocument', documentId: d2!, values: { [country]: 'Kenya' } });
    counts = (await service.counts(request)) as Extract<AnalysisCounts, { view: 'matrix' }>;
    expect(counts.framework!.columns.map((c) => c.label)).toEqual(['Kenya', 'France', '(no value)']);
    expect(columnsOf(counts.framework!, 0)).toEqual(await afresh([d2!]));
    // Its CSV names the variable, and says the count beside a value is of the sources having it.
    const csv = frameworkTable(counts.framework!);
    expect(csv[0]).toEqual(['principle', 'Country', 'sources_with_value', 'passages']);
    expect(csv.slice(1).every((row) => ['Kenya', 'France', '(no value)'].includes(String(row[1])))).toBe(true);

    // A filter by value narrows every view; a click on a cell lists exactly the passages counted.
    const filter = { ...NO_FILTER, variables: [{ variableId: country, values: ['France', ''] }] };
    const filtered = await service.counts({ ...request, view: 'coverage', filter });
    expect(filtered).toMatchObject({ sources: 2 });
    const p1 = store.getCodebook().principles.findIndex((p) => p.id === 'p1');
    const page = await service.passages({ filter: NO_FILTER, selector: { kind: 'framework', principleId: 'p1', variableId: country, value: 'France' }, offset: 0, limit: 50 });
    expect(page.total).toBe(columnsOf(counts.framework!, 1)[p1]);
    expect(new Set(page.passages.map((p) => p.documentId))).toEqual(new Set([d1]));
    await expect(service.counts({ ...request, matrixVariableId: 'gone' })).rejects.toThrow('That document variable no longer exists.');
    await service.close();
    await store.close();
  });

  describe('between sessions', () => {
    /** The fixture library with its annotations, counted once and closed; returns its folder. */
    async function closedLibrary() {
      const { store, idOf, annotations } = await fixtureLibrary();
      for (const id of idOf.values()) await store.addAnnotations(id, annotations.filter((a) => a.documentId === id));
      const service = new AnalysisService(store);
      await service.start();
      await service.close();
      await store.close();
      return { dir: store.paths.root, idOf };
    }
    const reopen = async (dir: string) => {
      const store = await LibraryStore.open(dir, { defaultCodebook: FIXTURE_CODEBOOK });
      return { store, service: new AnalysisService(store) };
    };

    it('counts an unchanged library without reading any annotations file', async () => {
      const { dir } = await closedLibrary();
      const mark = opened.length;
      const { store, service } = await reopen(dir);
      await service.start();
      expect(annotationFilesRead(mark)).toEqual([]);
      const both = await drawnBoth(store, service);
      expect(both.drawn).toEqual(both.fresh);
      expect(both.drawn[0]).toMatchObject({ view: 'matrix', count: 7 });
      await service.close();
      await store.close();
    });

    it('counts a document whose annotations changed while the library was closed from its file', async () => {
      const { dir, idOf } = await closedLibrary();
      const file = path.join(dir, 'documents', idOf.get('d1')!, 'annotations.json');
      const content = JSON.parse(await readFile(file, 'utf8')) as { annotations: { id: string }[] };
      await writeFile(file, JSON.stringify({ ...content, annotations: content.annotations.slice(1) }));
      const { store, service } = await reopen(dir);
      const both = await drawnBoth(store, service);
      expect(both.drawn).toEqual(both.fresh);
      expect(both.drawn[0]).toMatchObject({ count: 6 });
      await service.close();
      await store.close();
    });

    it.each([
      ['altered', (text: string) => text.replace(/"ids":\["[^"]+"/, '"ids":["someone-else"')],
      ['torn', (text: string) => text.slice(0, text.length / 2)],
      ['of another shape', () => '{"sha256":"0","body":[]}'],
    ])('reads every annotations file again when the saved facts are %s', async (_, damage) => {
      const { dir } = await closedLibrary();
      const file = path.join(dir, 'cache', FACTS_FILE);
      await writeFile(file, damage(await readFile(file, 'utf8')));
      const mark = opened.length;
      const { store, service } = await reopen(dir);
      await service.start();
      expect(annotationFilesRead(mark)).toHaveLength(3);
      const both = await drawnBoth(store, service);
      expect(both.drawn).toEqual(both.fresh);
      await service.close();
      await store.close();
    });
  });
});
