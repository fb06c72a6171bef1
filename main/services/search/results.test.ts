import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer';
import { snippet } from './results';

const termsOf = (query: string) => new Set(analyze(query).flatMap((t) => (t.term === null ? [] : [t.term])));

describe('snippet', () => {
  it('marks every matched word, and points at the first run of them, a phrase with its stop words', () => {
    const text = 'States uphold the rule of law online. The rule is old; law is older.';
    const cut = snippet(text, termsOf('rule of law'));
    expect(cut.marks.map(([s, e]) => text.slice(s, e))).toEqual(['rule', 'law', 'rule', 'law']);
    expect(text.slice(cut.first!.start, cut.first!.end)).toBe('rule of law');
  });

  it('ends the first run at the first word that did not match', () => {
    const text = 'Norms matter. Cyber norms, and cyber treaties.';
    const cut = snippet(text, termsOf('cyber'));
    expect(text.slice(cut.first!.start, cut.first!.end)).toBe('Cyber');
    expect(snippet('Nothing here.', termsOf('cyber')).first).toBeNull();
  });
});
