import { describe, expect, it } from 'vitest';
import { segmentRange } from './segments';

describe('segmentRange', () => {
  it('returns the whole block when nothing is highlighted', () => {
    expect(segmentRange(10, 20, [])).toEqual([{ start: 10, end: 20, ids: [] }]);
  });

  it('splits around one highlight', () => {
    expect(segmentRange(0, 10, [{ id: 'a', start: 2, end: 5 }])).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 5, ids: ['a'] },
      { start: 5, end: 10, ids: [] },
    ]);
  });

  it('keeps every highlight over an overlap', () => {
    const segments = segmentRange(0, 10, [
      { id: 'a', start: 1, end: 6 },
      { id: 'b', start: 4, end: 9 },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 1, ids: [] },
      { start: 1, end: 4, ids: ['a'] },
      { start: 4, end: 6, ids: ['a', 'b'] },
      { start: 6, end: 9, ids: ['b'] },
      { start: 9, end: 10, ids: [] },
    ]);
  });

  it('clips highlights that run past the block and ignores others', () => {
    const segments = segmentRange(10, 20, [
      { id: 'a', start: 5, end: 12 },
      { id: 'b', start: 18, end: 40 },
      { id: 'c', start: 30, end: 40 },
    ]);
    expect(segments).toEqual([
      { start: 10, end: 12, ids: ['a'] },
      { start: 12, end: 18, ids: [] },
      { start: 18, end: 20, ids: ['b'] },
    ]);
  });
});
