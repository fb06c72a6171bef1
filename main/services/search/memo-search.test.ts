// Memos in search: their own section, found as soon as they are written, with the clauses' meaning for
// memos (words and phrases in title or text, memo:, principle:/actor:/doc: for what they are about),
// and gone when deleted.
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { EventBus } from '../events';
import { LibraryStore } from '../library/store';
import { useTempDir } from '../../test-support/temp';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { InlineBuilder } from './builder';
import { withinEdits } from './memo-search';
import { SearchService } from './search-service';

const tempDir = useTempDir();

async function library() {
  const store = await LibraryStore.open(await tempDir(), { defaultCodebook: PARIS_CALL_CODEBOOK });
  const search = new SearchService(store, new EventBus(), { builder: new InlineBuilder(), persistDelayMs: 10, log: () => undefined });
  await search.start();
  const document = await store.addDocument(sampleDocument({ metadata: { ...sampleDocument().metadata, title: 'Geneva talks', date: '2019-05' } }));
  await store.saveAnnotation(sampleAnnotation(document.id, { body: { ...sampleAnnotation(document.id).body, note: 'cooperation between states' } }));
  const onDocument = await store.memos.edit({
    op: 'create',
    title: 'Why Geneva matters',
    body: '# Reading\n\nThe talks show **norms** of cooperation emerging.\n\n<b>raw</b>',
    target: { kind: 'document', documentId: document.id },
  });
  const onPrinciple = await store.memos.edit({ op: 'create', title: 'Coding rule', body: 'Only explicit commitments count.', target: { kind: 'principle', principleId: 'international-norms' } });
  const project = await store.memos.edit({ op: 'create', title: 'Research question', body: 'Do states converge on a norm of cooperation?', target: { kind: 'project' } });
  return { store, search, document, onDocument, onPrinciple, project };
}

describe('memos in search', () => {
  it('are their own section, matched in title and text with stemming, marked, and say what they are about', async () => {
    const { store, search, onDocument, project } = await library();
    const results = await search.query('cooperation');
    expect(results.annotations).toHaveLength(1);
    expect(results.memos.map((m) => m.memoId).sort()).toEqual([onDocument.id, project.id].sort());
    expect(results.total.memos).toBe(2);
    const hit = results.memos.find((m) => m.memoId === onDocument.id)!;
    expect(hit).toMatchObject({ title: 'Why Geneva matters', about: 'Document: Geneva talks' });
    // The snippet is the memo's text without its markup; raw HTML is text like any other.
    expect(hit.snippet).toBe('Reading\nThe talks show norms of cooperation emerging.\n<b>raw</b>');
    expect(hit.marks.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['cooperation']);
    // "norm" finds "norms" (the index's stemming); a title match ranks first.
    expect((await search.query('norm')).memos.map((m) => m.memoId).sort()).toEqual([onDocument.id, project.id].sort());
    const titled = await search.query('geneva');
    expect(titled.memos[0]).toMatchObject({ memoId: onDocument.id, titleMarks: [[4, 10]] });
    await search.close();
    await store.close();
  });

  it('reads memo:, principle:, actor:, doc: and negation for memos; memo: leaves out annotations and passages', async () => {
    const { store, search, onDocument, onPrinciple, project } = await library();
    const byMemo = await search.query('memo:"converge on a norm"');
    expect(byMemo.memos.map((m) => m.memoId)).toEqual([project.id]);
    expect(byMemo.annotations).toEqual([]);
    expect(byMemo.passages).toEqual([]);
    expect((await search.query('principle:international-norms')).memos.map((m) => m.memoId)).toEqual([onPrinciple.id]);
    expect((await search.query('doc:geneva')).memos.map((m) => m.memoId)).toEqual([onDocument.id]);
    expect((await search.query('year:2019 cooperation')).memos.map((m) => m.memoId)).toEqual([onDocument.id]);
    expect((await search.query('cooperation -memo:geneva')).memos.map((m) => m.memoId)).toEqual([project.id]);
    expect((await search.query('stance:supports')).memos).toEqual([]);
    expect((await search.query('-cooperation')).memos).toEqual([]);
    // Typing: the last word is a prefix; word~1 forgives a typo.
    expect((await search.query('commit', { typing: true })).memos.map((m) => m.memoId)).toEqual([onPrinciple.id]);
    expect((await search.query('commitmants~1')).memos.map((m) => m.memoId)).toEqual([onPrinciple.id]);
    await search.close();
    await store.close();
  });

  it('follows memos as they change, and keeps to a scope', async () => {
    const { store, search, document, onDocument, project } = await library();
    await store.memos.edit({ op: 'update', id: project.id, title: 'Research question', body: 'Rewritten entirely.', target: { kind: 'project' } });
    expect((await search.query('cooperation')).memos.map((m) => m.memoId)).toEqual([onDocument.id]);
    expect((await search.query('rewritten')).memos.map((m) => m.memoId)).toEqual([project.id]);
    await store.memos.edit({ op: 'delete', id: onDocument.id });
    expect((await search.query('cooperation')).memos).toEqual([]);
    await store.memos.edit({ op: 'restore', memo: onDocument });
    expect((await search.query('cooperation', { documents: new Set([document.id]) })).memos.map((m) => m.memoId)).toEqual([onDocument.id]);
    expect((await search.query('rewritten', { documents: new Set([document.id]) })).memos).toEqual([]);
    await search.close();
    await store.close();
  });

  it('counts edits as lunr does (transpositions are one)', () => {
    expect(withinEdits('norms', 'nroms', 1)).toBe(true);
    expect(withinEdits('norms', 'norm', 1)).toBe(true);
    expect(withinEdits('norms', 'forms', 1)).toBe(true);
    expect(withinEdits('norms', 'farms', 1)).toBe(false);
    expect(withinEdits('norms', 'farms', 2)).toBe(true);
  });
});
