// Seeded random trials: many passages, random edits. Each case has its own seed, so a failure
// reproduces alone; together they check the threshold against more than hand-picked examples.
import { describe, expect, it } from 'vitest';
import { anchor } from './anchor';
import { describeRange } from './describe';
import { proseText, random } from './test-text';

const text = proseText(78, 30_000);

/** Replaces or deletes about `rate` of the characters, and at least one. */
function mutate(s: string, rate: number, next: () => number): string {
  let out = '';
  for (const ch of s) out += next() < rate ? (next() < 0.5 ? 'z' : '') : ch;
  if (out !== s) return out;
  const middle = Math.floor(s.length / 2);
  return `${s.slice(0, middle)}z${s.slice(middle + 1)}`;
}

const cases = Array.from({ length: 40 }, (_, n) => {
  const next = random(1000 + n);
  const length = 10 + Math.floor(next() * 150);
  const start = 200 + Math.floor(next() * (text.length - length - 400));
  return { n, start, end: start + length };
});

describe.each(cases)('random passage $n ($start–$end)', ({ n, start, end }) => {
  const selectors = describeRange(text, start, end);
  const quote = text.slice(start, end);

  it('is found after ~10% of it and ~5% of its surroundings changed', () => {
    const next = random(2000 + n);
    const before = mutate(text.slice(start - 40, start), 0.05, next);
    const edited = mutate(quote, 0.1, next);
    const after = mutate(text.slice(end, end + 40), 0.05, next);
    const changed = text.slice(0, start - 40) + before + edited + after + text.slice(end + 40);
    const result = anchor(changed, selectors);
    const expectedStart = start - 40 + before.length;
    if (changed.includes(quote)) {
      // The unedited quote still occurs elsewhere: an exact occurrence wins over the edited passage.
      expect(result.status === 'anchored' ? changed.slice(result.start, result.end) : quote).toBe(quote);
      return;
    }
    expect(result.status).toBe('anchored');
    if (result.status !== 'anchored') return;
    expect(Math.abs(result.start - expectedStart)).toBeLessThanOrEqual(3);
    expect(Math.abs(result.end - (expectedStart + edited.length))).toBeLessThanOrEqual(3);
  });

  it('is orphaned, not moved onto a look-alike, once deleted', () => {
    const next = random(3000 + n);
    const cut = text.slice(0, start - 40) + text.slice(end + 40);
    const at = Math.floor(next() * cut.length);
    const changed = `${cut.slice(0, at)} ${mutate(quote, 0.08, next)} ${cut.slice(at)}`;
    expect(anchor(changed, selectors).status).toBe('orphaned');
  });
});
