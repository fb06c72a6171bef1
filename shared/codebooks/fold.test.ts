import { describe, expect, it } from 'vitest';
import { foldForMatching, foldWithOffsets } from './fold';

describe('foldForMatching', () => {
  it('folds diacritics, apostrophes, hyphens and ligatures, and keeps case', () => {
    expect(foldForMatching('Zürich')).toBe('Zurich');
    expect(foldForMatching('Élysée')).toBe('Elysee');
    expect(foldForMatching('Zu\u0308rich')).toBe('Zurich');
    expect(foldForMatching('America’s ‘x’ ʼy')).toBe("America's 'x' 'y");
    expect(foldForMatching('Hewlett\u2011Packard \u2013 HP')).toBe('Hewlett-Packard - HP');
    expect(foldForMatching('O\ufb03ce')).toBe('Office');
    expect(foldForMatching('Micro\u00adsoft')).toBe('Microsoft');
    expect(foldForMatching('ASCII stays as it is.')).toBe('ASCII stays as it is.');
  });

  it('keeps characters outside the Basic Multilingual Plane', () => {
    expect(foldForMatching('a 😀 b')).toBe('a 😀 b');
  });
});

describe('foldWithOffsets', () => {
  it('maps folded ranges back to the original text', () => {
    const text = 'In Zu\u0308rich, Oﬃce and 😀 Élysée.';
    const { folded, toOriginal } = foldWithOffsets(text);
    const at = (word: string) => {
      const start = folded.indexOf(word);
      const range = toOriginal(start, start + word.length);
      return text.slice(range.start, range.end);
    };
    expect(at('Zurich')).toBe('Zu\u0308rich');
    expect(at('Office')).toBe('Oﬃce');
    expect(at('Elysee')).toBe('Élysée');
    expect(at('Elysee.')).toBe('Élysée.');
  });

  it('maps texts that begin or end with marks, ligatures and runs of marks', () => {
    const text = '\u0301x ﬁne e\u0301\u0301 ﬃ';
    const { folded, toOriginal } = foldWithOffsets(text);
    expect(folded).toBe('x fine e ffi');
    expect(toOriginal(0, 1)).toEqual({ start: 1, end: 2 });
    expect(toOriginal(2, 6)).toEqual({ start: 3, end: 6 });
    expect(toOriginal(7, 8)).toEqual({ start: 7, end: 10 });
    expect(toOriginal(9, 12)).toEqual({ start: 11, end: 12 });
    expect(toOriginal(12, 12)).toEqual({ start: 12, end: 12 });
  });

  it('maps every folded character to the original characters that fold to it', () => {
    const pieces = ['a', 'Z', ' ', "'", '’', 'ü', 'u\u0308', '\u0301', 'ﬁ', 'ﬃ', '\u00ad', '😀', '\u2011', 'É', '.'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 20) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const { folded, toOriginal } = foldWithOffsets(text);
      let previous = 0;
      for (let j = 0; j < folded.length; j++) {
        const { start, end } = toOriginal(j, j + 1);
        expect(start, JSON.stringify(text)).toBeGreaterThanOrEqual(previous);
        expect(end).toBeLessThanOrEqual(text.length);
        expect(foldForMatching(text.slice(start, end)), JSON.stringify([text, j])).toContain(folded[j]);
        previous = start;
      }
      expect(toOriginal(0, folded.length).end).toBe(text.length);
    }
  });

  it('maps ASCII text to itself', () => {
    const { folded, toOriginal } = foldWithOffsets('plain text');
    expect(folded).toBe('plain text');
    expect(toOriginal(6, 10)).toEqual({ start: 6, end: 10 });
  });
});
