// The search field linked: over a real library: linked:<relation> and linked:any find the highlights at
// either end of a live link, -linked: leaves them out, a link gone with a deleted highlight no longer
// counts, and a relation that does not exist is named as a query problem.
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { linkEditSchema } from '../../../shared/links/edit';
import { EventBus } from '../events';
import { LibraryStore } from '../library/store';
import { useTempDir } from '../../test-support/temp';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { InlineBuilder } from './builder';
import { SearchService } from './search-service';

const tempDir = useTempDir();

async function linkedLibrary() {
  const store = await LibraryStore.open(await tempDir(), { defaultCodebook: PARIS_CALL_CODEBOOK });
  const search = new SearchService(store, new EventBus(), { builder: new InlineBuilder(), persistDelayMs: 10, log: () => undefined });
  await search.start();
  const one = await store.addDocument(sampleDocument());
  const two = await store.addDocument(sampleDocument({ contentHash: 'b'.repeat(64), metadata: { ...sampleDocument().metadata, title: 'Second' } }));
  for (const [doc, id] of [[one.id, 'a1'], [one.id, 'a2'], [two.id, 'b1'], [two.id, 'b2']] as const) await store.saveAnnotation(sampleAnnotation(doc, { id }));
  const link = (from: readonly [string, string], to: readonly [string, string], relation: string) =>
    store.links.edit(linkEditSchema.parse({ op: 'create', from: { documentId: from[0], annotationId: from[1] }, to: { documentId: to[0], annotationId: to[1] }, relation }));
  await link([one.id, 'a1'], [two.id, 'b1'], 'contradicts');
  await link([one.id, 'a2'], [two.id, 'b1'], 'translation of');
  return { store, search, one, two };
}

const ids = async (search: SearchService, query: string) => (await search.query(query, { limit: 50 })).annotations.map((h) => h.annotationId).sort();

describe('linked: in search', () => {
  it('finds the highlights at either end of a link of a relation, or of any link', async () => {
    const { store, search } = await linkedLibrary();
    expect(await ids(search, 'linked:contradicts')).toEqual(['a1', 'b1']);
    expect(await ids(search, 'linked:"translation of"')).toEqual(['a2', 'b1']);
    expect(await ids(search, 'linked:Translation-Of')).toEqual(['a2', 'b1']);
    expect(await ids(search, 'linked:any')).toEqual(['a1', 'a2', 'b1']);
    expect(await ids(search, 'norms -linked:any')).toEqual(['b2']);
    expect(await ids(search, 'linked:contradicts doc:second')).toEqual(['b1']);
    // No source passage is ever linked.
    expect((await search.query('linked:any norms')).passages).toEqual([]);
    // A relation no link uses yet finds nothing; one that does not exist is a query problem.
    expect(await ids(search, 'linked:amends')).toEqual([]);
    const wrong = await search.query('linked:refutes');
    expect(wrong.error?.message).toMatch(/No relation is called “refutes”/);
    await search.close();
    await store.close();
  });

  it('stops counting a link gone with its deleted highlight, and counts it again after Undo', async () => {
    const { store, search, two } = await linkedLibrary();
    const removed = await store.deleteAnnotation(two.id, 'b1');
    expect(await ids(search, 'linked:any')).toEqual([]);
    await store.saveAnnotation(removed);
    expect(await ids(search, 'linked:contradicts')).toEqual(['a1', 'b1']);
    await search.close();
    await store.close();
  });
});
