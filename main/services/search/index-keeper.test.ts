// Search follows the store's change events: nobody tells it what changed, every change made through
// the store is found (or no longer found) by the next query.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { EventBus } from '../events';
import { LibraryStore } from '../library/store';
import { useTempDir } from '../../test-support/temp';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { InlineBuilder } from './builder';
import { SearchService } from './search-service';

const tempDir = useTempDir();

async function openLibrary(dir: string) {
  const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
  const search = new SearchService(store, new EventBus(), { builder: new InlineBuilder(), persistDelayMs: 10, log: () => undefined });
  await search.start();
  await search.idle();
  return { store, search };
}

const note = (documentId: string, id: string, words: string) => sampleAnnotation(documentId, { id, body: { ...sampleAnnotation(documentId).body, note: words } });

describe('search following the library store', () => {
  it('finds what the store added, changed, replaced and deleted, without being told', async () => {
    const { store, search } = await openLibrary(await tempDir());
    const first = await store.addDocument(sampleDocument({ text: { text: 'Numbats eat termites.', blocks: [{ type: 'p', start: 0, end: 21 }], pages: null } }));
    const second = await store.addDocument(sampleDocument({ contentHash: 'c'.repeat(64) }));
    expect((await search.query('numbats')).total.passages).toBe(1);

    // Writes started together, as a bulk import makes them: every one is searchable afterwards.
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.saveAnnotation(note(i % 2 ? first.id : second.id, `n${i}`, `bilby${i} common`))));
    expect((await search.query('common', { limit: 50 })).total.annotations).toBe(30);
    await store.addAnnotations(first.id, [note(first.id, 'imp', 'quoll')]);
    expect((await search.query('quoll')).annotations.map((h) => h.annotationId)).toEqual(['imp']);
    await store.saveAnnotation(note(first.id, 'imp', 'dunnart'));
    expect((await search.query('quoll')).total.annotations).toBe(0);
    await store.deleteAnnotation(first.id, 'n1');
    expect((await search.query('bilby1')).total.annotations).toBe(0);

    // A new title is what doc: matches; a renamed principle is found by its new name.
    await store.updateMetadata(first.id, { ...first.metadata, title: 'Marsupial survey' });
    expect((await search.query('doc:"marsupial survey" dunnart')).total.annotations).toBe(1);
    const renamed = PARIS_CALL_CODEBOOK.principles.map((p) => (p.id === 'international-norms' ? { ...p, name: 'Wombat principle' } : p));
    await store.saveCodebook({ ...PARIS_CALL_CODEBOOK, principles: renamed });
    await search.idle();
    expect((await search.query('wombat')).total.annotations).toBe(30);

    const text = 'Echidnas lay eggs.';
    await store.replaceFile(first.id, {
      originalName: 'v2.txt',
      bytes: new TextEncoder().encode(text),
      contentHash: 'd'.repeat(64),
      text: { text, blocks: [{ type: 'p', start: 0, end: text.length }], pages: null },
      pageCount: null,
      warnings: [],
      annotations: () => [note(first.id, 'kept', 'platypus')],
    });
    expect((await search.query('numbats')).total.passages).toBe(0);
    expect((await search.query('echidnas')).total.passages).toBe(1);
    expect((await search.query('platypus')).total.annotations).toBe(1);
    expect((await search.query('dunnart')).total.annotations).toBe(0);

    await store.deleteDocument(second.id);
    expect((await search.query('hack-back')).total.passages).toBe(0);
    expect((await search.query('common', { limit: 50 })).total.annotations).toBe(0);
    await search.close();
    // Closed: later changes are for the check at the next start, not for this index.
    await store.saveAnnotation(note(first.id, 'late', 'bandicoot'));
    await store.close();

    const reopened = await openLibrary(store.paths.root);
    expect((await reopened.search.query('bandicoot')).total.annotations).toBe(1);
    expect((await reopened.search.query('platypus')).total.annotations).toBe(1);
    await reopened.search.close();
    await reopened.store.close();
  });
});

describe('search index kept between sessions', () => {
  /** A builder that counts the annotations it indexes. */
  class CountingBuilder extends InlineBuilder {
    annotations = 0;
    override build(...args: Parameters<InlineBuilder['build']>) {
      if (args[0] === 'annotation') this.annotations += args[1].length;
      return super.build(...args);
    }
  }

  it('does not index again a library copied elsewhere (new file times, same content), only what changed in it', async () => {
    const { store, search } = await openLibrary(await tempDir());
    const first = await store.addDocument(sampleDocument());
    const second = await store.addDocument(sampleDocument({ contentHash: 'c'.repeat(64) }));
    for (let i = 0; i < 10; i++) await store.saveAnnotation(note(i % 2 ? first.id : second.id, `n${i}`, `bilby${i} common`));
    await search.close();
    await store.close();
    // A copy without its times: what a new disk, a backup restored or a sync tool leaves.
    const copy = await tempDir();
    await cp(store.paths.root, copy, { recursive: true });
    // And one annotations file changed by hand meanwhile: that document's annotations are indexed again.
    const file = path.join(copy, 'documents', first.id, 'annotations.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { annotations: { body: { note: string } }[] };
    stored.annotations[0]!.body.note = 'quokka';
    await writeFile(file, JSON.stringify(stored));

    const reopened = await LibraryStore.open(copy, { defaultCodebook: PARIS_CALL_CODEBOOK });
    const builder = new CountingBuilder();
    const copied = new SearchService(reopened, new EventBus(), { builder, persistDelayMs: 10, log: () => undefined });
    await copied.start();
    await copied.idle();
    expect(builder.annotations).toBe(5); // the first document's, not all ten
    expect((await copied.query('quokka')).total.annotations).toBe(1);
    expect((await copied.query('common', { limit: 50 })).total.annotations).toBe(9); // one note is now "quokka"
    await copied.close();
    await reopened.close();
  });
});
