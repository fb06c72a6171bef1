// The search service over a real library on disk: edits searchable at once, deletions never returned,
// the index persisted and loaded, a damaged index rebuilt with progress, and the worker thread.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../shared/api';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { DocumentText } from '../../../shared/model';
import { EventBus } from '../events';
import { LibraryStore } from '../library/store';
import { useTempDir } from '../../test-support/temp';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { InlineBuilder } from './builder';
import { SavedSearches } from './saved-searches';
import { SearchService } from './search-service';
import { WorkerBuilder } from './worker-builder';

const tempDir = useTempDir();

function pdfText(): DocumentText {
  const paragraphs = ['Zürich hosts talks on the rule of law in cyberspace.', 'States oppose private hack-back by companies.', 'A third page on norms.'];
  let text = '';
  const blocks: DocumentText['blocks'] = [];
  for (const p of paragraphs) {
    if (text) text += '\n\n';
    blocks.push({ type: 'p', start: text.length, end: text.length + p.length });
    text += p;
  }
  return { text, blocks, pages: blocks.map((b) => ({ start: b.start, end: b.end + 2 })) };
}

async function openLibrary(dir: string) {
  const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
  const events = new EventBus();
  const seen: ApiEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const search = new SearchService(store, events, { builder: new InlineBuilder(), persistDelayMs: 10, log: () => undefined });
  await search.start();
  await search.idle();
  return { store, search, events: seen };
}

async function withDocument(dir: string) {
  const opened = await openLibrary(dir);
  const document = await opened.store.addDocument(
    sampleDocument({ text: pdfText(), format: 'pdf', pageCount: 3, metadata: { ...sampleDocument().metadata, title: 'Geneva talks', date: '2019-05' } }),
  );
  return { ...opened, document };
}

describe('SearchService', () => {
  it('finds passages with their page and marks, and annotations as soon as they are saved', async () => {
    const { store, search, document } = await withDocument(await tempDir());
    const passages = await search.query('zurich');
    expect(passages.passages).toHaveLength(1);
    expect(passages.passages[0]).toMatchObject({ documentTitle: 'Geneva talks', page: 1, paragraph: 1 });
    const hit = passages.passages[0]!;
    expect(hit.snippet.slice(hit.marks[0]![0], hit.marks[0]![1])).toBe('Zürich');
    // The hit points at the matched word, so the reader flashes it.
    expect(pdfText().text.slice(hit.start, hit.end)).toBe('Zürich');

    const annotation = sampleAnnotation(document.id, {
      id: 'hb',
      target: {
        selector: [
          { type: 'TextQuoteSelector', exact: 'private hack-back', prefix: '', suffix: '' },
          { type: 'TextPositionSelector', start: 66, end: 83 },
        ],
      },
      body: { color: 'green', note: 'Industry view', tags: ['followup'], principles: ['no-private-hack-back'], actors: [{ actorId: 'russia', stance: 'opposes' }] },
    });
    const saved = await store.saveAnnotation(annotation);
    const found = await search.query('principle:hack-back industry');
    expect(found.annotations.map((h) => h.annotationId)).toEqual(['hb']);
    expect(found.annotations[0]).toMatchObject({ page: 2, color: 'green', labels: ['No private hack-back', 'Russia · opposes', '#followup'] });
    expect(found.facets.find((f) => f.field === 'actor')?.values[0]).toMatchObject({ label: 'Russia', count: 1, clause: 'actor:russia' });
    // Words of linked codes are searchable too.
    expect((await search.query('kremlin')).annotations).toHaveLength(1);

    // Edited: the old words no longer find it; deleted: nothing does.
    await store.saveAnnotation({ ...saved, body: { ...saved.body, note: 'Government view' } });
    expect((await search.query('industry')).annotations).toEqual([]);
    expect((await search.query('government')).annotations).toHaveLength(1);
    // A hit shows the note as it is now, though the document's annotations were read for an earlier hit.
    expect((await search.query('government')).annotations[0]?.note?.text).toBe('Government view');
    await store.saveAnnotation({ ...saved, body: { ...saved.body, note: 'Government view, revised' } });
    expect((await search.query('government')).annotations[0]?.note?.text).toBe('Government view, revised');
    await store.deleteAnnotation(document.id, 'hb');
    expect((await search.query('government')).total.annotations).toBe(0);
    expect((await search.query('tag:followup')).total.annotations).toBe(0);

    await search.close();
    await store.close();
  });

  it("shows hits' printed page labels: the PDF's own, then the user's offset as soon as it is set", async () => {
    const { store, search, document } = await withDocument(await tempDir());
    expect((await search.query('zurich')).passages[0]).toMatchObject({ page: 1, pageLabel: '1' });
    await store.updateMetadata(document.id, document.metadata, undefined, { pageOffset: 214 });
    expect((await search.query('norms')).passages[0]).toMatchObject({ page: 3, pageLabel: '217' });
    await store.saveAnnotation(
      sampleAnnotation(document.id, {
        id: 'hb',
        target: { selector: [{ type: 'TextQuoteSelector', exact: 'private hack-back', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 66, end: 83 }] },
      }),
    );
    expect((await search.query('hack')).annotations[0]).toMatchObject({ page: 2, pageLabel: '216' });
    await search.close();
    await store.close();
  });

  it('finds by document variables as they are now, with the text and other filters, without reindexing', async () => {
    const { store, search, document } = await withDocument(await tempDir());
    const other = await store.addDocument(sampleDocument({ text: pdfText(), format: 'pdf', pageCount: 3, metadata: { ...sampleDocument().metadata, title: 'Other talks' } }));
    await search.idle();
    const state = await store.variables.edit({ op: 'create', name: 'Country', type: 'choice', choices: ['France', 'Kenya'] });
    const countryId = state.variables[0]!.id;
    await store.variables.edit({ op: 'set', variableId: countryId, documentIds: [document.id], value: 'France' });
    const generation = search.index.generation;
    const titles = async (query: string) => [...new Set((await search.query(query)).passages.map((h) => h.documentTitle))].sort();
    expect(await titles('zurich var:country=france')).toEqual(['Geneva talks']);
    expect(await titles('zurich -var:country=France')).toEqual(['Other talks']);
    expect(await titles('zurich var:country')).toEqual(['Geneva talks']);
    expect(await titles('zurich var:country=kenya')).toEqual([]);
    // A changed value is found by the next query; the text index was not touched.
    await store.variables.edit({ op: 'set', variableId: countryId, documentIds: [document.id, other.id], value: 'Kenya' });
    expect(await titles('zurich var:country=kenya doc:other')).toEqual(['Other talks']);
    expect(await titles('var:country=kenya zurich')).toEqual(['Geneva talks', 'Other talks']);
    expect(search.index.generation).toBe(generation);
    const bad = await search.query('zurich var:nosuch=1');
    expect(bad.error).toEqual({ message: 'There is no variable “nosuch”. The variables are Country (they complete as you type).', start: 7, end: 19 });
    expect((await search.complete('var:country=k', 13)).items.map((i) => i.insert)).toEqual(['var:Country=Kenya']);
    await search.close();
    await store.close();
  });

  it('reports bad queries as errors with a place, and facets with counts', async () => {
    const { store, search } = await withDocument(await tempDir());
    const bad = await search.query('norms principle:nonsense');
    expect(bad.error).toMatchObject({ start: 6, end: 24 });
    expect(bad.error!.message).toMatch(/No principle/);
    const years = await search.query('norms');
    expect(years.facets.find((f) => f.field === 'year')?.values).toEqual([{ label: '2019', count: 1, clause: 'year:2019' }]);
    expect((await search.query('norms year:2020')).total.passages).toBe(0);
    expect((await search.query('norms doc:"geneva talks"')).total.passages).toBe(1);
    await search.close();
    await store.close();
  });

  it('keeps the index on disk: a restart loads it, a damaged one is rebuilt with progress', async () => {
    const dir = await tempDir();
    const first = await withDocument(dir);
    await first.store.saveAnnotation(sampleAnnotation(first.document.id, { id: 'kept' }));
    await first.search.close();
    await first.store.close();
    const cache = path.join(dir, 'cache', 'search');
    expect((await readdir(cache)).filter((f) => f.endsWith('.seg')).length).toBeGreaterThan(0);

    const second = await openLibrary(dir);
    expect(second.events.filter((e) => e.name === 'task.progress')).toEqual([]);
    expect((await second.search.query('norms')).total).toEqual({ annotations: 1, passages: 1, memos: 0 });
    await second.search.close();
    await second.store.close();

    // Damage every segment file: the next start rebuilds from the library and says how far it is.
    for (const file of await readdir(cache)) if (file.endsWith('.seg')) await writeFile(path.join(cache, file), 'not a segment');
    const third = await openLibrary(dir);
    const progress = third.events.filter((e) => e.name === 'task.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.payload).toMatchObject({ task: 'search-index', done: 2, total: 2 });
    expect((await third.search.query('norms')).total).toEqual({ annotations: 1, passages: 1, memos: 0 });
    await third.search.close();
    await third.store.close();

    // Changes made while the index was not watching (another tool, a crash) are picked up at start.
    await rm(path.join(cache, 'manifest.json'));
    const fourth = await openLibrary(dir);
    expect((await fourth.search.query('norms')).total).toEqual({ annotations: 1, passages: 1, memos: 0 });
    await fourth.search.close();
    await fourth.store.close();
  });

  it('indexes a replaced file afresh, at once or at the next start if it was replaced unseen', async () => {
    const dir = await tempDir();
    const { store, search, document } = await withDocument(dir);
    const version = (word: string, hash: string) => {
      const text = `A revised text about ${word}.`;
      return {
        originalName: 'v.pdf',
        bytes: new TextEncoder().encode(text),
        contentHash: hash.repeat(64),
        text: { text, blocks: [{ type: 'p' as const, start: 0, end: text.length }], pages: [{ start: 0, end: text.length }] },
        pageCount: 1,
        warnings: [],
        annotations: () => [],
      };
    };
    await store.replaceFile(document.id, version('quokkas', 'b'));
    expect((await search.query('zurich')).total.passages).toBe(0);
    expect((await search.query('quokkas')).total.passages).toBe(1);
    await search.close();

    // Replaced while search was not running: the stamp of the file tells the next start.
    await store.replaceFile(document.id, version('wombats', 'c'));
    await store.close();
    const reopened = await openLibrary(dir);
    expect((await reopened.search.query('quokkas')).total.passages).toBe(0);
    expect((await reopened.search.query('wombats')).total.passages).toBe(1);
    await reopened.search.close();
    await reopened.store.close();
  });

  it('merges many small segments in the background without losing or resurrecting entries', async () => {
    const { store, search, document } = await withDocument(await tempDir());
    for (let i = 0; i < 20; i++) {
      await store.saveAnnotation(sampleAnnotation(document.id, { id: `m${i}`, body: { ...sampleAnnotation('x').body, note: `word${i} common` } }));
    }
    for (let i = 0; i < 20; i += 2) {
      await store.deleteAnnotation(document.id, `m${i}`);
    }
    await search.idle();
    expect(search.index.ofKind('annotation').length).toBeLessThan(8);
    const result = await search.query('common', { limit: 50 });
    expect(result.annotations.map((h) => h.annotationId).sort()).toEqual(Array.from({ length: 10 }, (_, k) => `m${2 * k + 1}`).sort());
    await search.close();
    await store.close();
  });
});

describe('WorkerBuilder', () => {
  it('builds segments in a worker thread from the bundled worker script', async () => {
    // Inside the repository, so the bundle's packages resolve from node_modules like dist/'s do.
    const cacheDir = path.resolve(import.meta.dirname, '../../../node_modules/.cache');
    await mkdir(cacheDir, { recursive: true });
    const out = await mkdtemp(path.join(cacheDir, 'apostil-worker-test-'));
    try {
      const script = path.join(out, 'search-worker.js');
      await build({
        entryPoints: [path.join(import.meta.dirname, 'worker-entry.ts')],
        outfile: script,
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        logLevel: 'silent',
        absWorkingDir: path.resolve(import.meta.dirname, '../../..'),
      });
      const dir = await tempDir();
      const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
      const document = await store.addDocument(sampleDocument({ text: pdfText() }));
      const builder = new WorkerBuilder(script);
      const progress: number[] = [];
      const built = await builder.buildPassages(
        [{ documentId: document.id, textFile: store.paths.document(document.id).text }, { documentId: 'missing', textFile: path.join(dir, 'nope.json') }],
        (done) => progress.push(done),
      );
      expect(progress).toEqual([1, 2]);
      expect(built.problems).toMatchObject([{ documentId: 'missing' }]);
      const search = new SearchService(store, new EventBus(), { builder, log: () => undefined });
      await search.start();
      await search.idle();
      expect((await search.query('hack-back')).total.passages).toBe(1);
      await search.close();
      await store.close();
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('starts its worker only when there is something to build, and stops it once idle', async () => {
    const cacheDir = path.resolve(import.meta.dirname, '../../../node_modules/.cache');
    await mkdir(cacheDir, { recursive: true });
    const out = await mkdtemp(path.join(cacheDir, 'apostil-worker-test-'));
    try {
      // A stand-in worker that answers every request with a one-byte segment.
      const script = path.join(out, 'echo-worker.mjs');
      await writeFile(
        script,
        "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => parentPort.postMessage({ id: m.id, type: 'done', bytes: new Uint8Array(1), problems: [] }));\n",
      );
      const builder = new WorkerBuilder(script, 50);
      expect(builder.running).toBe(false);
      expect(await builder.build('annotation', [])).toHaveLength(1);
      expect(builder.running).toBe(true);
      await vi.waitFor(() => expect(builder.running).toBe(false), { timeout: 5_000 });
      // The next build starts it again.
      expect((await builder.buildPassages([])).bytes).toHaveLength(1);
      await builder.close();
      expect(builder.running).toBe(false);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('keeps building on the main thread when the worker cannot start', async () => {
    const cacheDir = path.resolve(import.meta.dirname, '../../../node_modules/.cache');
    await mkdir(cacheDir, { recursive: true });
    const out = await mkdtemp(path.join(cacheDir, 'apostil-worker-test-'));
    try {
      const script = path.join(out, 'broken-worker.js');
      await writeFile(script, 'throw new Error("cannot start");\n');
      const builder = new WorkerBuilder(script);
      const dir = await tempDir();
      const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
      const document = await store.addDocument(sampleDocument({ text: pdfText() }));
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        const built = await builder.buildPassages([{ documentId: document.id, textFile: store.paths.document(document.id).text }]);
        expect(built.problems).toEqual([]);
        expect(built.bytes.byteLength).toBeGreaterThan(100);
      } finally {
        console.warn = warn;
      }
      await builder.close();
      await store.close();
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('SavedSearches', () => {
  it('keeps saved searches in a plain file, replacing by name, and refuses a damaged file clearly', async () => {
    const dir = await tempDir();
    const saved = new SavedSearches(dir);
    expect(await saved.list()).toEqual([]);
    await saved.save('Hack-back', 'principle:hack-back');
    const list = await saved.save('hack-back', 'principle:hack-back actor:russia');
    expect(list).toMatchObject([{ name: 'Hack-back', query: 'principle:hack-back actor:russia' }]);
    expect(await new SavedSearches(dir).list()).toEqual(list);
    await expect(saved.delete('nope')).rejects.toThrow(/no longer exists/);
    expect(await saved.delete(list[0]!.id)).toEqual([]);
    await writeFile(path.join(dir, 'saved-searches.json'), '{');
    await expect(new SavedSearches(dir).list()).rejects.toThrow(/not a valid list of saved searches/);
  });
});
