// The index engine without the library: segments built from entries, queried through plans.
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { analyze } from './analyzer';
import type { AnnotationMeta, EntryInput } from './entries';
import { executeKind } from './execute';
import { planQuery, type DocumentInfo } from './plan';
import { Segment, CorruptSegmentError } from './segment';
import { buildSegment } from './segment-build';
import { SegmentedIndex } from './segmented-index';

const documents: DocumentInfo[] = [
  { id: 'd1', title: 'Paris Call for Trust', key: 'paris call for trust', kind: 'treaty', year: 2018 },
  { id: 'd2', title: 'Hack back debate', key: 'hack back debate', kind: 'article', year: 2020 },
];

let counter = 0;
function annotation(quote: string, note = '', meta: Partial<AnnotationMeta> = {}): EntryInput {
  const id = meta.annotationId ?? `n${++counter}`;
  return {
    kind: 'annotation',
    id: `a:${id}`,
    fields: [quote, note, ''],
    meta: {
      documentId: 'd1',
      annotationId: id,
      start: 0,
      end: quote.length,
      color: 'yellow',
      principles: [],
      actors: [],
      tags: [],
      coder: null,
      modified: '2026-01-01T00:00:00.000Z',
      ...meta,
    },
  };
}

function indexOf(...groups: EntryInput[][]): SegmentedIndex {
  const index = new SegmentedIndex();
  for (const group of groups) index.add(Segment.fromBytes(buildSegment('annotation', group)));
  return index;
}

function search(index: SegmentedIndex, query: string, limit = 50): string[] {
  const planned = planQuery(query, { codebook: PARIS_CALL_CODEBOOK, documents });
  if (!planned.ok) throw new Error(planned.error.message);
  return executeKind(index, 'annotation', planned.plan, limit).top.map((m) => m.segment.entryId(m.ordinal));
}

describe('analyzer', () => {
  it('stems English, drops stop words, folds diacritics and keeps other languages whole', () => {
    const terms = (text: string) => analyze(text).map((t) => t.term);
    expect(terms('The norms of states')).toEqual([null, 'norm', null, 'state']);
    expect(terms('Zürich Genève sécurité nationale')).toEqual(['zurich', 'geneve', 'securite', 'national']);
    expect(terms("Microsoft's")).toEqual(['microsoft']);
    expect(terms('Россия и Китай')).toEqual(['россия', 'и', 'китаи']);
  });
});

describe('segments', () => {
  it('round-trip through their bytes and refuse damaged ones', () => {
    const bytes = buildSegment('annotation', [annotation('Cyber norms for states', 'a note')]);
    const segment = Segment.fromBytes(bytes);
    expect(segment.entryId(0)).toMatch(/^a:n\d+$/);
    expect(segment.meta(0)).toMatchObject({ documentId: 'd1', color: 'yellow', tags: [] });
    expect(segment.ordinalOf(segment.entryId(0))).toBe(0);
    expect(segment.ordinalOf('a:nobody')).toBe(-1);
    expect(segment.terms.all()).toEqual([...segment.terms.all()].sort());
    expect(segment.terms.indexOf('norm')).toBeGreaterThanOrEqual(0);
    expect(() => Segment.fromBytes(bytes.slice(0, 20))).toThrow(CorruptSegmentError);
    const round = buildSegment('annotation', [annotation('x', '', { annotationId: 'codes', principles: ['cyber-hygiene'], actors: [['russia', 'opposes']], tags: ['Followup'], color: 'pink', coder: 'Ann Lima' })]);
    expect(Segment.fromBytes(round).meta(0)).toMatchObject({ principles: ['cyber-hygiene'], actors: [['russia', 'opposes']], tags: ['Followup'], color: 'pink', coder: 'Ann Lima' });
    const wrong = bytes.slice();
    wrong[0] = 0;
    expect(() => Segment.fromBytes(wrong)).toThrow(CorruptSegmentError);
  });
});

describe('queries', () => {
  const index = indexOf(
    [
      annotation('States should protect the public core of the internet', 'core infrastructure', { annotationId: 'core' }),
      annotation('Companies must not hack back against attackers', '', { annotationId: 'hack', tags: ['followup'], principles: ['no-private-hack-back'], coder: 'Ann Lima' }),
      annotation('The rule of law applies in cyberspace', '', { annotationId: 'law', actors: [['russia', 'opposes'], ['france', 'supports']], coder: 'Ben' }),
      annotation('Rule, the law of the sea', '', { annotationId: 'sea', documentId: 'd2' }),
      annotation('Meeting in Zürich on sécurité', '', { annotationId: 'zurich', color: 'green' }),
      annotation('Notes', 'states keep the freedom of the seas in mind', { annotationId: 'note' }),
    ],
  );

  it('requires every word, stems, and excludes', () => {
    expect(search(index, 'protecting internet')).toEqual(['a:core']);
    expect(search(index, 'law')).toEqual(expect.arrayContaining(['a:law', 'a:sea']));
    expect(search(index, 'law -sea')).toEqual(['a:law']);
    expect(search(index, 'law hack')).toEqual([]);
  });

  it('matches phrases exactly, stop words included', () => {
    expect(search(index, '"rule of law"')).toEqual(['a:law']);
    expect(search(index, '"law of the sea"')).toEqual(['a:sea']);
    expect(search(index, '"law of sea"')).toEqual([]);
    expect(search(index, '"hack-back"')).toEqual(['a:hack']);
    // In a note (another field) too, and never across fields.
    expect(search(index, '"freedom of the seas"')).toEqual(['a:note']);
    expect(search(index, '"notes states"')).toEqual([]);
  });

  it('expands prefixes and typos', () => {
    expect(search(index, 'attack*')).toEqual(['a:hack']);
    expect(search(index, 'cyberspce~1')).toEqual(['a:law']);
    expect(search(index, 'cyberspce')).toEqual([]);
  });

  it('folds diacritics both ways', () => {
    expect(search(index, 'Zurich')).toEqual(['a:zurich']);
    expect(search(index, 'zürich securite')).toEqual(['a:zurich']);
  });

  it('filters by fields through the codebook, alone or with words', () => {
    expect(search(index, 'principle:hack-back')).toEqual(['a:hack']);
    expect(search(index, 'tag:followup companies')).toEqual(['a:hack']);
    expect(search(index, 'actor:kremlin')).toEqual(['a:law']);
    expect(search(index, 'actor:russia stance:opposes')).toEqual(['a:law']);
    expect(search(index, 'actor:russia stance:supports')).toEqual([]);
    expect(search(index, 'color:green')).toEqual(['a:zurich']);
    expect(search(index, 'law doc:"hack back"')).toEqual(['a:sea']);
    expect(search(index, 'law -kind:article')).toEqual(['a:law']);
    expect(search(index, 'law year:2019..2021')).toEqual(['a:sea']);
  });

  it('filters by coder, whatever the case, alone, with words or excluded', () => {
    expect(search(index, 'coder:"ann lima"')).toEqual(['a:hack']);
    expect(search(index, 'coder:BEN law')).toEqual(['a:law']);
    expect(search(index, 'coder:Ann')).toEqual([]);
    expect(search(index, 'law -coder:ben')).toEqual(['a:sea']);
  });

  it('ranks a rarer and denser match first', () => {
    const ranked = indexOf([
      annotation('norms norms norms of behaviour', '', { annotationId: 'dense' }),
      annotation('a long passage that mentions norms once among many other words about states and cyberspace and treaties', '', {
        annotationId: 'sparse',
      }),
      ...Array.from({ length: 20 }, (_, i) => annotation(`states cooperate ${i}`, '', { annotationId: `filler${i}` })),
      annotation('states and norms', '', { annotationId: 'both' }),
    ]);
    expect(search(ranked, 'norms').slice(0, 2)).toEqual(['a:dense', 'a:both']);
    expect(search(ranked, 'norms').at(-1)).toBe('a:sparse');
    // "norms" is rare and "states" common: the entry with "norms" ranks above those with "states" alone.
    expect(search(ranked, 'norm* states*')[0]).toBe('a:both');
  });

  it('scores the same entry alike in a small segment and in a large one', () => {
    const fillers = Array.from({ length: 200 }, (_, i) => annotation(`filler text number ${i}`, '', { annotationId: `f${i}` }));
    const big = indexOf([...fillers, annotation('sovereignty in cyberspace', '', { annotationId: 'x' })]);
    const split = indexOf(fillers, [annotation('sovereignty in cyberspace', '', { annotationId: 'x' })]);
    const score = (i: SegmentedIndex) => {
      const planned = planQuery('sovereignty', { codebook: PARIS_CALL_CODEBOOK, documents });
      if (!planned.ok) throw new Error();
      return executeKind(i, 'annotation', planned.plan, 5).top[0]!.score;
    };
    expect(score(split)).toBeCloseTo(score(big), 6);
  });
});

describe('passages', () => {
  it('match phrases exactly in one-field segments too', () => {
    const index = new SegmentedIndex();
    const passage = (block: number, text: string): EntryInput => ({
      kind: 'passage',
      id: `p:d1:${block}`,
      fields: [text],
      meta: { documentId: 'd1', block, start: block * 100, end: block * 100 + text.length, page: null },
    });
    index.add(
      Segment.fromBytes(
        buildSegment('passage', [
          passage(0, 'The rule of law and the law of rules.'),
          passage(1, 'Rule the law, law rule.'),
          passage(2, 'Critical infrastructure needs critical care; infrastructure is critical.'),
        ]),
      ),
    );
    const find = (query: string) => {
      const planned = planQuery(query, { codebook: PARIS_CALL_CODEBOOK, documents });
      if (!planned.ok) throw new Error(planned.error.message);
      return executeKind(index, 'passage', planned.plan, 10).top.map((m) => m.segment.entryId(m.ordinal)).sort();
    };
    expect(find('"rule of law"')).toEqual(['p:d1:0']);
    expect(find('"law rule"')).toEqual(['p:d1:1']);
    expect(find('"critical infrastructure"')).toEqual(['p:d1:2']);
    expect(find('"infrastructure critical"')).toEqual([]);
    expect(find('"is critical"')).toEqual(['p:d1:2']);
    expect(find('rule law')).toEqual(['p:d1:0', 'p:d1:1']);
  });
});

describe('deletion masking and merging', () => {
  it('never returns a deleted or replaced entry', () => {
    const index = indexOf([annotation('drones and norms', '', { annotationId: 'a' }), annotation('norms for drones', '', { annotationId: 'b' })]);
    expect(search(index, 'drones').sort()).toEqual(['a:a', 'a:b']);
    index.remove('a:a');
    expect(search(index, 'drones')).toEqual(['a:b']);
    expect(search(index, 'norms')).toEqual(['a:b']);
    expect(search(index, 'color:yellow')).toEqual(['a:b']);
    // A newer copy replaces the old one: the old words no longer find it.
    index.add(Segment.fromBytes(buildSegment('annotation', [annotation('satellites', '', { annotationId: 'b' })])));
    expect(search(index, 'drones')).toEqual([]);
    expect(search(index, 'satellites')).toEqual(['a:b']);
  });

  it('does not let a build that read old data override newer edits', () => {
    const index = indexOf([annotation('first words', '', { annotationId: 'a' })]);
    const readAt = index.generation;
    // While a background build ran, the annotation was edited and another one deleted.
    index.add(Segment.fromBytes(buildSegment('annotation', [annotation('edited words', '', { annotationId: 'a' })])));
    index.remove('a:gone');
    index.add(
      Segment.fromBytes(buildSegment('annotation', [annotation('first words', '', { annotationId: 'a' }), annotation('gone', '', { annotationId: 'gone' })])),
      readAt,
    );
    expect(search(index, 'edited')).toEqual(['a:a']);
    expect(search(index, 'first')).toEqual([]);
    expect(search(index, 'gone')).toEqual([]);
  });

  it('merges segments into one that answers the same, with deletions during the merge masked', () => {
    const groups = Array.from({ length: 8 }, (_, g) => [annotation(`topic${g} shared words`, '', { annotationId: `m${g}` })]);
    const index = indexOf(...groups);
    const before = search(index, 'shared words').sort();
    const sources = [...index.segments];
    const merged = Segment.fromBytes(buildSegment('annotation', groups.flat()));
    index.remove('a:m3');
    index.replace(sources, merged);
    expect(index.segments).toHaveLength(1);
    expect(search(index, 'shared words').sort()).toEqual(before.filter((id) => id !== 'a:m3'));
    expect(search(index, 'topic3')).toEqual([]);
  });
});
