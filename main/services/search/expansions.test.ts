// Prefix and typo expansions kept between queries: the same results as found afresh, and never stale
// after the index changes (an entry added, deleted, a segment merged away).
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { random } from '../../../scripts/bench/synthetic-library';
import { randomEntries, referenceScores, REFERENCE_DOCUMENTS } from '../../test-support/search-reference';
import type { EntryInput } from './entries';
import { executeKind } from './execute';
import { ExpansionCache, expansionCache } from './expansions';
import { planQuery, type DocumentInfo } from './plan';
import { Segment } from './segment';
import { buildSegment } from './segment-build';
import { SegmentedIndex } from './segmented-index';

const documents: DocumentInfo[] = REFERENCE_DOCUMENTS.map((id) => ({ id, title: id, key: id, kind: 'article', year: 2020 }));
const plan = (query: string) => {
  const planned = planQuery(query, { codebook: PARIS_CALL_CODEBOOK, documents });
  if (!planned.ok) throw new Error(planned.error.message);
  return planned.plan;
};

/** Passages of corpus sentences, each with a few of forty words starting "zq" (a prefix of many terms). */
function entries(count: number, first: number, seed: number): EntryInput[] {
  const rand = random(seed);
  return randomEntries('passage', count, rand, first).map((e) => ({
    ...e,
    fields: [`${e.fields[0]} ${Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `zq${'abcdefghij'[Math.floor(rand() * 10)]}${Math.floor(rand() * 4)}x`).join(' ')}`],
  }));
}

const found = (index: SegmentedIndex, query: string) => {
  const result = executeKind(index, 'passage', plan(query), 10_000, { exhaustive: true, totalLimit: Infinity });
  return new Map(result.top.map((m) => [m.segment.entryId(m.ordinal), m.score]));
};

function expectReference(index: SegmentedIndex, all: EntryInput[], query: string): void {
  const expected = referenceScores(all, plan(query));
  const got = found(index, query);
  expect([...got.keys()].sort(), query).toEqual([...expected.keys()].sort());
  for (const [id, score] of expected) expect(got.get(id)! / score, `${query}: ${id}`).toBeCloseTo(1, 9);
}

/** The same entries and scores as with nothing kept (what is kept now is used first, then dropped). */
function expectFresh(index: SegmentedIndex, query: string): void {
  const kept = found(index, query);
  expansionCache.forget('');
  expect([...kept], query).toEqual([...found(index, query)]);
}

describe('kept expansions', () => {
  it('give what a fresh expansion gives, and follow the index as it changes', () => {
    const base = entries(300, 0, 1);
    const index = new SegmentedIndex();
    index.add(Segment.fromBytes(buildSegment('passage', base)));
    let all = base;
    const queries = ['zq*', 'zqa*', 'zqa0y~1', 'zqb*'];
    for (const query of queries) expectReference(index, all, query);
    expect(expansionCache.bytes).toBeGreaterThan(0);
    // Asked again: from what was kept, the same.
    for (const query of queries) expectReference(index, all, query);

    // New entries, then deleted ones: new terms and new weights.
    const more = entries(120, 300, 2);
    index.add(Segment.fromBytes(buildSegment('passage', more)));
    all = [...base, ...more];
    for (const query of queries) expectReference(index, all, query);
    for (const query of queries) found(index, query);
    // Deleted entries still count in document frequencies until merged away: compared with a fresh expansion.
    for (const entry of base.slice(0, 50)) index.remove(entry.id);
    all = all.slice(50);
    for (const query of queries) expectFresh(index, query);
    // Segments merged away forget their expansions.
    const segments = [...index.segments];
    index.replace(segments, Segment.fromBytes(buildSegment('passage', all)));
    for (const query of queries) expectReference(index, all, query);
  });

  it('keeps within its budget, least recently used out', () => {
    const cache = new ExpansionCache(1000);
    const expansion = (bytes: number) => ({ generation: 1, token: { ordinal: 0, terms: [], stop: null }, names: [], bytes });
    cache.set('1:a', expansion(400));
    cache.set('1:b', expansion(400));
    expect(cache.get('1:a', 1)).toBeDefined();
    cache.set('2:c', expansion(400));
    expect([cache.get('1:b', 1), cache.get('1:a', 1), cache.get('2:c', 1)].map(Boolean)).toEqual([false, true, true]);
    // Another generation: not reused.
    expect(cache.get('1:a', 2)).toBeUndefined();
    cache.forget('2:');
    expect(cache.bytes).toBe(0);
    cache.set('3:big', expansion(2000));
    expect(cache.get('3:big', 1)).toBeUndefined();
  });
});
