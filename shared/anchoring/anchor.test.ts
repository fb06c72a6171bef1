import { describe, expect, it } from 'vitest';
import type { Selector } from '../model';
import { anchor } from './anchor';
import { describeRange } from './describe';
import { proseText } from './test-text';
import type { AnchorResult } from './types';

const PASSAGE = 'Operators of hospital networks must report serious incidents within seventy-two hours';

/** A document with PASSAGE in the middle of generated prose. */
function documentWith(passage: string, seed = 1): string {
  return `${proseText(seed, 3000)}\n\n${passage}, and regulators publish a yearly summary.\n\n${proseText(seed + 1, 3000)}`;
}

/** Selectors for the nth occurrence of `passage` in `text`. */
function selectorsFor(text: string, passage: string, occurrence = 0): Selector[] {
  let start = text.indexOf(passage);
  for (let n = 0; n < occurrence; n += 1) start = text.indexOf(passage, start + 1);
  if (start === -1) throw new Error(`test setup: "${passage}" not in text`);
  return describeRange(text, start, start + passage.length);
}

function placed(text: string, result: AnchorResult): string {
  if (result.status !== 'anchored') throw new Error(`expected anchored, got orphaned: ${result.reason}`);
  return text.slice(result.start, result.end);
}

describe('anchor: position and exact quote', () => {
  const original = documentWith(PASSAGE);
  const selectors = selectorsFor(original, PASSAGE);

  it('uses the stored position when the text is unchanged', () => {
    const result = anchor(original, selectors);
    expect(result).toMatchObject({ status: 'anchored', method: 'position', score: 1 });
    expect(placed(original, result)).toBe(PASSAGE);
  });

  it('finds the quote after text was inserted before it', () => {
    const inserted = `${proseText(7, 500)}\n\n`;
    const changed = inserted + original;
    const result = anchor(changed, selectors);
    expect(result).toMatchObject({ status: 'anchored', method: 'quote', start: original.indexOf(PASSAGE) + inserted.length });
    expect(placed(changed, result)).toBe(PASSAGE);
  });

  it('anchors by position alone when there is no quote, if the position is in the text', () => {
    const position: Selector[] = [{ type: 'TextPositionSelector', start: 10, end: 20 }];
    expect(anchor(original, position)).toMatchObject({ status: 'anchored', method: 'position', start: 10, end: 20 });
    const beyond: Selector[] = [{ type: 'TextPositionSelector', start: 10, end: original.length + 1 }];
    expect(anchor(original, beyond)).toMatchObject({ status: 'orphaned', reason: expect.stringMatching(/beyond the end/) });
  });

  it('finds the quote without a position selector', () => {
    const quoteOnly = selectors.filter((s) => s.type === 'TextQuoteSelector');
    const moved = `xyz ${original}`;
    expect(placed(moved, anchor(moved, quoteOnly))).toBe(PASSAGE);
  });

  it('does not trust a position whose text no longer matches the quote', () => {
    const changed = original.replace(PASSAGE, `${PASSAGE.slice(0, 10)}!${PASSAGE.slice(10)}`);
    const result = anchor(changed, selectors);
    expect(result.status === 'anchored' && result.method).not.toBe('position');
  });
});

describe('anchor: edits inside the quote', () => {
  const original = documentWith(PASSAGE);
  const selectors = selectorsFor(original, PASSAGE);

  it('anchors a slightly edited quote by fuzzy search', () => {
    const edited = 'Operators of hospital networks must report severe incidents within seventy-two hours';
    const changed = `Preamble added later.\n\n${original.replace(PASSAGE, edited)}`;
    const result = anchor(changed, selectors);
    expect(result).toMatchObject({ status: 'anchored', method: 'fuzzy' });
    expect(placed(changed, result)).toBe(edited);
    expect(result.status === 'anchored' && result.score).toBeGreaterThan(0.9);
  });

  it('orphans a quote that was rewritten', () => {
    const changed = original.replace(PASSAGE, 'Hospitals should tell the regulator about breaches quickly');
    const result = anchor(changed, selectors);
    expect(result).toMatchObject({ status: 'orphaned', reason: expect.stringMatching(/not found/) });
  });

  it('orphans a quote that was deleted, with a reason', () => {
    const changed = original.replace(`${PASSAGE}, and regulators publish a yearly summary.\n\n`, '');
    const result = anchor(changed, selectors);
    expect(result.status).toBe('orphaned');
    expect(result.status === 'orphaned' && result.reason.length).toBeGreaterThan(20);
  });

  it('honours a stricter minimum score', () => {
    const changed = original.replace('serious', 'severe');
    expect(anchor(changed, selectors, { minScore: 0.99 }).status).toBe('orphaned');
    expect(anchor(changed, selectors).status).toBe('anchored');
  });

  it('handles characters outside the basic plane', () => {
    const emoji = 'Operators of hospital networks 🏥 must report serious incidents quickly';
    const text = documentWith(emoji);
    const stored = selectorsFor(text, emoji);
    const changed = `Intro.\n\n${text.replace('serious', 'grave')}`;
    expect(placed(changed, anchor(changed, stored))).toBe(emoji.replace('serious', 'grave'));
  });
});

describe('anchor: repeated passages', () => {
  const phrase = 'the committee shall meet twice a year';
  const first = `In the first chapter on the budgets, ${phrase} to review the spending plans in full detail.`;
  const second = `Under the second protocol on rights, ${phrase} to hear complaints from the public.`;

  it('tells occurrences apart by their surroundings, even against a stale position', () => {
    const original = `${proseText(3, 800)}\n\n${first}\n\n${proseText(4, 800)}\n\n${second}\n\n${proseText(5, 800)}`;
    const selectors = selectorsFor(original, phrase, 1);
    // Swap the paragraphs: the stored position now lies near the other occurrence.
    const swapped = `${proseText(3, 800)}\n\n${second}\n\n${proseText(4, 800)}\n\n${first}\n\n${proseText(5, 800)}`;
    const result = anchor(swapped, selectors);
    expect(result).toMatchObject({ status: 'anchored', method: 'quote', start: swapped.indexOf(second) + second.indexOf(phrase) });
  });

  it('tells identical occurrences apart by closeness to the old position', () => {
    const block = 'As set out in the common framework, the parties shall consult each other in good faith before any decision is taken by either side.';
    const quote = 'consult each other in good faith';
    const original = [proseText(11, 600), block, proseText(12, 600), block, proseText(13, 600), block, proseText(14, 600)].join('\n\n');
    const selectors = selectorsFor(original, quote, 1);
    const inserted = 'A new opening sentence was added here.\n\n';
    const changed = inserted + original;
    let second = changed.indexOf(quote);
    second = changed.indexOf(quote, second + 1);
    expect(anchor(changed, selectors)).toMatchObject({ status: 'anchored', method: 'quote', start: second });
  });

  it('prefers the one exact copy of the quote to an edited occurrence, and says its context changed', () => {
    // An exact occurrence always wins over an approximate one (issue 14): the user sees the mark and checks.
    const original = `${proseText(21, 1500)}\n\n${second}\n\n${proseText(22, 300)}`;
    const selectors = selectorsFor(original, phrase);
    const copy = `Elsewhere we note only that ${phrase}.`;
    const edited = second.replace('twice a year', 'twice each year');
    const changed = `${proseText(21, 1500)}\n\n${copy}\n\n${edited}\n\n${proseText(22, 300)}`;
    const result = anchor(changed, selectors);
    expect(result).toMatchObject({ status: 'anchored', method: 'quote', start: changed.indexOf(phrase), contextChanged: true });
  });

  it('does not guess between several exact occurrences that nothing tells apart', () => {
    const original = `${proseText(23, 1500)}\n\n${second}\n\n${proseText(24, 300)}`;
    const selectors = selectorsFor(original, phrase).filter((s) => s.type === 'TextQuoteSelector');
    const changed = `${proseText(25, 500)}\n\nOne note: ${phrase}.\n\n${proseText(26, 500)}\n\nAnother: ${phrase}!\n\n${proseText(27, 500)}`;
    expect(anchor(changed, selectors)).toMatchObject({ status: 'orphaned', reason: expect.stringMatching(/occurs 2 times/) });
  });
});

describe('anchor: whitespace and line breaks', () => {
  it('finds a quote whose line breaks and spacing changed', () => {
    const original = documentWith(PASSAGE);
    const selectors = selectorsFor(original, PASSAGE);
    const reflowed = 'Operators of hospital\nnetworks must  report serious\r\nincidents within\u00a0seventy-two hours';
    const changed = `A new heading\n\n${original.replace(PASSAGE, reflowed)}`;
    const result = anchor(changed, selectors);
    expect(placed(changed, result)).toBe(reflowed);
    expect(result).toMatchObject({ method: 'fuzzy', score: 1 });
  });

  it('finds a quote stored with line breaks in a text without them', () => {
    const broken = 'Operators of hospital\nnetworks must report\nserious incidents';
    const original = documentWith(broken);
    const selectors = selectorsFor(original, broken);
    const changed = `Foreword.\n${original.replace(/\n(?=networks|serious)/g, ' ')}`;
    expect(placed(changed, anchor(changed, selectors))).toBe('Operators of hospital networks must report serious incidents');
  });

  it('joins a word hyphenated at a line end, both ways', () => {
    const hyphenated = 'norms of responsible state behaviour in the inter-\nnational community';
    const joined = 'norms of responsible state behaviour in the international community';
    const a = documentWith(hyphenated);
    const b = `Added.\n\n${documentWith(joined)}`;
    expect(placed(b, anchor(b, selectorsFor(a, hyphenated)))).toBe(joined);
    expect(placed(a, anchor(`${a}`, selectorsFor(`Added.\n\n${documentWith(joined)}`, joined)))).toBe(hyphenated);
  });
});

describe('anchor: refusing wrong text', () => {
  const lookalike = 'Operators of water networks must report serious incidents within forty-eight hours';

  it('does not move a deleted quote onto a similar passage elsewhere', () => {
    const original = `${documentWith(PASSAGE)}\n\nFor utilities: ${lookalike}, under the national plan.`;
    const selectors = selectorsFor(original, PASSAGE);
    const changed = original.replace(`${PASSAGE}, and regulators publish a yearly summary.\n\n`, '');
    const result = anchor(changed, selectors);
    expect(result).toMatchObject({ status: 'orphaned', reason: expect.stringMatching(/not attached/) });
  });

  it('does accept the same edit where the quote was, in its own surroundings', () => {
    const original = documentWith(PASSAGE);
    const changed = original.replace(PASSAGE, lookalike);
    expect(placed(changed, anchor(changed, selectorsFor(original, PASSAGE)))).toBe(lookalike);
  });

  it('attaches a short quote that occurs once, in other surroundings, marked as such', () => {
    const quote = 'critical infrastructure';
    const original = `${proseText(31, 2000)}\n\nWe must defend ${quote} from all harm.\n\n${proseText(32, 2000)}`;
    const selectors = selectorsFor(original, quote);
    const changed = original.replaceAll(quote, 'vital systems').replace('We must defend vital systems from all harm.\n\n', '') + `\n\nAnnex: ${quote} list.`;
    const result = anchor(changed, selectors);
    expect(result).toMatchObject({ status: 'anchored', method: 'quote', start: changed.indexOf(quote), contextChanged: true });
    expect(result.status === 'anchored' && result.score).toBeLessThan(0.75);
  });

  it('keeps the quote exactly in its own surroundings unmarked', () => {
    const original = documentWith(PASSAGE);
    const changed = `New first line.\n\n${original}`;
    expect(anchor(changed, selectorsFor(original, PASSAGE))).toMatchObject({ status: 'anchored', method: 'quote', contextChanged: false });
  });

  it('does attach a long exact quote that moved to other surroundings', () => {
    const long = `${PASSAGE}, counted from the moment the operator first became aware of the incident`;
    const original = documentWith(long);
    const selectors = selectorsFor(original, long);
    const changed = `${proseText(41, 3000)}\n\nMoved here: ${long}; see annex two.`;
    expect(anchor(changed, selectors)).toMatchObject({ status: 'anchored', method: 'quote' });
  });
});

describe('anchor: malformed input', () => {
  const text = documentWith(PASSAGE);
  const bad = (value: unknown): Selector[] => value as Selector[];

  it.each([
    ['no selectors', []],
    ['an empty quote', [{ type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }]],
    ['a blank quote', [{ type: 'TextQuoteSelector', exact: ' \n ', prefix: '', suffix: '' }]],
    ['a reversed position', [{ type: 'TextPositionSelector', start: 20, end: 10 }]],
    ['a NaN position', [{ type: 'TextPositionSelector', start: Number.NaN, end: 10 }]],
    ['a negative position', [{ type: 'TextPositionSelector', start: -5, end: 10 }]],
    ['a quote with missing fields', [{ type: 'TextQuoteSelector' }]],
    ['only a PDF area', [{ type: 'PdfAreaSelector', areas: [] }]],
    ['null entries', [null, 3, 'x']],
    ['selectors that are not a list', { type: 'TextQuoteSelector', exact: PASSAGE }],
  ])('orphans, without throwing, %s', (_name, selectors) => {
    const result = anchor(text, bad(selectors));
    expect(result.status).toBe('orphaned');
    expect(result.status === 'orphaned' && result.reason).toMatch(/\w/);
  });

  it('orphans anything in an empty text', () => {
    expect(anchor('', selectorsFor(text, PASSAGE)).status).toBe('orphaned');
  });

  it('reads a quote whose prefix and suffix are missing', () => {
    const result = anchor(`Intro. ${text}`, bad([{ type: 'TextQuoteSelector', exact: PASSAGE }]));
    expect(result).toMatchObject({ status: 'anchored', method: 'quote' });
  });

  it('falls back to a valid position when the quote is unusable', () => {
    const selectors = bad([
      { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 3, end: 9 },
    ]);
    expect(anchor(text, selectors)).toMatchObject({ status: 'anchored', method: 'position', start: 3, end: 9 });
  });
});

describe('anchor: large texts', () => {
  // No timing assertion (machines vary); these walk the bounded search paths on a 1 MB text.
  const big = proseText(51, 1_000_000);
  const start = big.indexOf('. ', 600_000) + 2;
  const quote = big.slice(start, start + 2000);
  const selectors = describeRange(big, start, start + 2000);

  it('finds a 2 KB quote edited in several places after a shift', () => {
    const edited = quote.slice(0, 300) + 'INSERTED' + quote.slice(300, 1200) + quote.slice(1210, 1800) + 'x' + quote.slice(1801);
    const changed = `${'New preface. '.repeat(400)}${big.slice(0, start)}${edited}${big.slice(start + 2000)}`;
    expect(placed(changed, anchor(changed, selectors))).toBe(edited);
  });

  it('orphans a 2 KB quote that is gone', () => {
    const changed = big.slice(0, start) + big.slice(start + 2000);
    expect(anchor(changed, selectors).status).toBe('orphaned');
  });
});
