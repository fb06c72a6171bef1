import { describe, expect, it } from 'vitest';
import { findAll, firstMatchFrom } from './find';

const text = 'The Paris Call on cyber\n\nsecurity. Café culture; the CAFE is open. Paris, again.';

describe('findAll', () => {
  it('ignores case and accents, and finds phrases broken across blocks', () => {
    expect(findAll(text, 'paris').map((m) => text.slice(m.start, m.end))).toEqual(['Paris', 'Paris']);
    expect(findAll(text, 'cafe').map((m) => text.slice(m.start, m.end))).toEqual(['Café', 'CAFE']);
    expect(findAll(text, 'cyber security').map((m) => text.slice(m.start, m.end))).toEqual(['cyber\n\nsecurity']);
  });

  it('treats the query as text, not as a pattern, and finds nothing for blanks', () => {
    expect(findAll('a.b and axb', 'a.b')).toEqual([{ start: 0, end: 3 }]);
    expect(findAll(text, '   ')).toEqual([]);
  });

  it('searches within a part of the text, giving offsets in the whole', () => {
    const [match] = findAll(text, 'paris', 20);
    expect(text.slice(match!.start, match!.end)).toBe('Paris');
    expect(match!.start).toBeGreaterThan(20);
  });

  it('starts from the first match after a place', () => {
    const matches = findAll(text, 'paris');
    expect(firstMatchFrom(matches, 10)).toBe(1);
    expect(firstMatchFrom(matches, 999)).toBe(0);
  });
});
