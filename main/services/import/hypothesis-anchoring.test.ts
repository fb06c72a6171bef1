// Hypothesis's own anchoring test cases (test-data/hypothesis-client), run against Apostil: the quotes
// Hypothesis describes in a page's DOM text (32 characters of context, as its client stores them) must
// be found in the text Apostil imports from the same HTML, which spaces blocks differently.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { anchor } from '../../../shared/anchoring';
import type { Selector } from '../../../shared/model';
import { extractHtml } from './html';

const DATA = path.resolve(__dirname, '../../../test-data/hypothesis-client');
const read = (name: string) => readFileSync(path.join(DATA, name), 'utf8');

const fixture = read('html-anchoring-fixture.html');
/** What Hypothesis describes selections against: the container's DOM text. */
const domText = new JSDOM(`<body><section>${fixture}</section></body>`).window.document.querySelector('section')!.textContent!;
const ours = extractHtml(`<html><body>${fixture}</body></html>`).text.text;
const specs = JSON.parse(read('html-range-specs.json')) as { quote: string; description: string }[];

/** Hypothesis's TextQuoteSelector for the occurrence of `quote` at `at` in the DOM text. */
function hypothesisQuote(at: number, quote: string): Selector[] {
  return [{ type: 'TextQuoteSelector', exact: quote, prefix: domText.slice(Math.max(0, at - 32), at), suffix: domText.slice(at + quote.length, at + quote.length + 32) }];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe("Hypothesis's HTML anchoring cases, in Apostil's imported text", () => {
  const cases = specs.flatMap(({ quote, description }) => {
    const found: { description: string; quote: string; at: number }[] = [];
    for (let at = domText.indexOf(quote); at !== -1; at = domText.indexOf(quote, at + 1)) found.push({ description, quote, at });
    return found;
  });

  it('has every case of the fixture', () => {
    expect(cases.length).toBeGreaterThanOrEqual(specs.length);
  });

  it.each(cases)('$description (at $at)', ({ quote, at }) => {
    const result = anchor(ours, hypothesisQuote(at, quote));
    expect(result.status, result.status === 'orphaned' ? result.reason : '').toBe('anchored');
    if (result.status !== 'anchored') return;
    expect(squash(ours.slice(result.start, result.end))).toBe(squash(quote));
  });

  it('attaches a unique quote whose suffix is cut by the end of the text, with full confidence', () => {
    // "Range starting at an element node with no children": "Test" ends the text, its stored suffix is
    // only whitespace; that side cannot contradict it (it was refused at 0.71 before).
    const at = domText.lastIndexOf('Test');
    const result = anchor(ours, hypothesisQuote(at, 'Test'));
    expect(result).toMatchObject({ status: 'anchored', method: 'quote', start: ours.lastIndexOf('Test'), contextChanged: false });
    expect(result.status === 'anchored' && result.score).toBe(1);
  });
});

describe('Hypothesis baseline annotations of a Wikipedia page', () => {
  const page = extractHtml(read('wikipedia-regression-testing.html')).text.text;
  const rows = (JSON.parse(read('wikipedia-regression-testing.json')) as { rows: { target: { selector: Selector[] }[] }[] }).rows;
  const quotes = rows.map((row) => row.target[0]!.selector.filter((s) => s.type === 'TextQuoteSelector' || s.type === 'TextPositionSelector'));

  it('places every annotation whose passage is in the readable text, at its quote', () => {
    let placed = 0;
    for (const selectors of quotes) {
      const exact = (selectors.find((s) => s.type === 'TextQuoteSelector') as { exact: string }).exact;
      const result = anchor(page, selectors);
      if (!page.includes(exact)) {
        // The page footer ("last modified on …") is not part of the article text Apostil keeps.
        expect(result.status).toBe('orphaned');
        continue;
      }
      expect(result.status === 'anchored' && page.slice(result.start, result.end)).toBe(exact);
      placed++;
    }
    expect(placed).toBe(4);
  });
});
