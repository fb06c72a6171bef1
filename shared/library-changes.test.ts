import { describe, expect, it } from 'vitest';
import { applyToDocuments, changedDocumentIds, type LibraryChange } from './library-changes';
import { listingOf, type LibraryDocument } from './model';

const doc = (id: string, importedAt: string, title = id): LibraryDocument => ({
  id,
  format: 'text',
  originalName: `${id}.txt`,
  contentHash: id.padEnd(64, '0'),
  size: 1,
  importedAt,
  modifiedAt: importedAt,
  pageCount: null,
  metadata: { title, authors: [], date: null, publication: null, url: null, doi: null, kind: 'article' },
  warnings: [],
});

describe('applyToDocuments', () => {
  const list = [doc('c', '2026-03-01'), doc('b', '2026-02-01'), doc('a', '2026-01-01')].map(listingOf);

  it('keeps the store order (newest import first) as documents come, change and go', () => {
    let documents = applyToDocuments(list, { kind: 'document.added', document: doc('d', '2026-04-01') });
    expect(documents.map((d) => d.id)).toEqual(['d', 'c', 'b', 'a']);
    documents = applyToDocuments(documents, { kind: 'document.metadataChanged', document: doc('b', '2026-02-01', 'Renamed') });
    expect(documents.map((d) => [d.id, d.metadata.title])).toEqual([['d', 'd'], ['c', 'c'], ['b', 'Renamed'], ['a', 'a']]);
    documents = applyToDocuments(documents, { kind: 'document.replaced', document: { ...doc('a', '2026-01-01'), format: 'markdown' }, annotations: [] });
    expect(documents.at(-1)).toMatchObject({ id: 'a', format: 'markdown' });
    documents = applyToDocuments(documents, { kind: 'document.deleted', documentId: 'c' });
    expect(documents.map((d) => d.id)).toEqual(['d', 'b', 'a']);
    // Undo of a delete puts it back in its place.
    documents = applyToDocuments(documents, { kind: 'document.restored', document: doc('c', '2026-03-01'), annotations: [] });
    expect(documents.map((d) => d.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('lists a changed document as documents.list does: without what only the opened document needs', () => {
    const full: LibraryDocument = { ...doc('d', '2026-04-01'), format: 'pdf', pageCount: 3, pageLabels: ['i', 'ii', '1'], pageOffset: 2, warnings: ['odd font'], fieldOrigins: { date: 'file-created' } };
    const [added] = applyToDocuments([], { kind: 'document.added', document: full });
    expect(added).toEqual({ id: 'd', format: 'pdf', originalName: 'd.txt', importedAt: '2026-04-01', pageCount: 3, metadata: full.metadata, fieldOrigins: { date: 'file-created' } });
    expect(applyToDocuments([], { kind: 'document.added', document: doc('e', '2026-04-02') })[0]).not.toHaveProperty('fieldOrigins');
  });

  it('leaves the list as it is for a change it already shows or that is not about documents', () => {
    const again = applyToDocuments(list, { kind: 'document.added', document: doc('b', '2026-02-01') });
    expect(again).toEqual(list);
    expect(applyToDocuments(list, { kind: 'document.deleted', documentId: 'gone' })).toBe(list);
    const other: LibraryChange = { kind: 'annotations.changed', documentId: 'a', added: [], updated: [], removed: ['x'] };
    expect(applyToDocuments(list, other)).toBe(list);
    expect(changedDocumentIds(other)).toEqual(['a']);
  });
});
