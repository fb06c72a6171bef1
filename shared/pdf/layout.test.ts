import { describe, expect, it } from 'vitest';
import { itemsToLines, joinLine, linesToParagraphs, type PdfLine, type PdfTextItem } from './layout';

const item = (str: string, x: number, y: number, opts: { size?: number; width?: number; eol?: boolean } = {}): PdfTextItem => {
  const size = opts.size ?? 10;
  return { str, transform: [size, 0, 0, size, x, y], width: opts.width ?? str.length * size * 0.5, height: size, hasEOL: opts.eol ?? false };
};

const line = (text: string, x: number, y: number, size = 10): PdfLine => ({ text, src: [...text].map(() => -1), x, y, size, right: x + text.length * 5 });
const texts = (lines: PdfLine[]) => linesToParagraphs(lines).map((p) => p.text);

describe('itemsToLines', () => {
  it('groups items on one baseline and adds the spaces pdf.js left out', () => {
    const lines = itemsToLines([item('Hello', 0, 100), item('world', 30, 100), item('again', 0, 88)]);
    expect(lines.map((l) => l.text)).toEqual(['Hello world', 'again']);
  });

  it('does not add a space between touching items, and honours end-of-line marks', () => {
    const lines = itemsToLines([item('Sec', 0, 100, { width: 15 }), item('tion', 15, 100), item('', 35, 100, { eol: true }), item('next', 40, 100)]);
    expect(lines.map((l) => l.text)).toEqual(['Section', 'next']);
  });
});

describe('joinLine', () => {
  it('joins a word split by a hyphen only when lower case continues', () => {
    expect(joinLine('an inter-', 'national call')).toBe('an international call');
    expect(joinLine('the Franco-', 'German pact')).toBe('the Franco-German pact');
    expect(joinLine('COVID-', '19 response')).toBe('COVID-19 response');
    expect(joinLine('a list -', 'of things')).toBe('a list - of things');
    expect(joinLine('soft\u00ad', 'ware')).toBe('software');
    expect(joinLine('plain', 'words')).toBe('plain words');
  });
});

describe('linesToParagraphs', () => {
  it('breaks on gaps larger than the usual line spacing', () => {
    const lines = [line('one a', 0, 700), line('one b', 0, 688), line('one c', 0, 676), line('two a', 0, 652), line('two b', 0, 640)];
    expect(texts(lines)).toEqual(['one a one b one c', 'two a two b']);
  });

  it('breaks on a first-line indent and on a change of font size', () => {
    const lines = [line('Heading', 0, 720, 16), line('body one', 0, 700), line('body two', 0, 688), line('indented start', 20, 676), line('continues', 0, 664)];
    expect(texts(lines)).toEqual(['Heading', 'body one body two', 'indented start continues']);
  });

  it('starts a new paragraph at a column break, unless a sentence runs on in lower case', () => {
    const finished = [line('left column ends.', 0, 100), line('Right column starts', 300, 700)];
    expect(texts(finished)).toEqual(['left column ends.', 'Right column starts']);
    const runOn = [line('a sentence that', 0, 100), line('goes on here.', 300, 700)];
    expect(texts(runOn)).toEqual(['a sentence that goes on here.']);
  });
});
