import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { random } from '../../../scripts/bench/synthetic-library';
import { corpusSentences } from '../../test-support/search-reference';
import { analyze, analyzeFor } from './analyzer';
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

describe('snippet marking', () => {
  it('sees the matched words and the stop words analyze() sees, stemming only words that could match', () => {
    const sentences = corpusSentences();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const rand = random(seed);
        const text = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => sentences[Math.floor(rand() * sentences.length)]!).join(' ');
        const full = analyze(text);
        const terms = new Set(full.flatMap((t) => (t.term !== null && rand() < 0.2 ? [t.term] : [])));
        const quick = analyzeFor(text, terms);
        expect(quick.map((t) => [t.start, t.end, t.ordinal])).toEqual(full.map((t) => [t.start, t.end, t.ordinal]));
        quick.forEach((t, i) => {
          const term = full[i]!.term;
          expect(t.term === null).toBe(term === null);
          expect(t.term !== null && terms.has(t.term)).toBe(term !== null && terms.has(term));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('walks a query\'s terms once for all its snippets (a prefix reaches thousands), and again only if they change', () => {
    class Counted extends Set<string> {
      walks = 0;
      override [Symbol.iterator](): SetIterator<string> {
        this.walks++;
        return super[Symbol.iterator]();
      }
    }
    const terms = new Counted(['secur', ...Array.from({ length: 3000 }, (_, i) => `term${i}`)]);
    for (let i = 0; i < 40; i++) expect(snippet('Security matters, and so do states.', terms).marks).toEqual([[0, 8]]);
    expect(terms.walks).toBe(1);
    // A set that grew since is walked again: its new terms are marked.
    terms.add('state');
    expect(snippet('Security matters, and so do states.', terms).marks).toEqual([[0, 8], [28, 34]]);
  });
});
