import { describe, expect, it } from 'vitest';
import { normalizeSnippet, normalizeText, toNormalizedIndex, toOriginalRange } from './normalize';

describe('normalizeText', () => {
  it('collapses runs of whitespace and maps each char back to the original', () => {
    const original = 'foo \n\t bar  baz';
    const normalized = normalizeText(original);
    expect(normalized.text).toBe('foo bar baz');
    expect(toOriginalRange(normalized, 4, 7)).toEqual([7, 10]);
    expect(original.slice(...toOriginalRange(normalized, 0, 11))).toBe(original);
    expect(normalized.offsets[normalized.text.length]).toBe(original.length);
  });

  it('joins words hyphenated at a line end, but keeps real hyphens', () => {
    expect(normalizeSnippet('the inter-\nnational order')).toBe('the international order');
    expect(normalizeSnippet('the inter- national order')).toBe('the international order');
    expect(normalizeSnippet('a well-known fact')).toBe('a well-known fact');
    expect(normalizeSnippet('Section 3 -\n4')).toBe('Section 3 - 4');
    expect(normalizeSnippet('the EU-\nUS deal')).toBe('the EU- US deal');
  });

  it('drops soft hyphens and spells out ligatures and curly quotes', () => {
    expect(normalizeSnippet('e\u00advalu\u00adation')).toBe('evaluation');
    expect(normalizeSnippet('\ufb01nal e\ufb00ort')).toBe('final effort');
    expect(normalizeSnippet('\u201cit\u2019s\u201d')).toBe('"it\'s"');
    const normalized = normalizeText('\ufb01x');
    expect(toOriginalRange(normalized, 0, 3)).toEqual([0, 2]);
  });

  it('finds the normalized index of an original offset', () => {
    const normalized = normalizeText('a   b   c');
    expect(toNormalizedIndex(normalized, 0)).toBe(0);
    expect(toNormalizedIndex(normalized, 4)).toBe(2);
    expect(toNormalizedIndex(normalized, 5)).toBe(3);
    expect(toNormalizedIndex(normalized, 9)).toBe(5);
  });

  it('handles long texts', () => {
    const long = 'word  '.repeat(50_000);
    expect(normalizeText(long).text).toBe('word '.repeat(50_000));
  });
});
