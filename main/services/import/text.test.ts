import { describe, expect, it } from 'vitest';
import { extractDocument } from './index';
import { blockTexts, expectValidText, utf8 } from './test-helpers';

describe('plain text', () => {
  it('splits paragraphs on blank lines and joins hard-wrapped lines', async () => {
    const doc = await extractDocument(
      'essay.txt',
      utf8('A Short Essay\n\nFirst paragraph, wrapped\nat seventy columns   and\r\nmore.\n\n\n\nSecond\tparagraph.\n'),
    );
    expectValidText(doc);
    expect(doc.format).toBe('text');
    expect(blockTexts(doc)).toEqual(['A Short Essay', 'First paragraph, wrapped at seventy columns and more.', 'Second paragraph.']);
    expect(doc.text.blocks.map((b) => b.type)).toEqual(['h1', 'p', 'p']);
    expect(doc.metadata.title).toBe('A Short Essay');
  });

  it('makes each line a paragraph when the file has no blank lines', async () => {
    const doc = await extractDocument('lines.txt', utf8('One sentence here.\nAnother one.\n   \nThird.'));
    expectValidText(doc);
    // The whitespace-only line counts as blank, so this one has paragraphs by blank lines.
    expect(blockTexts(doc)).toEqual(['One sentence here. Another one.', 'Third.']);
    const flat = await extractDocument('flat.txt', utf8('One sentence here.\nAnother one.\nThird.\n'));
    expect(blockTexts(flat)).toEqual(['One sentence here.', 'Another one.', 'Third.']);
  });

  it('finds a title and a dateline near the top', async () => {
    const doc = await extractDocument(
      'article.txt',
      utf8('The Paris Call, Five Years On\nBy A. Writer — November 12, 2023\nThe call was launched in 2018. On 13 December 2019 it grew.\n'),
    );
    expect(doc.metadata).toMatchObject({ title: 'The Paris Call, Five Years On', date: '2023-11-12' });
  });

  it('does not take a sentence or a long first paragraph for a title, nor a date inside prose', async () => {
    const doc = await extractDocument(
      'lede.txt',
      utf8(`This first paragraph is a sentence that summarises the article.\n\nOn November 12, 2018, ${'the government did things. '.repeat(6)}\n`),
    );
    expect(doc.metadata.title).toBeUndefined();
    expect(doc.metadata.date).toBeUndefined();
    expect(doc.text.blocks[0]?.type).toBe('p');
  });

  it('keeps markup as inert text', async () => {
    const doc = await extractDocument('page.txt', utf8('Notes\n\n<script>alert("x")</script> <b>bold</b>'));
    expectValidText(doc);
    expect(blockTexts(doc)[1]).toBe('<script>alert("x")</script> <b>bold</b>');
  });

  it('strips a UTF-8 byte-order mark and reads UTF-16 with a BOM', async () => {
    const bom = await extractDocument('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Café society')]));
    expect(bom.text.text).toBe('Café society');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Hé there').flatMap((c) => [c.charCodeAt(0), 0])]);
    const doc = await extractDocument('wide.txt', utf16);
    expect(doc.text.text).toBe('Hé there');
    expect(doc.warnings).toEqual([]);
  });

  it('falls back to Windows-1252 for invalid UTF-8, with a warning', async () => {
    // “Café” in Windows-1252: curly quotes 0x93/0x94, é 0xE9.
    const doc = await extractDocument('legacy.txt', new Uint8Array([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94]));
    expect(doc.text.text).toBe('“Café”');
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/"legacy.txt" is not valid UTF-8.*Windows-1252/);
  });
});
