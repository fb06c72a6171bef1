// The figures of every analysis view on a fixture counted by hand (test-fixture.ts):
//   x1 d1 p1        a supports
//   x2 d1 p1 p2     a opposes, b supports     #key
//   x3 d2 p2        b mixed                   #key #later
//   x4 d2 p1 p3     a supports, c mentions
//   x5 d3 p3        —
//   x6 d3 —         c opposes
//   x7 d1 p1 (+ an unknown principle)  a mentions (and a second link to a, ignored)
// d1 is dated 2018-11-12, d2 2019, d3 has no date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annotationFacts,
  applyFilter,
  buildCoverage,
  coverageSource,
  factsOf,
  keepsPassage,
  PassageColumns,
  selects,
  Tally,
  tallyOf,
  type PassageSelector,
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
const tally = tallyOf(passages);
const sources = documents.map(coverageSource);
/** The passages behind a mark, as a drill-down lists them. */
const behind = (selector: PassageSelector) =>
  passages.filter((p) => selects(selector, factsOf(p), documents.find((d) => d.id === p.documentId)?.metadata.date ?? null)).map((p) => p.annotationId);

describe('principle × actor matrix', () => {
  const matrix = buildMatrix(tally, codebook);

  it('counts each linked passage once per principle and actor, by stance', () => {
    expect(matrix.actors.map((a) => a.id)).toEqual(['a', 'b', 'c']); // z is linked to nothing
    const cell = (p: number, a: number) => matrix.cells[p]![a]!;
    expect(cell(0, 0).counts).toEqual({ supports: 2, opposes: 1, mixed: 0, mentions: 1 });
    expect(cell(0, 0).total).toBe(4);
    expect(behind({ kind: 'cell', principleId: 'p1', actorId: 'a' })).toEqual(['x1', 'x2', 'x4', 'x7']);
    expect(cell(0, 1).counts).toEqual({ supports: 1, opposes: 0, mixed: 0, mentions: 0 });
    expect(cell(0, 2).counts).toEqual({ supports: 0, opposes: 0, mixed: 0, mentions: 1 });
    expect(cell(1, 0).counts).toEqual({ supports: 0, opposes: 1, mixed: 0, mentions: 0 });
    expect(cell(1, 1).counts).toEqual({ supports: 1, opposes: 0, mixed: 1, mentions: 0 });
    expect(cell(1, 2).total).toBe(0);
    expect(behind({ kind: 'cell', principleId: 'p3', actorId: 'a' })).toEqual(['x4']);
    expect(cell(2, 1).total).toBe(0);
    expect(behind({ kind: 'cell', principleId: 'p3', actorId: 'c' })).toEqual(['x4']);
    expect(matrix.max).toBe(4);
  });

  it('filters actors by kind and can keep the empty ones', () => {
    const companies = buildMatrix(tally, codebook, { actorKinds: ['company'] });
    expect(companies.actors.map((a) => a.id)).toEqual(['b']);
    expect(companies.cells.map((row) => row[0]!.total)).toEqual([1, 2, 0]);
    const all = buildMatrix(tally, codebook, { hideEmptyActors: false });
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
  const coverage = buildCoverage(sources, tally, codebook);

  it('counts passages and quoted characters per source and principle', () => {
    const [d1, d2, d3] = coverage.rows;
    expect(d1!.cells.map((c) => c.count)).toEqual([3, 1, 0]);
    expect(behind({ kind: 'coverage', documentId: 'd1', principleId: 'p1' })).toEqual(['x1', 'x2', 'x7']);
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
    const f = codeFrequencies(tally, codebook);
    expect(f.principles.map((p) => [p.principle.id, p.count])).toEqual([['p1', 4], ['p2', 2], ['p3', 2]]);
    expect(f.actors.map((a) => [a.actor.id, a.count])).toEqual([['a', 4], ['b', 2], ['c', 2]]);
    expect(f.actors[0]!.counts).toEqual({ supports: 2, opposes: 1, mixed: 0, mentions: 1 });
    expect(f.actors[2]!.counts).toEqual({ supports: 0, opposes: 1, mixed: 0, mentions: 1 });
    expect(behind({ kind: 'actor', actorId: 'a', stance: 'supports' })).toEqual(['x1', 'x4']);
    expect(behind({ kind: 'principle', principleId: 'p2' })).toEqual(['x2', 'x3']);
  });

  it('counts the passages two principles share', () => {
    const co = principleCoOccurrence(tally, codebook);
    expect(co.counts).toEqual([
      [4, 1, 1],
      [1, 2, 0],
      [1, 0, 2],
    ]);
    expect(behind({ kind: 'pair', principleIds: ['p1', 'p3'] })).toEqual(['x4']);
    expect(co.max).toBe(1);
  });
});

describe('timeline', () => {
  it('buckets by month when the dates span two years at most, with the gaps', () => {
    const t = buildTimeline(sources, tally, codebook);
    expect(t.granularity).toBe('month');
    expect(t.buckets).toEqual(['2018-11', '2018-12', '2019-01']);
    expect(t.series.map((s) => s.counts)).toEqual([
      [3, 0, 1],
      [1, 0, 1],
      [0, 0, 1],
    ]);
    expect(t.series[2]!.undated).toBe(1);
    expect(t.max).toBe(3);
    expect(behind({ kind: 'timeline', principleId: 'p1', bucket: '2018-11', granularity: 'month' })).toEqual(['x1', 'x2', 'x7']);
    expect(behind({ kind: 'timeline', principleId: 'p1', bucket: '2019', granularity: 'year' })).toEqual(['x4']);
  });

  it('buckets by year on request', () => {
    const t = buildTimeline(sources, tally, codebook, 'year');
    expect(t.buckets).toEqual(['2018', '2019']);
    expect(t.series.map((s) => s.counts)).toEqual([[3, 1], [1, 1], [0, 1]]);
    expect(timelineTable(t)).toContainEqual(['Defend elections', 'undated', 1]);
  });

  it('is empty when nothing is dated', () => {
    const t = buildTimeline([coverageSource(documents[2]!)], tally, codebook);
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

  it('keeps passages made by the chosen coders, null standing for no coder recorded', () => {
    expect(ids(applyFilter(data, { ...NO_FILTER, coders: ['Ann'] }).passages)).toEqual(['x1', 'x2', 'x3']);
    expect(ids(applyFilter(data, { ...NO_FILTER, coders: ['Ben', null] }).passages)).toEqual(['x4', 'x5', 'x6', 'x7']);
    expect(tallyOf(data.passages).coderCounts()).toEqual([
      { coder: 'Ann', annotations: 3 },
      { coder: null, annotations: 2 },
      { coder: 'Ben', annotations: 2 },
    ]);
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

describe('tallies kept up to date and drawn from columns', () => {
  const stance = fc.constantFrom('supports', 'opposes', 'mixed', 'mentions' as const);
  const passage = fc.record({
    annotationId: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6'),
    documentId: fc.constantFrom('d1', 'd2', 'd3'),
    principles: fc.array(fc.constantFrom('p1', 'p2', 'p3', 'gone'), { maxLength: 3 }),
    actors: fc.array(fc.record({ actorId: fc.constantFrom('a', 'b', 'c', 'z'), stance }), { maxLength: 3 }),
    tags: fc.array(fc.constantFrom('key', 'later', 'x'), { maxLength: 2 }),
    quote: fc.string({ maxLength: 12 }),
    coder: fc.constantFrom(null, 'Ann', 'Ben'),
  });
  const step = fc.oneof(fc.record({ put: passage }), fc.record({ remove: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6') }));
  const filter = fc.record({
    documentIds: fc.option(fc.subarray(['d1', 'd2', 'd3']), { nil: null }),
    tags: fc.subarray(['key', 'later', 'x']),
    from: fc.option(fc.constantFrom('2018', '2018-12', '2019'), { nil: null }),
    to: fc.option(fc.constantFrom('2018-11', '2019'), { nil: null }),
    coders: fc.subarray([null, 'Ann', 'Ben']),
  });
  const views = (t: Tally, s = sources) => ({
    matrix: buildMatrix(t, codebook, { hideEmptyActors: false }),
    coverage: buildCoverage(s, t, codebook),
    frequencies: codeFrequencies(t, codebook),
    co: principleCoOccurrence(t, codebook),
    timeline: buildTimeline(s, t, codebook),
    tags: t.tagNames(),
    coders: t.coderCounts(),
  });

  it('change by change, the tally equals one counted afresh, and the columns hold each passage once', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const columns = new PassageColumns();
        const whole = new Tally();
        const current = new Map<string, (typeof passages)[number]>();
        for (const s of steps) {
          const id = 'put' in s ? s.put.annotationId : s.remove;
          const old = columns.get(id);
          if (old) {
            whole.add(old, -1);
            columns.remove(id);
            current.delete(id);
          }
          if ('put' in s) {
            const p = { ...s.put, start: null, end: null, page: null, pageLabel: null, note: '', color: 'yellow' as const, created: '', modified: '' };
            columns.set(id, factsOf(p));
            whole.add(factsOf(p));
            current.set(id, p);
          }
        }
        expect(views(whole)).toEqual(views(tallyOf([...current.values()])));
        const listed: string[] = [];
        columns.forEach((f) => listed.push(f.annotationId));
        expect(listed.sort()).toEqual([...current.keys()].sort());
        for (const [id, p] of current) expect(columns.get(id)).toEqual(factsOf(p));
      }),
    );
  });

  it('a filtered tally summed from the columns draws what filtering the passages draws', () => {
    const columns = new PassageColumns();
    for (const p of passages) columns.set(p.annotationId, factsOf(p));
    fc.assert(
      fc.property(filter, (f) => {
        const kept = applyFilter(data, f);
        const keptIds = new Set(kept.documents.map((d) => d.id));
        const summed = new Tally();
        columns.forEach((facts) => {
          if (keptIds.has(facts.documentId) && keepsPassage(facts, f)) summed.add(facts);
        });
        const keptSources = kept.documents.map(coverageSource);
        expect(views(summed, keptSources)).toEqual(views(tallyOf(kept.passages), keptSources));
        // Filtering only by source, the whole tally draws the same coverage and timeline.
        if (f.tags.length === 0 && f.coders.length === 0) {
          expect(buildCoverage(keptSources, tally, codebook)).toEqual(buildCoverage(keptSources, summed, codebook));
          expect(buildTimeline(keptSources, tally, codebook)).toEqual(buildTimeline(keptSources, summed, codebook));
        }
      }),
    );
  });

  it('every figure is the number of passages its drill-down lists', () => {
    const m = buildMatrix(tally, codebook, { hideEmptyActors: false });
    m.cells.flat().forEach((c) => expect(behind({ kind: 'cell', principleId: c.principleId, actorId: c.actorId })).toHaveLength(c.total));
    const cov = buildCoverage(sources, tally, codebook);
    cov.rows.forEach((r) => r.cells.forEach((c, j) => expect(behind({ kind: 'coverage', documentId: r.document.id, principleId: cov.principles[j]!.id })).toHaveLength(c.count)));
    const co = principleCoOccurrence(tally, codebook);
    co.counts.forEach((row, i) => row.forEach((n, j) => expect(behind({ kind: 'pair', principleIds: [co.principles[i]!.id, co.principles[j]!.id] })).toHaveLength(n)));
    for (const granularity of ['year', 'month'] as const) {
      const t = buildTimeline(sources, tally, codebook, granularity);
      t.series.forEach((s) => s.counts.forEach((n, k) => expect(behind({ kind: 'timeline', principleId: s.principle.id, bucket: t.buckets[k]!, granularity })).toHaveLength(n)));
    }
  });

  it('compacts the columns once most rows are dead, keeping the live ones in order', () => {
    const columns = new PassageColumns();
    for (let round = 0; round < 300; round++) {
      for (let i = 0; i < 10; i++) columns.set(`r${i}`, { ...factsOf(passages[i % passages.length]!), quoteLength: round });
    }
    columns.remove('r3');
    const listed: [string, number][] = [];
    columns.forEach((f) => listed.push([f.annotationId, f.quoteLength]));
    expect(listed).toEqual(['r0', 'r1', 'r2', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'].map((id) => [id, 299]));
    expect(columns.get('r9')).toEqual({ ...factsOf(passages[2]!), quoteLength: 299 });
    expect(columns.idsOfDocument('d1')).toEqual(['r0', 'r1', 'r6', 'r7', 'r8']);
  });

  it('reads the facts of a stored annotation', () => {
    const [annotation] = fixtureAnnotations();
    expect(annotationFacts(annotation!)).toEqual(factsOf(passages[0]!));
  });
});
