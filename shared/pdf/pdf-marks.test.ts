import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../codebooks';
import type { Codebook, DocumentText } from '../model';
import { HIGHLIGHT_RGB, nearestHighlightColor } from './colors';
import { markContents, readContents } from './mark-contents';
import { textWidth } from './metrics';
import { layoutPageText } from './page-text';
import { parsePdfDate, toPdfDate } from './pdf-date';
import { markKey, marksToAnnotations, type PdfMark } from './pdf-marks';
import { snapToWords, textUnderQuads } from './text-under-quads';
import type { PdfTextItem } from './layout';

describe('nearestHighlightColor', () => {
  it('gives each of our colours back, and the nearest hue for others', () => {
    for (const [color, rgb] of Object.entries(HIGHLIGHT_RGB)) expect(nearestHighlightColor(rgb)).toBe(color);
    expect(nearestHighlightColor([255, 237, 0])).toBe('yellow'); // Acrobat's highlighter
    expect(nearestHighlightColor([51, 158, 0])).toBe('green');
    expect(nearestHighlightColor([75, 153, 255])).toBe('blue');
    expect(nearestHighlightColor([249, 66, 68])).toBe('pink'); // red: Zotero's red is our pink
    expect(nearestHighlightColor([255, 128, 0])).toBe('orange');
    expect(nearestHighlightColor([0, 0, 191])).toBe('blue'); // not purple, though our blue is a sky blue
    expect(nearestHighlightColor([128, 0, 160])).toBe('purple');
  });

  it('takes greys, black and no colour as yellow', () => {
    expect(nearestHighlightColor([0, 0, 0])).toBe('yellow');
    expect(nearestHighlightColor([128, 128, 128])).toBe('yellow');
    expect(nearestHighlightColor(null)).toBe('yellow');
  });
});

describe('PDF dates', () => {
  it('reads full, partial and sloppy dates', () => {
    expect(parsePdfDate("D:20151230152231+01'00'")).toBe('2015-12-30T14:22:31.000Z');
    expect(parsePdfDate("D:20190407185842+02'00")).toBe('2019-04-07T16:58:42.000Z');
    expect(parsePdfDate('D:20210426091448')).toBe('2021-04-26T09:14:48.000Z');
    expect(parsePdfDate('D:20200102Z')).toBe('2020-01-02T00:00:00.000Z');
    expect(parsePdfDate("D:20200102033000-05'30'")).toBe('2020-01-02T09:00:00.000Z');
    expect(parsePdfDate('D:2015')).toBe('2015-01-01T00:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(parsePdfDate('yesterday')).toBeNull();
    expect(parsePdfDate('D:20150231')).toBeNull();
    expect(parsePdfDate('D:20151340')).toBeNull();
    expect(parsePdfDate(null)).toBeNull();
  });

  it('writes a date that reads back', () => {
    const iso = '2024-03-05T06:07:08.000Z';
    expect(toPdfDate(iso)).toBe('D:20240305060708Z');
    expect(parsePdfDate(toPdfDate(iso))).toBe(iso);
  });
});

// One text item per line, Helvetica-wide, as pdf-lib draws a line.
function line(str: string, x: number, y: number, size = 10): PdfTextItem {
  return { str, transform: [size, 0, 0, size, x, y], width: (textWidth(str) * size) / 1000, height: size, hasEOL: true };
}

/** The quad pdf.js would give for characters [from, to) of a line drawn by line(). */
function quadOver(item: PdfTextItem, from: number, to: number): [number, number, number, number] {
  const size = item.transform[3]!;
  const x = item.transform[4]! + (textWidth(item.str.slice(0, from)) * size) / 1000;
  const x2 = item.transform[4]! + (textWidth(item.str.slice(0, to)) * size) / 1000;
  const y = item.transform[5]!;
  return [x, y - 0.25 * size, x2, y + 0.9 * size];
}

describe('textUnderQuads', () => {
  const items = [line('Lorem ipsum dolor sit amet, consectetur adipiscing', 72, 700), line('elit, sed do eiusmod tempor incididunt.', 72, 686)];
  const page = layoutPageText(items);

  it('finds the words a highlight covers in the middle of a line', () => {
    const from = items[0]!.str.indexOf('dolor');
    const range = textUnderQuads(page, items, [quadOver(items[0]!, from, from + 'dolor sit'.length)]);
    expect(page.text.slice(range!.start, range!.end)).toBe('dolor sit');
  });

  it('follows a highlight over two lines', () => {
    const from = items[0]!.str.indexOf('adipiscing');
    const quads = [quadOver(items[0]!, from, items[0]!.str.length), quadOver(items[1]!, 0, 'elit, sed'.length)];
    const range = textUnderQuads(page, items, quads);
    expect(page.text.slice(range!.start, range!.end)).toBe('adipiscing elit, sed');
  });

  it('puts a box a little off the words on the words', () => {
    const from = items[0]!.str.indexOf('ipsum');
    const [x1, y1, x2, y2] = quadOver(items[0]!, from, from + 5);
    const range = textUnderQuads(page, items, [[x1 - 3, y1, x2 + 3.5, y2]]);
    expect(page.text.slice(range!.start, range!.end)).toBe('ipsum');
  });

  it('finds nothing under a box beside the text', () => {
    expect(textUnderQuads(page, items, [[400, 100, 500, 120]])).toBeNull();
  });
});

describe('snapToWords', () => {
  const text = 'the rule of law applies';
  const slice = (r: { start: number; end: number } | null) => (r ? text.slice(r.start, r.end) : null);
  it('drops a lone letter of the next word and completes a word one letter short', () => {
    expect(slice(snapToWords(text, 4, 13))).toBe('rule of');
    expect(slice(snapToWords(text, 4, 14))).toBe('rule of law');
    expect(slice(snapToWords(text, 3, 8))).toBe('rule');
    expect(slice(snapToWords(text, 2, 8))).toBe('rule');
  });
  it('leaves whole words alone and refuses whitespace', () => {
    expect(slice(snapToWords(text, 4, 15))).toBe('rule of law');
    expect(snapToWords(text, 3, 4)).toBeNull();
  });
});

describe('mark contents', () => {
  const codebook: Codebook = PARIS_CALL_CODEBOOK;
  const [p1, p2] = codebook.principles;
  const [a1, a2] = codebook.actors;

  it('writes principles, actors with stance, tags and the note, and reads them back', () => {
    const body = {
      color: 'green' as const,
      note: 'Compare with the 2015 GGE report.\nSecond line.',
      tags: ['followup', 'key'],
      principles: [p1!.id, p2!.id],
      actors: [
        { actorId: a1!.id, stance: 'supports' as const },
        { actorId: a2!.id, stance: 'opposes' as const },
      ],
    };
    const contents = markContents(body, codebook);
    expect(contents).toContain(`Principles: ${p1!.name}; ${p2!.name}`);
    expect(contents).toContain(`Actors: ${a1!.name} (supports); ${a2!.name} (opposes)`);
    expect(contents).toContain('Tags: followup, key');
    expect(contents.endsWith(body.note)).toBe(true);
    expect(readContents(contents, codebook)).toEqual({ principles: body.principles, actors: body.actors, tags: body.tags, note: body.note });
  });

  it('keeps lines that do not resolve in the note', () => {
    const read = readContents('Principles: Something unknown\n\nA note.', codebook);
    expect(read.principles).toEqual([]);
    expect(read.note).toBe('Principles: Something unknown\n\nA note.');
    expect(readContents('Just a comment from Acrobat', codebook).note).toBe('Just a comment from Acrobat');
  });
});

describe('marksToAnnotations', () => {
  const pageOne = 'Lorem ipsum dolor sit amet.';
  const pageTwo = 'Second page text here.';
  const text: DocumentText = {
    text: `${pageOne}\n\n${pageTwo}`,
    blocks: [],
    pages: [
      { start: 0, end: pageOne.length },
      { start: pageOne.length + 2, end: pageOne.length + 2 + pageTwo.length },
    ],
  };
  const mark = (over: Partial<PdfMark>): PdfMark => ({
    page: 0,
    subtype: 'Highlight',
    rects: [[70, 730, 190, 745]],
    range: { start: 6, end: 17 },
    contents: 'A comment',
    author: 'Tim van der Meij',
    created: '2015-12-30T14:22:31.000Z',
    modified: null,
    color: [255, 237, 0],
    replies: [],
    ...over,
  });
  const convert = (marks: PdfMark[], pageTexts = [{ page: 0, text: pageOne }, { page: 1, text: pageTwo }]) =>
    marksToAnnotations('doc1', text, { marks, pageTexts, skipped: [] }, PARIS_CALL_CODEBOOK, (key) => `pdf-${key.length}-${key.charCodeAt(20)}`, '2030-01-01T00:00:00.000Z');

  it('makes a highlight with the text under it, its note, author, date and colour', () => {
    const [a] = convert([mark({})]).annotations;
    expect(a!.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'ipsum dolor', prefix: 'Lorem ', suffix: text.text.slice(17, 17 + 32) },
      { type: 'TextPositionSelector', start: 6, end: 17 },
      { type: 'PdfAreaSelector', areas: [{ page: 0, rects: [[70, 730, 190, 745]] }] },
    ]);
    expect(a!.body).toMatchObject({ color: 'yellow', note: 'A comment', tags: [] });
    expect(a!.author).toBe('Tim van der Meij');
    expect(a!.created).toBe('2015-12-30T14:22:31.000Z');
    expect(a!.modified).toBe('2015-12-30T14:22:31.000Z');
  });

  it('places a page laid out differently from the stored text by its words, and keeps markup over no text as a region', () => {
    const { annotations, asRegions } = convert(
      [mark({ page: 1, range: { start: 0, end: 6 } }), mark({ page: 1, subtype: 'StrikeOut', range: null, contents: 'x' })],
      [{ page: 1, text: 'Second  page' }],
    );
    expect(annotations[0]!.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: text.pages![1]!.start, end: text.pages![1]!.start + 6 });
    expect(annotations[1]!.target.selector.map((s) => s.type)).toEqual(['PdfAreaSelector']);
    expect(annotations[1]!.body.tags).toEqual(['strikeout']);
    expect(asRegions).toBe(1);
  });

  it('makes regions of notes and shapes, with replies in the note', () => {
    const [note] = convert([
      mark({ subtype: 'Text', range: null, rects: [[70, 650, 90, 670]], replies: [{ author: 'Ana', contents: 'Agreed.', date: '2016-01-02T00:00:00.000Z' }] }),
    ]).annotations;
    expect(note!.target.selector).toEqual([{ type: 'PdfAreaSelector', areas: [{ page: 0, rects: [[70, 650, 90, 670]] }] }]);
    expect(note!.body.note).toBe('A comment\n\nReply (Ana, 2016-01-02): Agreed.');
  });

  it('gives one mark the same key whatever the rounding of its numbers, and two marks two keys', () => {
    const a = mark({});
    expect(markKey('doc1', a)).toBe(markKey('doc1', { ...a, rects: [[70.0001, 729.9999, 190.2, 745.1]], contents: 'A comment\r\n' }));
    expect(markKey('doc1', a)).not.toBe(markKey('doc1', { ...a, page: 1 }));
    expect(markKey('doc1', a)).not.toBe(markKey('doc2', a));
  });
});
