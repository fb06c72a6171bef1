// The five Paris Call articles of the shared corpus, read at test time.
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../test-support/corpus';
import { extractDocument } from './index';
import { blockTexts, expectValidText, utf8 } from './test-helpers';

const corpus = readCorpus();

// What a careful reader would take from each file's first lines; no guess is better than a wrong one.
// (Titles are read from the files at test time: no corpus text is copied here.)
const EXPECTED: Record<string, { titleIsFirstLine?: boolean; date?: string }> = {
  '000_da03a306485df788.txt': {}, // starts straight with a long paragraph
  '001_f3d89aa080190fca.txt': {}, // starts with a one-sentence summary; its date is an event in the text
  '002_3b45d2e4694025e4.txt': {},
  '003_d154e7ae6a0741b9.txt': { titleIsFirstLine: true, date: '2024-04-05' },
  '004_b2173ca8c8111679.txt': { titleIsFirstLine: true, date: '2019-04-29' },
};

describe('the shared corpus', () => {
  it('has the five articles', () => {
    expect(corpus.map((f) => f.name)).toEqual(Object.keys(EXPECTED));
  });

  it.each(corpus.map((f) => [f.name, f] as const))('extracts %s as text with a sensible title and date', async (name, file) => {
    const doc = await extractDocument(name, utf8(file.text));
    expectValidText(doc);
    expect(doc.format).toBe('text');
    expect(doc.warnings).toEqual([]);
    expect(doc.text.blocks.length).toBeGreaterThan(5);
    const firstLine = file.text.split('\n')[0]!.trim();
    expect(doc.metadata.title).toBe(EXPECTED[name]?.titleIsFirstLine ? firstLine : undefined);
    expect(doc.metadata.date).toBe(EXPECTED[name]?.date);
    // Every word of the file is kept (whitespace aside).
    expect(doc.text.text.replace(/\s+/g, ' ')).toBe(file.text.replace(/\s+/g, ' ').trim());
  });

  it('keeps the stray <script> tag of a .txt article as inert text', async () => {
    const file = corpus.find((f) => f.text.includes('<script'));
    expect(file).toBeDefined();
    const doc = await extractDocument(file!.name, utf8(file!.text));
    expect(blockTexts(doc).at(-1)).toMatch(/^<script type="text\/javascript"/);
  });

  it.each(corpus.map((f) => [f.name, f] as const))('never lets a script through when %s is read as HTML or Markdown', async (name, file) => {
    for (const asName of [name.replace(/\.txt$/, '.html'), name.replace(/\.txt$/, '.md')]) {
      const doc = await extractDocument(asName, utf8(file.text));
      expectValidText(doc);
      expect(blockTexts(doc).some((b) => b.includes('<script') || b.includes('mailchimp') || b.includes('L.start'))).toBe(false);
      expect(doc.text.text).toContain('Paris Call');
    }
  });
});
