// The figures of every analysis view on a fixture counted by hand (test-fixture.ts):
//   x1 d1 p1        a supports
//   x2 d1 p1 p2     a opposes, b supports     #key
//   x3 d2 p2        b mixed                   #key #later
//   x4 d2 p1 p3     a supports, c mentions
//   x5 d3 p3        —
//   x6 d3 —         c opposes
//   x7 d1 p1 (+ an unknown principle)  a mentions (and a second link to a, ignored)
// d1 is dated 2018-11-12, d2 2019, d3 has no date.
import { describe, expect, it } from 'vitest';
import {
  applyFilter,
  buildCoverage,
  buildMatrix,
  buildTimeline,
  codeFrequencies,
  coverageTable,
  dateInRange,
  matrixTable,
  NO_FILTER,
  principleCoOccurrence,
  sortCoverage,
  timelineTable,
  toCodedPassage,
} from '.';
import { FIXTURE_CODEBOOK as codebook, FIXTURE_DOCUMENTS as documents, FIXTURE_PASSAGES as passages, fixtureAnnotations } from './test-fixture';

const data = { documents, passages };
const ids = (list: { annotationId: string }[]) => list.map((p) => p.annotationId);

describe('principle × actor matrix', () => {
  const matrix = buildMatrix(passages, codebook);

  it('counts each linked passage once per principle and actor, by stance', () => {
    expect(matrix.actors.map((a) => a.id)).toEqual(['a', 'b', 'c']); // z is linked to nothing
    const cell = (p: number, a: number) => matrix.cells[p]![a]!;
    expect(cell(0, 0).counts).toEqual({ supports: 2, opposes: 1, mixed: 0, mentions: 1 });
    expect(cell(0, 0).total).toBe(4);
    expect(cell(0, 0).passageIds).toEqual(['x1', 'x2', 'x4', 'x7']);
    expect(cell(0, 1).counts).toEqual({ supports: 1, opposes: 0, mixed: 0, mentions: 0 });
    expect(cell(0, 2).counts).toEqual({ supports: 0, opposes: 0, mixed: 0, mentions: 1 });
    expect(cell(1, 0).counts).toEqual({ supports: 0, opposes: 1, mixed: 0, mentions: 0 });
    expect(cell(1, 1).counts).toEqual({ supports: 1, opposes: 0, mixed: 1, mentions: 0 });
    expect(cell(1, 2).total).toBe(0);
    expect(cell(2, 0).passageIds).toEqual(['x4']);
    expect(cell(2, 1).total).toBe(0);
    expect(cell(2, 2).passageIds).toEqual(['x4']);
    expect(matrix.max).toBe(4);
  });

  it('filters actors by kind and can keep the empty ones', () => {
    const companies = buildMatrix(passages, codebook, { actorKinds: ['company'] });
    expect(companies.actors.map((a) => a.id)).toEqual(['b']);
    expect(companies.cells.map((row) => row[0]!.total)).toEqual([1, 2, 0]);
    const all = buildMatrix(passages, codebook, { hideEmptyActors: false });
    expect(all.actors.map((a) => a.id)).toEqual(['a', 'b', 'c', 'z']);
  });

  it('lists the non-empty cells as a long table', () => {
    const table = matrixTable(matrix);
    expect(table[0]).toEqual(['principle', 'actor', 'actor_kind', 'supports', 'opposes', 'mixed', 'mentions', 'total']);
    expect(table).toContainEqual(['Protect the core', 'Bigcorp', 'company', 1, 0, 1, 0, 2]);
    expect(table).toHaveLength(1 + 7); // p1: a b c, p2: a b, p3: a c
  });
});

describe('principle × source coverage', () => {
  const coverage = buildCoverage(documents, passages, codebook);

  it('counts passages and quoted characters per source and principle', () => {
    const [d1, d2, d3] = coverage.rows;
    expect(d1!.cells.map((c) => c.count)).toEqual([3, 1, 0]);
    expect(d1!.cells[0]!.passageIds).toEqual(['x1', 'x2', 'x7']);
    expect(d1!.cells[1]!.characters).toBe('Firms pledged care for the core.'.length);
    expect([d1!.coded, d1!.breadth]).toEqual([3, 2]);
    expect(d2!.cells.map((c) => c.count)).toEqual([1, 1, 1]);
    expect([d2!.coded, d2!.breadth]).toEqual([2, 3]);
    expect(d3!.cells.map((c) => c.count)).toEqual([0, 0, 1]);
    expect([d3!.coded, d3!.breadth]).toEqual([1, 1]);
    expect(coverage.max).toBe(3);
  });

  it('sorts by any column, ties in title order', () => {
    const order = (sort: Parameters<typeof sortCoverage>[1]) => sortCoverage(coverage, sort).rows.map((r) => r.document.id);
    expect(order({ by: 'title', descending: false })).toEqual(['d3', 'd2', 'd1']);
    expect(order({ by: 'coded', descending: true })).toEqual(['d1', 'd2', 'd3']);
    expect(order({ by: 'breadth', descending: true })).toEqual(['d2', 'd1', 'd3']);
    expect(order({ by: 'principle', principleId: 'p3', descending: true })).toEqual(['d3', 'd2', 'd1']);
    expect(order({ by: 'date', descending: false })).toEqual(['d3', 'd1', 'd2']);
  });

  it('makes a wide table', () => {
    expect(coverageTable(coverage)[1]).toEqual(['Norms for a safer cyberspace', '2018-11-12', 3, 1, 0, 3, 2]);
  });
});

describe('code frequencies and co-occurrence', () => {
  it('counts how often each principle and actor is linked', () => {
    const f = codeFrequencies(passages, codebook);
    expect(f.principles.map((p) => [p.principle.id, p.count])).toEqual([['p1', 4], ['p2', 2], ['p3', 2]]);
    expect(f.actors.map((a) => [a.actor.id, a.count])).toEqual([['a', 4], ['b', 2], ['c', 2]]);
    expect(f.actors[0]!.counts).toEqual({ supports: 2, opposes: 1, mixed: 0, mentions: 1 });
    expect(f.actors[2]!.counts).toEqual({ supports: 0, opposes: 1, mixed: 0, mentions: 1 });
    expect(f.actors[0]!.byStance.supports).toEqual(['x1', 'x4']);
  });

  it('counts the passages two principles share', () => {
    const co = principleCoOccurrence(passages, codebook);
    expect(co.counts).toEqual([
      [4, 1, 1],
      [1, 2, 0],
      [1, 0, 2],
    ]);
    expect(co.passageIds[0]![2]).toEqual(['x4']);
    expect(co.max).toBe(1);
  });
});

describe('timeline', () => {
  it('buckets by month when the dates span two years at most, with the gaps', () => {
    const t = buildTimeline(documents, passages, codebook);
    expect(t.granularity).toBe('month');
    expect(t.buckets).toEqual(['2018-11', '2018-12', '2019-01']);
    expect(t.series.map((s) => s.counts)).toEqual([
      [3, 0, 1],
      [1, 0, 1],
      [0, 0, 1],
    ]);
    expect(t.series[2]!.undated).toBe(1);
    expect(t.max).toBe(3);
  });

  it('buckets by year on request', () => {
    const t = buildTimeline(documents, passages, codebook, 'year');
    expect(t.buckets).toEqual(['2018', '2019']);
    expect(t.series.map((s) => s.counts)).toEqual([[3, 1], [1, 1], [0, 1]]);
    expect(timelineTable(t)).toContainEqual(['Defend elections', 'undated', 1]);
  });

  it('is empty when nothing is dated', () => {
    const t = buildTimeline([documents[2]!], passages.filter((p) => p.documentId === 'd3'), codebook);
    expect(t.buckets).toEqual([]);
    expect(t.series[2]!.undated).toBe(1);
  });
});

describe('filters', () => {
  it('keeps passages with any of the tags', () => {
    expect(ids(applyFilter(data, { ...NO_FILTER, tags: ['key'] }).passages)).toEqual(['x2', 'x3']);
  });

  it('keeps sources published in the range, leaving out undated ones', () => {
    const kept = applyFilter(data, { ...NO_FILTER, from: '2019', to: null });
    expect(kept.documents.map((d) => d.id)).toEqual(['d2']);
    expect(ids(kept.passages)).toEqual(['x3', 'x4']);
    expect(ids(applyFilter(data, { ...NO_FILTER, to: '2018-11' }).passages)).toEqual(['x1', 'x2', 'x7']);
  });

  it('keeps chosen sources', () => {
    expect(ids(applyFilter(data, { ...NO_FILTER, documentIds: ['d3'] }).passages)).toEqual(['x5', 'x6']);
  });

  it('compares dates as the spans they name', () => {
    expect(dateInRange('2018', '2018-06', null)).toBe(true);
    expect(dateInRange('2018-05-31', '2018-06', null)).toBe(false);
    expect(dateInRange('2018-06', null, '2018-06-01')).toBe(true);
    expect(dateInRange(null, null, null)).toBe(true);
    expect(dateInRange(null, '2018', null)).toBe(false);
  });
});

describe('coded passages', () => {
  it('reads quote, position and links from a stored annotation, with the page of PDFs', () => {
    const [annotation] = fixtureAnnotations();
    const pages = [{ start: 0, end: 10 }, { start: 10, end: 200 }];
    const passage = toCodedPassage({ ...annotation!, target: { selector: [...annotation!.target.selector] } }, pages);
    expect(passage).toMatchObject({ annotationId: 'x1', quote: 'States agreed to protect people.', start: 0, end: 32, page: 1 });
  });
});
