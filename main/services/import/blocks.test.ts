import { describe, expect, it } from 'vitest';
import { BlockBuilder, normaliseBlockText } from './blocks';

describe('normaliseBlockText', () => {
  it('collapses whitespace runs and trims', () => {
    expect(normaliseBlockText('p', '  one\n two\t\tthree\u00a0 four  ')).toBe('one two three four');
  });

  it('turns control characters into spaces (they separate words) and drops stray byte-order marks', () => {
    expect(normaliseBlockText('p', 'a\u0000b\u0007c\ufeffd\u0085e')).toBe('a b cd e');
    expect(normaliseBlockText('p', 'Overview\u0002of\u0002the\u0002Model:\u0002\u0002')).toBe('Overview of the Model:');
  });

  it('replaces presentation forms (ligatures, Arabic contextual forms) by their letters, and nothing else', () => {
    expect(normaliseBlockText('p', '\ufb01nal \ufeb3\ufefc\ufee1')).toBe('final سلام');
    expect(normaliseBlockText('p', 'x² … ½ ＡＢ')).toBe('x² … ½ ＡＢ');
  });

  it('keeps single line breaks and indentation in pre blocks, but no blank lines', () => {
    expect(normaliseBlockText('pre', '\n\nif (x) {\r\n  y();   \n\n\n}\n')).toBe('if (x) {\n  y();\n}');
  });

  it('composes characters (NFC) so quotes and search match', () => {
    expect(normaliseBlockText('p', 'Cafe\u0301')).toBe('Café');
  });
});

describe('BlockBuilder', () => {
  it('separates blocks by exactly two newlines and skips empty ones', () => {
    const builder = new BlockBuilder();
    builder.add('h1', ' Title ');
    builder.add('p', '   ');
    builder.add('p', 'Body\ntext');
    const text = builder.build();
    expect(text.text).toBe('Title\n\nBody text');
    expect(text.blocks).toEqual([
      { type: 'h1', start: 0, end: 5 },
      { type: 'p', start: 7, end: 16 },
    ]);
    expect(text.pages).toBeNull();
  });

  it('records page ranges, giving an empty page an empty range at the end of the text before it', () => {
    const builder = new BlockBuilder({ paged: true });
    builder.beginPage();
    expect(builder.endPage()).toBe(false); // page 1: no text
    builder.beginPage();
    builder.add('p', 'one');
    builder.add('p', 'two');
    expect(builder.endPage()).toBe(true);
    builder.beginPage();
    builder.endPage(); // page 3: no text
    builder.beginPage();
    builder.add('p', 'three');
    builder.endPage();
    const text = builder.build();
    expect(text.text).toBe('one\n\ntwo\n\nthree');
    expect(text.pages).toEqual([
      { start: 0, end: 0 },
      { start: 0, end: 8 },
      { start: 8, end: 8 },
      { start: 10, end: 15 },
    ]);
  });

  it('stops with the given error when the text would exceed its limit', () => {
    const builder = new BlockBuilder({ maxChars: 9, tooLarge: () => new Error('too much') });
    builder.add('p', 'abcd');
    expect(() => builder.add('p', 'efgh')).toThrow('too much');
  });
});
