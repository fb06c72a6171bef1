// The evaluation engine on random libraries of real sentences and random queries (fast-check): skipping
// blocks never changes the best k (same entries, same scores, same order as evaluating every match), the
// matches and scores are those a brute-force reading of the texts gives, and totals and facets follow
// their rules (exact up to the limit, "10,000+" beyond, facets then lower bounds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { random } from '../../../scripts/bench/synthetic-library';
import { randomEntries, randomQuery, referenceScores, REFERENCE_DOCUMENTS } from '../../test-support/search-reference';
import type { EntryInput, EntryKind } from './entries';
import { executeKind } from './execute';
import { FacetCounter } from './facets';
import type { Facet } from '../../../shared/search/types';
import { planQuery, type DocumentInfo, type QueryPlan } from './plan';
import { Segment } from './segment';
import { buildSegment } from './segment-build';
import { SegmentedIndex } from './segmented-index';

const documents: DocumentInfo[] = REFERENCE_DOCUMENTS.map((id, i) => ({ id, title: `Document ${id}`, key: `document ${id}`, kind: 'article', year: 2018 + i }));

function plan(query: string): QueryPlan | null {
  const planned = planQuery(query, { codebook: PARIS_CALL_CODEBOOK, documents });
  return planned.ok ? planned.plan : null;
}

/** An index of the entries cut into `parts` segments, with some entries deleted. */
function indexOf(kind: EntryKind, entries: EntryInput[], parts: number, deletions: number[]): SegmentedIndex {
  const index = new SegmentedIndex();
  const size = Math.ceil(entries.length / parts);
  for (let i = 0; i < entries.length; i += size) index.add(Segment.fromBytes(buildSegment(kind, entries.slice(i, i + size))));
  for (const d of deletions) if (entries[d]) index.remove(entries[d].id);
  return index;
}

const ids = (result: ReturnType<typeof executeKind>) => result.top.map((m) => [m.segment.entryId(m.ordinal), m.score]);

describe('evaluation with skipping', () => {
  for (const kind of ['passage', 'annotation'] as const) {
    it(`finds the same best k as exhaustive evaluation (${kind}s)`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.integer({ min: 150, max: 700 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 0, max: 60 }),
          (seed, count, parts, k, totalLimit) => {
            const rand = random(seed);
            const entries = randomEntries(kind, count, rand);
            const deletions = Array.from({ length: Math.floor(rand() * 20) }, () => Math.floor(rand() * count));
            const index = indexOf(kind, entries, parts, deletions);
            for (let q = 0; q < 6; q++) {
              const query = randomQuery(entries, rand);
              const p = plan(query);
              if (!p) continue;
              const pruned = executeKind(index, kind, p, k, { totalLimit });
              const exhaustive = executeKind(index, kind, p, k, { totalLimit, exhaustive: true });
              expect(ids(pruned), query).toEqual(ids(exhaustive));
              expect([pruned.total, pruned.capped], query).toEqual([exhaustive.total, exhaustive.capped]);
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  it('while still counting, leaves unscored only entries that cannot enter, and counts every one', () => {
    const rand = random(7);
    const entries = randomEntries('passage', 3000, rand);
    const index = indexOf('passage', entries, 2, [10, 500, 2999]);
    for (const query of ['cyber', 'paris call', 'security -states', '"the paris call"', 'sec*', 'cybr~1']) {
      const p = plan(query)!;
      for (const k of [1, 5, 20]) {
        const exhaustive = executeKind(index, 'passage', p, k, { exhaustive: true, totalLimit: Infinity });
        const counted = executeKind(index, 'passage', p, k, { totalLimit: Infinity });
        expect(counted.top.map((m) => [m.segment.entryId(m.ordinal), m.score]), query).toEqual(exhaustive.top.map((m) => [m.segment.entryId(m.ordinal), m.score]));
        expect([counted.total, counted.capped], query).toEqual([exhaustive.total, false]);
      }
    }
  });

  it('skips blocks of a long list and still finds the best', () => {
    const rand = random(5);
    const entries = randomEntries('passage', 3000, rand);
    const index = indexOf('passage', entries, 1, []);
    for (const query of ['cyber', 'paris call', 'security -states', '"the paris call"']) {
      const p = plan(query)!;
      const exhaustive = executeKind(index, 'passage', p, 5, { exhaustive: true, totalLimit: 10 });
      const pruned = executeKind(index, 'passage', p, 5, { totalLimit: 10 });
      expect(ids(pruned), query).toEqual(ids(exhaustive));
      expect(pruned.capped, query).toBe(true);
    }
  });
});

describe('words reaching many terms (scored together, term at a time)', () => {
  it('find what a brute-force reading finds, and the same best k with skipping, long lists included', () => {
    const rand = random(13);
    const entries = randomEntries('passage', 2500, rand);
    // No deletions: the document frequencies count deleted entries, which a brute-force reading does not.
    const index = indexOf('passage', entries, 2, []);
    const live = entries;
    let many = 0;
    for (const query of ['c*', 'pr*', 'co*', 's*', 'sta*', 'co* security', 'pr* -states', 'the*']) {
      const p = plan(query)!;
      const token = p.text[0]!.tokens[0]!;
      const reached = index.ofKind('passage').map((segment) => (token.match.type === 'prefix' ? segment.prefixTerms(token.match.prefix).length : 0));
      if (reached.some((n) => n > 12)) many++;
      // Beyond 64 terms, their document frequencies are estimated from the segment (execute.ts): scores then differ a little.
      const estimated = reached.some((n) => n > 64);
      const expected = referenceScores(live, p);
      const found = executeKind(index, 'passage', p, live.length, { exhaustive: true, totalLimit: Infinity });
      const got = new Map(found.top.map((m) => [m.segment.entryId(m.ordinal), m.score]));
      expect([...got.keys()].sort(), query).toEqual([...expected.keys()].sort());
      if (!estimated) for (const [id, score] of expected) expect(got.get(id)! / score, `${query}: ${id}`).toBeCloseTo(1, 9);
      for (const [k, totalLimit] of [[1, 10], [10, 50], [20, Infinity]] as const) {
        const pruned = executeKind(index, 'passage', p, k, { totalLimit });
        const exhaustive = executeKind(index, 'passage', p, k, { totalLimit, exhaustive: true });
        expect(ids(pruned), query).toEqual(ids(exhaustive));
        expect([pruned.total, pruned.capped], query).toEqual([exhaustive.total, exhaustive.capped]);
      }
    }
    // The queries do reach many terms, a list of most entries among them ("s*" has "security").
    expect(many).toBeGreaterThanOrEqual(5);
  });
});

describe('matches and scores', () => {
  for (const kind of ['passage', 'annotation'] as const) {
    it(`are those a brute-force reading of the texts finds (${kind}s)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 20, max: 300 }), (seed, count) => {
          const rand = random(seed);
          const entries = randomEntries(kind, count, rand);
          const index = indexOf(kind, entries, 1, []);
          for (let q = 0; q < 8; q++) {
            const query = randomQuery(entries, rand);
            const p = plan(query);
            if (!p || p.annotationFilters.length || p.documents || p.excludedDocuments.size || p.text.every((c) => c.negated)) continue;
            const expected = referenceScores(entries, p);
            // Twice: the second time from what the first kept (a phrase's stop-word map offsets).
            for (let pass = 0; pass < 2; pass++) {
              const found = executeKind(index, kind, p, count, { exhaustive: true, totalLimit: Infinity });
              const got = new Map(found.top.map((m) => [m.segment.entryId(m.ordinal), m.score]));
              expect([...got.keys()].sort(), query).toEqual([...expected.keys()].sort());
              for (const [id, score] of expected) expect(got.get(id)! / score, `${query}: ${id}`).toBeCloseTo(1, 9);
              expect(found.total).toBe(expected.size);
            }
          }
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe('totals and facets', () => {
  const rand = random(11);
  const entries = randomEntries('annotation', 400, rand);
  const deleted = [3, 5, 8];
  const index = indexOf('annotation', entries, 2, deleted);
  const live = entries.filter((_, i) => !deleted.includes(i));
  const context = { version: 1, codebook: PARIS_CALL_CODEBOOK, document: (id: string) => documents.find((d) => d.id === id) };
  const counts = (facets: Facet[]) => new Map(facets.flatMap((f) => f.values.map((v) => [v.clause, v.count] as const)));

  it('counts exactly up to the limit, then says there are more, with facets as lower bounds', () => {
    const p = plan('cyber')!;
    const full = new FacetCounter();
    const all = executeKind(index, 'annotation', p, 10_000, { totalLimit: Infinity, facets: full });
    expect(all.capped).toBe(false);
    expect(all.total).toBe(all.top.length);
    const exact = full.result(context, { annotations: false, passages: false });
    expect(exact.every((f) => !f.partial)).toBe(true);
    // Exact counts are what the matching entries say.
    const matching = new Set(all.top.map((m) => m.segment.entryId(m.ordinal)));
    for (const value of exact.find((f) => f.field === 'principle')!.values) {
      const id = value.clause.replace(/^principle:/, '');
      expect(value.count).toBe(live.filter((e) => matching.has(e.id) && e.kind === 'annotation' && e.meta.principles.includes(id)).length);
    }

    const limit = Math.floor(all.total / 2);
    const facets = new FacetCounter();
    const capped = executeKind(index, 'annotation', p, 5, { totalLimit: limit, facets });
    expect([capped.total, capped.capped]).toEqual([limit, true]);
    const lower = facets.result(context, { annotations: true, passages: false });
    expect(lower.every((f) => f.partial)).toBe(true);
    const exactCounts = counts(exact);
    let sum = 0;
    for (const [clause, count] of counts(lower)) {
      expect(count).toBeLessThanOrEqual(exactCounts.get(clause) ?? Infinity);
      if (clause.startsWith('doc:')) sum += count;
    }
    expect(sum).toBeLessThanOrEqual(limit);
  });

  it('counts the same whatever order the segments’ entries come in (what it looks up per segment is kept per segment)', () => {
    const segments = index.ofKind('annotation');
    expect(segments.length).toBeGreaterThan(1);
    const grouped = new FacetCounter();
    const interleaved = new FacetCounter();
    const liveOf = (segment: (typeof segments)[number]) => Array.from({ length: segment.n }, (_, o) => o).filter((o) => !segment.deleted[o]);
    for (const segment of segments) for (const o of liveOf(segment)) grouped.addEntry(segment, o);
    const lists = segments.map(liveOf);
    for (let i = 0; lists.some((list) => i < list.length); i++) lists.forEach((list, k) => i < list.length && interleaved.addEntry(segments[k]!, list[i]!));
    const none = { annotations: false, passages: false };
    expect(interleaved.result(context, none)).toEqual(grouped.result(context, none));
    // And what they count is what the entries say.
    const principle = grouped.result(context, none).find((f) => f.field === 'principle')!;
    for (const value of principle.values) {
      const id = value.clause.replace(/^principle:/, '');
      expect(value.count).toBe(entries.filter((e, i) => !deleted.includes(i) && e.kind === 'annotation' && e.meta.principles.includes(id)).length);
    }
  });

  it('counts queries made only of filters in full, document filters from per-document aggregates', () => {
    const check = (query: string) => {
      const p = plan(query)!;
      const facets = new FacetCounter();
      const result = executeKind(index, 'annotation', p, 5, { totalLimit: 10, facets });
      // The same, entry by entry.
      const perEntry = new FacetCounter();
      let total = 0;
      for (const segment of index.ofKind('annotation')) {
        for (let o = 0; o < segment.n; o++) {
          const entry = entries.find((e) => e.id === segment.entryId(o))!;
          if (segment.deleted[o] || !matchesFilters(entry, p)) continue;
          perEntry.addEntry(segment, o);
          total++;
        }
      }
      expect([result.total, result.capped], query).toEqual([total, false]);
      expect(facets.result(context, { annotations: false, passages: false }), query).toEqual(perEntry.result(context, { annotations: false, passages: false }));
    };
    const queries = ['year:2019..2020', '-doc:d1', 'kind:article', 'color:yellow'];
    for (const query of queries) check(query);
    // Deleting entries updates the aggregates.
    for (const entry of live.slice(0, 30)) index.remove(entry.id);
    for (const query of queries) check(query);
  });
});

function matchesFilters(entry: EntryInput, p: QueryPlan): boolean {
  if (entry.kind !== 'annotation') return false;
  const doc = entry.meta.documentId;
  if (p.documents && !p.documents.has(doc)) return false;
  if (p.excludedDocuments.has(doc)) return false;
  return p.annotationFilters.every((f) => (f.field === 'color' ? f.values.includes(entry.meta.color) : true) !== f.negated);
}
