import { describe, expect, it } from 'vitest';
import { windowAround } from './snippet-window';

describe('windowAround', () => {
  it('keeps a short text whole', () => {
    expect(windowAround('A short memo.', [[2, 7]])).toEqual({ text: 'A short memo.', marks: [[2, 7]] });
  });

  it('cuts a long text at whole words around the first mark and shifts the marks to the window', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const at = text.indexOf('word40');
    const cut = windowAround(text, [[at, at + 6]]);
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    const [[s, e]] = cut.marks as [[number, number]];
    expect(cut.text.slice(s, e)).toBe('word40');
    expect(cut.text).not.toMatch(/…\s|\s…/);
    expect(cut.text.slice(1, -1).split(' ').every((w) => /^word\d+$/.test(w))).toBe(true);
  });

  it('keeps the marks on their words when the window starts at a run of spaces', () => {
    const text = 'x'.repeat(100) + '      ' + 'alpha beta gamma '.repeat(20);
    const at = text.indexOf('gamma', 150);
    const cut = windowAround(text, [[at, at + 5]]);
    for (const [s, e] of cut.marks) expect(cut.text.slice(s, e)).toBe('gamma');
  });
});
