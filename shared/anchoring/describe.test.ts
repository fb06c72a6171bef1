import { describe, expect, it } from 'vitest';
import { describeRange } from './describe';

describe('describeRange', () => {
  const text = 'The quick brown fox jumps over the lazy dog.';

  it('stores the exact text, its surroundings and its position', () => {
    const [quote, position] = describeRange(text, 16, 25, 6);
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'fox jumps', prefix: 'brown ', suffix: ' over ' });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 16, end: 25 });
  });

  it('takes 32 characters of context by default and clips it at the ends of the text', () => {
    const [quote] = describeRange(text, 4, 9);
    expect(quote.prefix).toBe('The ');
    expect(quote.suffix).toBe(text.slice(9, 41));
    const [whole] = describeRange(text, 0, text.length);
    expect(whole).toMatchObject({ exact: text, prefix: '', suffix: '' });
  });

  it('does not cut a surrogate pair in half at the edge of the context', () => {
    const emoji = 'a😀bc';
    const [quote] = describeRange(emoji, 3, 4, 1);
    expect(quote.prefix).toBe('');
    expect(quote.exact).toBe('b');
  });

  it.each([
    [5, 5],
    [6, 5],
    [-1, 3],
    [0, text.length + 1],
    [1.5, 4],
    [Number.NaN, 4],
  ])('throws on the empty or invalid range %s–%s', (start, end) => {
    expect(() => describeRange(text, start, end)).toThrow(RangeError);
  });

  it('throws on a negative context length', () => {
    expect(() => describeRange(text, 0, 3, -1)).toThrow(RangeError);
  });
});
