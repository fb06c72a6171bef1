// Organising the library through the dispatcher, on a real library: collections and tags, the table's
// counts, trash and Undo, and search, the analysis and an export scoped to a collection or a tag.
import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../shared/collections/scope';
import type { ApiResult } from '../../shared/errors';
import { NO_FILTER, type AnalysisCounts } from '../../shared/analysis';
import type { ExportedFile } from '../../shared/interchange/types';
import type { Collection, LibraryDocument } from '../../shared/model';
import type { SearchResults } from '../../shared/search/types';
import { sampleAnnotation } from '../test-support/fixtures';
import { openTestApp, type TestApp } from '../test-support/library-app';
import { useTempDir } from '../test-support/temp';

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function failure(result: ApiResult<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected the call to fail');
  return result.error;
}

describe('organising the library through the dispatcher', () => {
  const tempDir = useTempDir();

  /** Three documents about different things; "EU" holds the first two (the second in "Commission"). */
  async function organised(): Promise<{ test: TestApp; docs: LibraryDocument[]; eu: string; commission: string }> {
    const test = await openTestApp(await tempDir(), await tempDir());
    const { dispatch } = test;
    const docs: LibraryDocument[] = [];
    for (const [name, text] of [
      ['council.txt', 'The Council discussed ransomware and election security.'],
      ['commission.txt', 'The Commission proposed rules on ransomware reporting.'],
      ['un.txt', 'The United Nations group of experts met on ransomware norms.'],
    ] as const) {
      docs.push(value<{ document: LibraryDocument }>(await dispatch('documents.import', { name, bytes: new TextEncoder().encode(text) })).document);
    }
    let collections = value<Collection[]>(await dispatch('collections.edit', { edit: { op: 'create', name: 'EU', parentId: null } }));
    const eu = collections[0]!.id;
    collections = value<Collection[]>(await dispatch('collections.edit', { edit: { op: 'create', name: 'Commission', parentId: eu } }));
    const commission = collections.find((c) => c.name === 'Commission')!.id;
    value(await dispatch('collections.edit', { edit: { op: 'addDocuments', id: eu, documentIds: [docs[0]!.id] } }));
    value(await dispatch('collections.edit', { edit: { op: 'addDocuments', id: commission, documentIds: [docs[1]!.id] } }));
    value(await dispatch('documentTags.edit', { edit: { op: 'add', documentIds: [docs[2]!.id, docs[1]!.id], tags: ['#urgent'] } }));
    return { test, docs, eu, commission };
  }

  it('keeps collections and tags, and refuses what makes no sense with a message', async () => {
    const { test, docs, eu } = await organised();
    const organisation = value<Organisation>(await test.dispatch('collections.get', {}));
    expect(organisation.collections.map((c) => c.name)).toEqual(['EU', 'Commission']);
    expect(organisation.tags).toEqual({ [docs[2]!.id]: ['urgent'], [docs[1]!.id]: ['urgent'] });
    expect(failure(await test.dispatch('collections.edit', { edit: { op: 'create', name: 'eu', parentId: null } }))).toEqual({
      code: 'duplicate',
      message: 'There is already a collection called “EU” at the top level.',
    });
    expect(failure(await test.dispatch('collections.edit', { edit: { op: 'move', id: eu, parentId: organisation.collections[1]!.id } })).code).toBe('invalid-input');
    expect(failure(await test.dispatch('documentTags.edit', { edit: { op: 'add', documentIds: [docs[0]!.id], tags: ['two words'] } })).message).toMatch(/spaces/);
    expect(test.internalErrors).toEqual([]);
    await test.close();
  });

  it('counts annotations and coded principles per document for the table', async () => {
    const { test, docs } = await organised();
    const annotation = sampleAnnotation(docs[0]!.id, {
      target: { selector: [{ type: 'TextQuoteSelector', exact: 'Council', prefix: 'The ', suffix: ' discussed' }] },
    });
    value(await test.dispatch('annotations.save', { annotation }));
    value(await test.dispatch('annotations.save', { annotation: { ...annotation, id: 'ann-2', body: { ...annotation.body, principles: [] } } }));
    const stats = value<Record<string, { annotations: number; principles: number }>>(await test.dispatch('documents.stats', {}));
    expect(stats[docs[0]!.id]).toEqual({ annotations: 2, principles: 1 });
    expect(stats[docs[1]!.id]).toEqual({ annotations: 0, principles: 0 });
    expect(Object.keys(value(await test.dispatch('documents.stats', { ids: [docs[1]!.id] })))).toEqual([docs[1]!.id]);
    await test.close();
  });

  it('scopes search, the analysis and an export to a collection (with its sub-collections) or a tag', async () => {
    const { test, docs, eu, commission } = await organised();
    const { dispatch } = test;
    await test.app.search.start();
    const found = async (scope: unknown) => {
      const results = value<SearchResults>(await dispatch('search.query', { query: 'ransomware', scope }));
      return results.passages.map((hit) => hit.documentId).sort();
    };
    expect(await found(undefined)).toEqual(docs.map((d) => d.id).sort());
    expect(await found({ kind: 'collection', collectionId: eu })).toEqual([docs[0]!.id, docs[1]!.id].sort());
    expect(await found({ kind: 'collection', collectionId: commission })).toEqual([docs[1]!.id]);
    expect(await found({ kind: 'tag', tag: 'URGENT' })).toEqual([docs[1]!.id, docs[2]!.id].sort());
    expect(await found({ kind: 'unfiled' })).toEqual([docs[2]!.id, ...(await found(undefined)).filter((id) => !docs.some((d) => d.id === id))].sort());
    expect(failure(await dispatch('search.query', { query: 'ransomware', scope: { kind: 'collection', collectionId: 'gone' } })).message).toBe(
      'That collection no longer exists.',
    );

    const request = { view: 'coverage', filter: NO_FILTER, actorKinds: [], granularity: null } as const;
    const scoped = value<AnalysisCounts>(await dispatch('analysis.counts', { ...request, scope: { kind: 'collection', collectionId: commission } }));
    expect(scoped.sources).toBe(1);
    expect(value<AnalysisCounts>(await dispatch('analysis.counts', { ...request, scope: { kind: 'collection', collectionId: eu } })).sources).toBe(2);
    // The scope narrows sources chosen by hand too, never widens them.
    const chosen = { ...request, filter: { ...NO_FILTER, documentIds: [docs[0]!.id, docs[2]!.id] }, scope: { kind: 'collection', collectionId: eu } };
    expect(value<AnalysisCounts>(await dispatch('analysis.counts', chosen)).sources).toBe(1);
    expect(value<AnalysisCounts>(await dispatch('analysis.counts', request)).sources).toBe(4);

    const exported = value<ExportedFile>(
      await dispatch('export.run', { taskId: 'export-1', request: { format: 'csl-json', scope: { kind: 'collection', collectionId: eu } } }),
    );
    expect(exported.fileName).toMatch(/^apostil-collection-eu-\d{4}-\d{2}-\d{2}-references\.json$/);
    const items = JSON.parse(new TextDecoder().decode(exported.bytes)) as { title: string; keyword?: string }[];
    expect(items.map((i) => i.keyword ?? '')).toEqual(expect.arrayContaining(['', 'urgent']));
    expect(items).toHaveLength(2);
    const empty = failure(await dispatch('export.run', { taskId: 'export-2', request: { format: 'bibtex', scope: { kind: 'tag', tag: 'nothing' } } }));
    expect(empty.message).toBe('No document is tagged #nothing. There is nothing to export.');
    await test.close();
  });

  it('moves documents to the trash and brings them back with Undo, in their collections and searchable', async () => {
    const { test, docs, commission } = await organised();
    const { dispatch } = test;
    await test.app.search.start();
    const annotation = sampleAnnotation(docs[1]!.id, {
      target: { selector: [{ type: 'TextQuoteSelector', exact: 'Commission', prefix: 'The ', suffix: ' proposed' }] },
    });
    value(await dispatch('annotations.save', { annotation }));
    const coverage = { view: 'coverage', filter: NO_FILTER, actorKinds: [], granularity: null } as const;
    const passages = async () => value<AnalysisCounts>(await dispatch('analysis.counts', coverage)).passages;
    expect(await passages()).toBe(1);
    expect(failure(await dispatch('documents.trash', { ids: [docs[1]!.id, 'no-such-document'] })).code).toBe('not-found');
    expect(value<LibraryDocument[]>(await dispatch('documents.list', {}))).toHaveLength(4); // nothing moved
    expect(value(await dispatch('documents.trash', { ids: [docs[1]!.id, docs[2]!.id] }))).toEqual({ trashed: [docs[1]!.id, docs[2]!.id] });
    const left = value<LibraryDocument[]>(await dispatch('documents.list', {})).map((d) => d.id);
    expect(left).not.toContain(docs[1]!.id);
    expect(await passages()).toBe(0);
    await test.app.search.idle();
    const afterTrash = value<SearchResults>(await dispatch('search.query', { query: 'reporting' }));
    // ("reporting" is stemmed: the welcome document's "report" matches too.)
    expect(afterTrash.passages.map((h) => h.documentId)).not.toContain(docs[1]!.id);

    const restored = value<LibraryDocument[]>(await dispatch('documents.restore', { ids: [docs[1]!.id, docs[2]!.id] }));
    expect(restored.map((d) => d.id)).toEqual([docs[1]!.id, docs[2]!.id]);
    const organisation = value<Organisation>(await dispatch('collections.get', {}));
    expect(organisation.collections.find((c) => c.id === commission)!.documentIds).toEqual([docs[1]!.id]);
    expect(await passages()).toBe(1);
    await test.app.search.idle();
    expect(value<SearchResults>(await dispatch('search.query', { query: 'reporting' })).passages.map((h) => h.documentId)).toContain(docs[1]!.id);
    expect(test.internalErrors).toEqual([]);
    await test.close();
  });
});
