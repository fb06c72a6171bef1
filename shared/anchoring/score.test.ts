import { describe, expect, it } from 'vitest';
import { assess, pickBest } from './score';
import { similarity } from './similarity';

describe('similarity', () => {
  it('is 1 for equal strings, lower per edit, 0 against nothing', () => {
    expect(similarity('abcdefghij', 'abcdefghij')).toBe(1);
    expect(similarity('abcdefghij', 'abcdeXghij')).toBeCloseTo(0.9);
    expect(similarity('abcdefghij', '')).toBe(0);
    expect(similarity('', 'anything')).toBe(1);
  });
});

describe('assess', () => {
  const stored = { exact: 'shared values', prefix: 'we act on our ', suffix: ' in every forum' };
  const text = 'we act on our shared values in every forum';

  it('scores a match in its own surroundings at 1', () => {
    const a = assess(text, { start: 14, end: 27, errors: 0 }, stored, 14, 0.75);
    expect(a.score).toBe(1);
    expect(a.passes).toBe(true);
  });

  it('refuses a short exact quote in unrelated surroundings', () => {
    const elsewhere = 'quite unrelated words, then shared values, then more unrelated words';
    const start = elsewhere.indexOf('shared values');
    const a = assess(elsewhere, { start, end: start + 13, errors: 0 }, stored, null, 0.75);
    expect(a.passes).toBe(false);
  });

  it('prefers the candidate nearer the old position when scores tie', () => {
    const twice = `${text} / ${text}`;
    const second = twice.lastIndexOf('shared values');
    const candidates = [14, second].map((start) => assess(twice, { start, end: start + 13, errors: 0 }, stored, second - 3, 0.75));
    expect(pickBest(candidates).accepted?.candidate.start).toBe(second);
  });
});

describe('assess: context only as far as the text goes', () => {
  const stored = { exact: 'shared values', prefix: 'long ago, we act on our ', suffix: ' in every forum, every day' };

  it('compares only the part of the prefix the text has room for at its start', () => {
    const text = 'on our shared values in every forum, every day';
    const a = assess(text, { start: 7, end: 20, errors: 0 }, stored, null, 0.75);
    expect(a.context).toBe(1);
  });

  it('does not count a suffix cut off by the end of the text against the quote', () => {
    const text = 'long ago, we act on our shared values';
    const a = assess(text, { start: 24, end: 37, errors: 0 }, stored, null, 0.75);
    expect(a.score).toBe(1);
  });
});
