// The list iterators' shared moves (filters' entries and dense unions walk their lists through it): any
// mix of nextDoc and advance gives what a linear scan of the list gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseUnion } from './clauses';
import { ListIterator } from './execute';
import type { Segment } from './segment';
import { SortedDocs } from './sorted-docs';
import { NO_MORE, type Scoring } from './term-postings';

/** Both kinds of list iterator over the same list (a dense union's scores do not matter here). */
function iterators(list: number[]): SortedDocs[] {
  const docs = Int32Array.from(list);
  const dense = { docs, scores: new Float64Array(list.length), blockMaxima: new Float64Array(Math.ceil(list.length / 128)) };
  return [new ListIterator(list), new DenseUnion(null as unknown as Segment, [], null as unknown as Scoring, dense)];
}

describe('iterating an ascending list of entries', () => {
  it('nextDoc and advance land where a linear scan does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 2_000 }), { maxLength: 300 }).map((list) => list.sort((a, b) => a - b)),
        fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 400 })), { maxLength: 60 }),
        (list, moves) => {
          for (const it of iterators(list)) {
            expect(it).toBeInstanceOf(SortedDocs);
            expect(it.cost).toBe(list.length);
            let doc = -1;
            for (const move of moves) {
              if (doc === NO_MORE) break;
              // -1: the next entry; else advance by that much past the current entry.
              const target = move === -1 ? doc + 1 : doc + move;
              const expected = list.find((d) => d >= target) ?? NO_MORE;
              doc = move === -1 ? it.nextDoc() : it.advance(target);
              expect(doc).toBe(expected);
              expect(it.doc).toBe(expected);
            }
          }
        },
      ),
    );
  });

  it('stays past the end once there', () => {
    for (const it of iterators([3, 9])) {
      expect(it.advance(10)).toBe(NO_MORE);
      expect(it.nextDoc()).toBe(NO_MORE);
      expect(it.advance(NO_MORE - 1)).toBe(NO_MORE);
    }
  });
});
