import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { Collection } from '../model';
import {
  applyCollectionEdit,
  applyDocumentTagEdit,
  checkCollections,
  checkDocumentTags,
  collectionEditSchema,
  collectionPath,
  describeScope,
  documentsInCollection,
  documentTagEditSchema,
  flattenTree,
  scopeSlug,
  scopeTest,
  type EditContext,
} from './index';

const c = (id: string, name: string, parentId: string | null, documentIds: string[] = []): Collection => ({ id, name, parentId, documentIds, created: '2025-01-01T00:00:00.000Z' });

// EU › Commission › DG Connect, EU › Parliament, and UN at the top.
const TREE: Collection[] = [
  c('eu', 'EU', null, ['d1']),
  c('com', 'Commission', 'eu', ['d2', 'd3']),
  c('dg', 'DG Connect', 'com', ['d4']),
  c('ep', 'Parliament', 'eu', ['d3']),
  c('un', 'UN', null, ['d5']),
];
const DOCS = new Set(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
const context = (newId = 'new'): EditContext => ({ newId, now: '2025-02-02T00:00:00.000Z', hasDocument: (id) => DOCS.has(id) });
const edit = (collections: Collection[], raw: unknown) => applyCollectionEdit(collections, collectionEditSchema.parse(raw), context());

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('the collection tree', () => {
  it('lists nested collections depth first, by name, and hides what is collapsed', () => {
    expect(flattenTree(TREE).map((r) => `${'  '.repeat(r.depth)}${r.collection.name}`)).toEqual(['EU', '  Commission', '    DG Connect', '  Parliament', 'UN']);
    expect(flattenTree(TREE, new Set(['com'])).map((r) => r.collection.name)).toEqual(['EU', 'Commission', 'Parliament', 'UN']);
    expect(flattenTree(TREE).find((r) => r.collection.id === 'com')!.hasChildren).toBe(true);
  });

  it('gives a collection the documents of its sub-collections, each once', () => {
    expect([...documentsInCollection(TREE, 'eu')].sort()).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect([...documentsInCollection(TREE, 'com')].sort()).toEqual(['d2', 'd3', 'd4']);
    expect([...documentsInCollection(TREE, 'gone')]).toEqual([]);
    expect(collectionPath(TREE, 'dg')).toEqual(['EU', 'Commission', 'DG Connect']);
  });
});

describe('editing collections', () => {
  it('creates nested collections and refuses a twin name among siblings, whatever its case', () => {
    const next = edit(TREE, { op: 'create', name: '  Council ', parentId: 'eu' });
    expect(next.find((x) => x.id === 'new')).toMatchObject({ name: 'Council', parentId: 'eu', documentIds: [] });
    expect(refusal(() => edit(next, { op: 'create', name: 'council', parentId: 'eu' })).message).toBe('There is already a collection called “Council” in “EU”.');
    // The same name elsewhere is fine.
    expect(edit(next, { op: 'create', name: 'Council', parentId: null })).toHaveLength(7);
    expect(refusal(() => edit(TREE, { op: 'create', name: 'X', parentId: 'gone' })).code).toBe('not-found');
    expect(() => collectionEditSchema.parse({ op: 'create', name: '   ', parentId: null })).toThrow(/a collection needs a name/);
  });

  it('never moves a collection into itself or below itself', () => {
    expect(refusal(() => edit(TREE, { op: 'move', id: 'eu', parentId: 'dg' })).message).toBe('“EU” cannot go inside itself or one of its own sub-collections.');
    expect(refusal(() => edit(TREE, { op: 'move', id: 'eu', parentId: 'eu' })).code).toBe('invalid-input');
    const moved = edit(TREE, { op: 'move', id: 'dg', parentId: null });
    expect(flattenTree(moved).map((r) => [r.collection.name, r.depth])).toContainEqual(['DG Connect', 0]);
  });

  it('deletes a collection with its sub-collections and leaves the others alone', () => {
    expect(edit(TREE, { op: 'delete', id: 'com' }).map((x) => x.id)).toEqual(['eu', 'ep', 'un']);
  });

  it('adds documents once, in order, only if they are in the library, and removes them', () => {
    const added = edit(TREE, { op: 'addDocuments', id: 'un', documentIds: ['d6', 'd5', 'd6'] });
    expect(added.find((x) => x.id === 'un')!.documentIds).toEqual(['d5', 'd6']);
    expect(refusal(() => edit(TREE, { op: 'addDocuments', id: 'un', documentIds: ['nope'] })).message).toBe('A document is no longer in the library.');
    const removed = edit(added, { op: 'removeDocuments', id: 'un', documentIds: ['d5'] });
    expect(removed.find((x) => x.id === 'un')!.documentIds).toEqual(['d6']);
    // The input is never changed.
    expect(TREE.find((x) => x.id === 'un')!.documentIds).toEqual(['d5']);
  });
});

describe('document tags', () => {
  const has = (id: string) => DOCS.has(id);
  const tagEdit = (raw: unknown) => documentTagEditSchema.parse(raw);

  it('adds tags without duplicates, keeping the spelling the library already uses', () => {
    let tags = applyDocumentTagEdit({}, tagEdit({ op: 'add', documentIds: ['d1'], tags: ['Followup'] }), has);
    tags = applyDocumentTagEdit(tags, tagEdit({ op: 'add', documentIds: ['d1', 'd2'], tags: ['followup', '#eu'] }), has);
    expect(tags).toEqual({ d1: ['Followup', 'eu'], d2: ['Followup', 'eu'] });
    tags = applyDocumentTagEdit(tags, tagEdit({ op: 'remove', documentIds: ['d1'], tags: ['FOLLOWUP', 'eu'] }), has);
    expect(tags).toEqual({ d2: ['Followup', 'eu'] });
  });

  it('refuses tags with spaces and documents that are gone', () => {
    expect(() => tagEdit({ op: 'add', documentIds: ['d1'], tags: ['two words'] })).toThrow(/spaces/);
    expect(refusal(() => applyDocumentTagEdit({}, tagEdit({ op: 'add', documentIds: ['x1', 'x2'], tags: ['a'] }), has)).message).toBe(
      '2 documents are no longer in the library.',
    );
  });
});

describe('reading the files back', () => {
  it('keeps every good collection and sets aside only the bad entries', () => {
    const checked = checkCollections([
      TREE[0],
      { id: 'bad id!', name: 'X', parentId: null, documentIds: [], created: '' },
      { ...TREE[1], documentIds: ['d2', 'd2', 'd3'] },
      TREE[0],
      { id: 'orphan', name: 'Orphan', parentId: 'missing', documentIds: [], created: '' },
      'not an object',
    ]);
    expect(checked.value.map((x) => x.id)).toEqual(['eu', 'com', 'orphan']);
    expect(checked.value.find((x) => x.id === 'com')!.documentIds).toEqual(['d2', 'd3']);
    expect(checked.value.find((x) => x.id === 'orphan')!.parentId).toBeNull();
    expect(checked.invalid.map((i) => i.reason)).toEqual([
      expect.stringContaining('id: must contain only letters'),
      'the id eu is used by another collection',
      expect.any(String),
    ]);
    expect(checked.repairs).toHaveLength(2);
  });

  it('breaks a loop of parents made by a hand edit', () => {
    const checked = checkCollections([c('a', 'A', 'b'), c('b', 'B', 'a')]);
    expect(checked.value.filter((x) => x.parentId === null)).toHaveLength(1);
    expect(flattenTree(checked.value).map((r) => r.collection.id).sort()).toEqual(['a', 'b']);
  });

  it('keeps good document tags and sets aside the bad ones', () => {
    const checked = checkDocumentTags({ d1: ['eu', 'EU', 'un'], 'not/an/id': ['x'], d2: ['with space'], d3: [] });
    expect(checked.value).toEqual({ d1: ['eu', 'un'] });
    expect(checked.invalid).toHaveLength(2);
    expect(checked.repairs).toEqual(['Document d1 had a tag twice; it has it once now.']);
  });
});

describe('scopes', () => {
  const organisation = { collections: TREE, tags: { d1: ['Urgent'], d6: ['urgent', 'x'] } };
  const inScope = (scope: Parameters<typeof scopeTest>[0]) => {
    const test = scopeTest(scope, organisation);
    return test ? [...DOCS].filter(test) : 'all';
  };

  it('selects the documents of a collection, of a tag, or in no collection', () => {
    expect(inScope({ kind: 'library' })).toBe('all');
    expect(inScope({ kind: 'collection', collectionId: 'com' })).toEqual(['d2', 'd3', 'd4']);
    expect(inScope({ kind: 'tag', tag: 'URGENT' })).toEqual(['d1', 'd6']);
    expect(inScope({ kind: 'unfiled' })).toEqual(['d6']);
    expect(inScope({ kind: 'collection', collectionId: 'gone' })).toEqual([]);
  });

  it('names a scope in words and for file names', () => {
    expect(describeScope({ kind: 'collection', collectionId: 'dg' }, TREE)).toBe('the collection “EU › Commission › DG Connect”');
    expect(scopeSlug({ kind: 'collection', collectionId: 'dg' }, TREE)).toBe('collection-dg-connect');
    expect(scopeSlug({ kind: 'tag', tag: 'Öffentlich' }, TREE)).toBe('tag-offentlich');
  });
});
