import { describe, expect, it } from 'vitest';
import { extractDocument } from './index';
import { blockTexts, expectValidText, utf8 } from './test-helpers';

async function md(source: string) {
  const doc = await extractDocument('notes.md', utf8(source));
  expectValidText(doc);
  return doc;
}

describe('markdown', () => {
  it('maps headings, paragraphs, list items, quotes and code to blocks', async () => {
    const doc = await md(
      [
        '# Main Title',
        '## Section',
        '#### Deep heading',
        'A paragraph with *emphasis*, `code`,',
        'a [link](https://example.org) and ![a chart](chart.png).',
        '',
        '- first item',
        '- second **item**',
        '  1. nested',
        '',
        '> quoted words',
        '> - quoted item',
        '',
        '```js',
        'const a = 1;',
        '',
        '',
        '  return a;',
        '```',
        '',
        '| Name | Role |',
        '| ---- | ---- |',
        '| Ann  | Chair |',
      ].join('\n'),
    );
    expect(doc.text.blocks.map((b) => b.type)).toEqual(['h1', 'h2', 'h3', 'p', 'li', 'li', 'li', 'quote', 'li', 'pre', 'p', 'p']);
    expect(blockTexts(doc)).toEqual([
      'Main Title',
      'Section',
      'Deep heading',
      'A paragraph with emphasis, code, a link and a chart.',
      'first item',
      'second item',
      'nested',
      'quoted words',
      'quoted item',
      'const a = 1;\n  return a;',
      'Name | Role',
      'Ann | Chair',
    ]);
    expect(doc.metadata.title).toBe('Main Title');
  });

  it('never lets raw HTML survive as markup', async () => {
    const doc = await md(
      [
        'Intro <b>bold</b> and <script>alert(1)</script> inline, <img src="https://evil.example/x.png" onerror="alert(2)"> end.',
        '',
        '<div onclick="alert(3)">',
        '<p>Block <em>html</em> text</p>',
        '<iframe src="https://evil.example"></iframe>',
        '</div>',
        '',
        '<script>',
        'alert(4)',
        '</script>',
        '',
        '<style>body { color: red }</style>',
        '',
        'After.',
      ].join('\n'),
    );
    expect(blockTexts(doc)).toEqual(['Intro bold and inline, end.', 'Block html text', 'After.']);
    expect(doc.text.text).not.toMatch(/<|alert|evil|color/);
  });

  it('reads YAML front matter for metadata and keeps it out of the text', async () => {
    const doc = await md(
      [
        '---',
        'title: "The Paris Call: a reading"',
        'authors:',
        '  - Ann Smith',
        '  - name: Bob Jones',
        'date: 2018-11-12',
        'url: https://example.org/reading',
        'doi: 10.1234/abcd.5678',
        'publication: Cyber Review',
        'kind: report',
        '---',
        '# A different heading',
        '',
        'Body.',
      ].join('\n'),
    );
    expect(blockTexts(doc)).toEqual(['A different heading', 'Body.']);
    expect(doc.metadata).toEqual({
      title: 'The Paris Call: a reading',
      authors: ['Ann Smith', 'Bob Jones'],
      date: '2018-11-12',
      url: 'https://example.org/reading',
      doi: '10.1234/abcd.5678',
      publication: 'Cyber Review',
      kind: 'report',
    });
  });

  it('reads inline author lists and falls back to the first h1 for the title', async () => {
    const withList = await md("---\nauthor: [Ann Smith, 'Bob Jones']\n---\nText.");
    expect(withList.metadata.authors).toEqual(['Ann Smith', 'Bob Jones']);
    const noFrontMatter = await md('Intro line.\n\n# The Real Title\n\nText.');
    expect(noFrontMatter.metadata.title).toBe('The Real Title');
  });

  it('treats a leading rule followed by prose as text, not front matter', async () => {
    const doc = await md('---\nJust a rule above this line.\n\n---\n\nMore.');
    expect(blockTexts(doc)).toContain('More.');
    expect(doc.text.text).toContain('Just a rule above this line.');
  });

  it('refuses a file with only front matter as having no text', async () => {
    await expect(extractDocument('empty.md', utf8('---\ntitle: Nothing\n---\n'))).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/"empty.md" has no readable text/),
    });
  });
});
