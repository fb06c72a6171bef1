// The pure rules of links between passages: edits refused in words and changing nothing, links.json
// read back entry by entry, links gone with a highlight and back with it, the W3C `linking` export, the
// renderer's following of changes, and the graph of documents.
import { describe, expect, it } from 'vitest';
import { annotationsToW3c } from '../interchange/w3c';
import { parseAnnotationFile } from '../interchange/w3c-import';
import type { Annotation, Codebook, LibraryDocument } from '../model';
import { checkLinksFile } from './check';
import { applyLinkEdit, detachLinks, linkEditSchema, linkStatus, reattachLinks, type StoredLinks } from './edit';
import { applyToLinks } from './follow';
import { documentGraph } from './graph';
import { DEFAULT_RELATIONS, relationKey, type LinkEnd, type ListedLink, type PassageLink } from './model';

const A: LinkEnd = { documentId: 'd1', annotationId: 'a1' };
const B: LinkEnd = { documentId: 'd2', annotationId: 'b1' };
const C: LinkEnd = { documentId: 'd2', annotationId: 'b2' };
const present = new Set(['a1', 'b1', 'b2']);
const exists = (end: LinkEnd) => present.has(end.annotationId);
const context = { newId: 'l1', now: '2026-01-01T00:00:00.000Z', passageExists: exists };
const empty = (): StoredLinks => ({ relations: [...DEFAULT_RELATIONS], links: [] });
const create = (state: StoredLinks, from: LinkEnd, to: LinkEnd, relation: string, id = 'l1') =>
  applyLinkEdit(state, linkEditSchema.parse({ op: 'create', from, to, relation }), { ...context, newId: id });

describe('link edits', () => {
  it('makes a link with the relation as the list spells it, and refuses nonsense in words, changing nothing', () => {
    const state = create(empty(), A, B, 'Contradicts');
    expect(state.links).toEqual([{ id: 'l1', from: A, to: B, relation: 'contradicts', note: '', created: context.now, modified: context.now }]);
    expect(() => create(state, B, A, 'contradicts', 'l2')).toThrow(/already linked/);
    expect(() => create(state, A, A, 'supports', 'l2')).toThrow(/itself/);
    expect(() => create(state, A, { documentId: 'd1', annotationId: 'zz' }, 'supports', 'l2')).toThrow(/no longer in the library/);
    expect(() => create(state, A, C, 'refutes', 'l2')).toThrow(/There is no relation “refutes”/);
    expect(state.links).toHaveLength(1);
    // The same pair with another relation is another link.
    expect(create(state, A, B, 'cites', 'l2').links).toHaveLength(2);
  });

  it('refuses bad values at the boundary (ids, empty or over-long relations, notes)', () => {
    expect(linkEditSchema.safeParse({ op: 'create', from: { documentId: '../x', annotationId: 'a' }, to: B, relation: 'x' }).success).toBe(false);
    expect(linkEditSchema.safeParse({ op: 'create', from: A, to: B, relation: '  ' }).success).toBe(false);
    expect(linkEditSchema.safeParse({ op: 'create', from: A, to: B, relation: 'x', note: 'n'.repeat(5001) }).success).toBe(false);
    expect(linkEditSchema.safeParse({ op: 'setRelations', relations: [] }).success).toBe(false);
  });

  it('edits, deletes and restores a link; renames and removes relations only when that loses nothing', () => {
    let state = create(empty(), A, B, 'supports');
    state = applyLinkEdit(state, linkEditSchema.parse({ op: 'update', id: 'l1', note: 'see p. 4', relation: 'elaborates' }), context);
    expect(state.links[0]).toMatchObject({ note: 'see p. 4', relation: 'elaborates' });
    const link = state.links[0]!;
    const deleted = applyLinkEdit(state, { op: 'delete', id: 'l1' }, context);
    expect(deleted.links).toEqual([]);
    expect(applyLinkEdit(deleted, { op: 'restore', link }, context).links).toEqual([link]);
    expect(() => applyLinkEdit(state, { op: 'restore', link }, context)).toThrow(/already/);
    expect(() => applyLinkEdit(state, { op: 'setRelations', relations: ['supports'] }, context)).toThrow(/“elaborates” is the relation of 1 link/);
    expect(() => applyLinkEdit(state, { op: 'setRelations', relations: ['a', 'A'] }, context)).toThrow(/listed twice/);
    const renamed = applyLinkEdit(state, { op: 'renameRelation', from: 'elaborates', to: 'develops' }, context);
    expect(renamed.relations).toContain('develops');
    expect(renamed.links[0]!.relation).toBe('develops');
    expect(() => applyLinkEdit(state, { op: 'renameRelation', from: 'elaborates', to: 'Supports' }, context)).toThrow(/already/);
  });

  it('marks links gone with a deleted highlight and brings them back when it returns; a link missing a passage unmarked is orphaned', () => {
    const state = create(empty(), A, B, 'supports');
    const detached = detachLinks(state, (end) => end.annotationId === 'b1');
    expect(detached.links[0]!.detached).toBe(true);
    expect(detachLinks(detached, (end) => end.annotationId === 'zz')).toBe(detached);
    const without = (end: LinkEnd) => end.annotationId !== 'b1';
    expect(linkStatus(detached.links[0]!, without)).toBe('detached');
    expect(linkStatus(state.links[0]!, without)).toBe('orphaned');
    expect(reattachLinks(detached, without)).toBe(detached);
    expect(reattachLinks(detached, exists).links[0]).not.toHaveProperty('detached');
    expect(linkStatus(detached.links[0]!, exists)).toBe('live');
  });
});

describe('links.json read back', () => {
  it('keeps good links, sets bad entries aside one by one, and adds a relation the list lacks', () => {
    const good = create(empty(), A, B, 'supports').links[0]!;
    const checked = checkLinksFile({
      version: 1,
      relations: ['contradicts', 'contradicts', 7],
      links: [good, { ...good }, { id: 'x', from: A }, { ...good, id: 'l2', relation: 'glosses' }],
    });
    expect(checked.value.links.map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(checked.value.relations).toEqual(['contradicts', 'supports', 'glosses']);
    expect(checked.invalid.map((i) => i.reason)).toEqual([expect.stringMatching(/^a relation/), 'the id l1 is used by another link', expect.stringMatching(/to/)]);
    expect(checked.repairs).toHaveLength(3);
  });
});

describe('W3C export of links', () => {
  const document = { id: 'd1', format: 'text', contentHash: 'a'.repeat(64), originalName: 'a.txt', metadata: { title: 'A' } } as unknown as LibraryDocument;
  const annotation = (id: string): Annotation => ({
    id,
    documentId: 'd1',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    target: { selector: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }] },
    body: { color: 'yellow', note: '', tags: [], principles: [], actors: [] },
  });
  const link: PassageLink = { id: 'l1', from: { documentId: 'd1', annotationId: 'a1' }, to: { documentId: 'd1', annotationId: 'a2' }, relation: 'contradicts', note: 'why', created: 'c', modified: 'm' };
  const codebook = { principles: [], actors: [] } as unknown as Codebook;

  it('writes a linking annotation whose body and target are the two highlights, when both are exported', () => {
    const out = JSON.parse(annotationsToW3c({ documents: [document], annotations: [annotation('a1'), annotation('a2')], codebook, generatedAt: 'g', links: [link] }));
    expect(out.total).toBe(3);
    const item = out.first.items[2];
    expect(item).toMatchObject({
      id: 'urn:apostil:link:l1',
      type: 'Annotation',
      motivation: 'linking',
      body: [{ id: 'urn:apostil:annotation:a1' }, { type: 'TextualBody', purpose: 'tagging', value: 'contradicts' }, { purpose: 'commenting', value: 'why' }],
      target: { id: 'urn:apostil:annotation:a2' },
      'apostil:relation': 'contradicts',
    });
    // One end not exported, or the link gone with its highlight: no linking annotation.
    expect(JSON.parse(annotationsToW3c({ documents: [document], annotations: [annotation('a1')], codebook, generatedAt: 'g', links: [link] })).total).toBe(1);
    expect(JSON.parse(annotationsToW3c({ documents: [document], annotations: [annotation('a1'), annotation('a2')], codebook, generatedAt: 'g', links: [{ ...link, detached: true }] })).total).toBe(2);
  });

  it('is read back as a link, apart from the annotations, when such a file is imported', () => {
    const text = annotationsToW3c({ documents: [document], annotations: [annotation('a1'), annotation('a2')], codebook, generatedAt: 'g', links: [link] });
    const parsed = parseAnnotationFile(text);
    expect(parsed.annotations).toHaveLength(2);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.links).toHaveLength(1);
    expect(parsed.links[0]).toMatchObject({ relation: link.relation });
  });
});

describe('following and drawing links', () => {
  const listed: ListedLink = { id: 'l1', from: { ...A, quote: 'old' }, to: { ...B, quote: 'b' }, relation: 'supports', note: '', created: 'c', modified: 'm', status: 'live' };

  it('takes the whole state from links.changed and new quotes from an edited highlight', () => {
    const state = { relations: ['supports'], links: [listed] };
    expect(applyToLinks(state, { kind: 'links.changed', state: { relations: [], links: [] } })).toEqual({ relations: [], links: [] });
    const retargeted = { id: 'a1', documentId: 'd1', target: { selector: [{ type: 'TextQuoteSelector', exact: 'new', prefix: '', suffix: '' }] } } as unknown as Annotation;
    const next = applyToLinks(state, { kind: 'annotations.changed', documentId: 'd1', added: [], updated: [retargeted], removed: [] });
    expect(next.links[0]!.from.quote).toBe('new');
    expect(applyToLinks(next, { kind: 'annotations.changed', documentId: 'd1', added: [], updated: [retargeted], removed: [] })).toBe(next);
  });

  it('draws a node per document and an edge per pair and relation, with counts', () => {
    const graph = documentGraph([listed, { ...listed, id: 'l2' }, { ...listed, id: 'l3', relation: 'cites', to: { ...A, annotationId: 'a9', quote: 'q' } }]);
    expect(graph.nodes.map((n) => [n.documentId, n.links])).toEqual([['d1', 3], ['d2', 2]]);
    expect(graph.edges).toEqual([
      { a: 'd1', b: 'd2', relation: 'supports', count: 2 },
      { a: 'd1', b: 'd1', relation: 'cites', count: 1 },
    ]);
    expect(relationKey('Translation of')).toBe('translation-of');
  });
});
