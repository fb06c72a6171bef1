// PDF annotations in and out: real annotated PDFs from pdf.js's test corpus and PDFs annotated with
// pdf-lib as other programs do are imported; an exported copy is read back with pdf.js and checked
// annotation by annotation (kind, rectangles within 1 pt of what the library stores, text).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../../shared/anchoring';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { Annotation, PdfRect, Selector } from '../../../shared/model';
import { findSelector } from '../../../shared/model';
import { repoRoot } from '../../test-support/corpus';
import { addForeignMarks, annotationsOf, linesPdf, quadsOf } from '../../test-support/annotated-pdf';
import { useTempDir } from '../../test-support/temp';
import { importFile } from '../importing';
import { encryptPdf } from '../import/pdf-encrypt';
import { LibraryStore } from '../library/store';
import { unzipSync } from 'fflate';
import type { TaskHandle } from '../tasks';
import { annotatedCopy, exportAnnotatedPdfs } from './export-pdf';
import { importPdfMarks, scanPdfMarks } from './import-marks';

const corpus = (name: string) => readFile(path.join(repoRoot, 'test-data', 'pdfjs', name));
const LINES = [
  'Supporters of the Paris Call commit to cooperate against malicious cyber activities.',
  'They welcome the multi-stakeholder community of states, companies and civil society,',
  'and call on all actors to protect the integrity of the internet and critical infrastructure.',
];

function expectWithin(actual: readonly number[], expected: readonly number[], points = 1): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!), `coordinate ${i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(points));
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('importing annotations made in other programs', () => {
  const tempDir = useTempDir();

  async function libraryWith(name: string, bytes: Uint8Array) {
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const { document } = await importFile(store, name, bytes);
    return { store, id: document.id, text: (await store.readText(document.id)).text };
  }

  const quoteOf = (a: Annotation) => findSelector(a, 'TextQuoteSelector')?.exact;

  it('reads the Highlight of pdf.js\'s test file with its text, note, author, date and colour', async () => {
    const { store, id } = await libraryWith('annotation-highlight.pdf', await corpus('annotation-highlight.pdf'));
    expect(await scanPdfMarks(store, id)).toEqual({ found: 1, fresh: 1, kinds: [{ kind: 'highlight', count: 1 }] });
    const report = await importPdfMarks(store, id);
    expect(report).toMatchObject({ imported: 1, alreadyPresent: 0, asRegions: 0 });
    const [a] = await store.listAnnotations(id);
    expect(quoteOf(a!)).toBe('Lorem ipsum dolor sit amet');
    expect(findSelector(a!, 'TextPositionSelector')).toBeDefined();
    expectWithin(findSelector(a!, 'PdfAreaSelector')!.areas[0]!.rects[0]!, [70.86, 736.18, 193.88, 745.59], 0.01);
    expect(a!.body).toMatchObject({ color: 'yellow', note: 'Highlight content', tags: [] });
    expect(a!.author).toBe('Tim van der Meij');
    expect(a!.created).toBe('2015-12-30T14:22:31.000Z');
    expect(a!.modified).toBe('2015-12-30T14:22:48.000Z');
  });

  it.each([
    ['annotation-underline-without-appearance.pdf', 'underline', 'green', 'Underline content'],
    ['annotation-strikeout-without-appearance.pdf', 'strikeout', 'pink', 'StrikeOut content'],
    ['annotation-squiggly-without-appearance.pdf', 'squiggly', 'blue', 'Squiggly content'],
  ])('reads %s as a highlight of its words, tagged with its kind', async (file, tag, color, note) => {
    const { store, id } = await libraryWith(file, await corpus(file));
    await importPdfMarks(store, id);
    const [a] = await store.listAnnotations(id);
    expect(quoteOf(a!)).toBe('Lorem ipsum dolor sit amet');
    expect(a!.body).toMatchObject({ color, note, tags: [tag] });
    expect(a!.modified.startsWith('2019-04-07')).toBe(true);
  });

  it('reads squares, circles, ink, notes and text boxes as regions with their notes', async () => {
    const cases: [string, number, string, string][] = [
      ['annotation-square-circle-without-appearance.pdf', 4, 'Square content', 'blue'],
      ['annotation-ink-without-appearance.pdf', 6, 'Contents', 'yellow'],
      ['annotation-text-without-popup.pdf', 1, 'Text content without Popup annotation', 'green'],
      ['annotation-freetext.pdf', 2, 'FreeText content', 'yellow'],
    ];
    for (const [file, count, note, color] of cases) {
      const { store, id } = await libraryWith(file, await corpus(file));
      const report = await importPdfMarks(store, id);
      expect(report.imported, file).toBe(count);
      const annotations = await store.listAnnotations(id);
      for (const a of annotations) expect(a.target.selector.map((s) => s.type), file).toEqual(['PdfAreaSelector']);
      expect(annotations[0]!.body.note).toBe(note);
      expect(annotations[0]!.body.color, file).toBe(color);
    }
  });

  it('does not add anything the second time, and keeps edits made since', async () => {
    const { store, id } = await libraryWith('annotation-square-circle-without-appearance.pdf', await corpus('annotation-square-circle-without-appearance.pdf'));
    await importPdfMarks(store, id);
    const [first] = await store.listAnnotations(id);
    await store.saveAnnotation({ ...first!, body: { ...first!.body, note: 'My own words', principles: [PARIS_CALL_CODEBOOK.principles[0]!.id] } });
    expect(await scanPdfMarks(store, id)).toMatchObject({ found: 4, fresh: 0 });
    expect(await importPdfMarks(store, id)).toMatchObject({ imported: 0, alreadyPresent: 4 });
    const after = await store.listAnnotations(id);
    expect(after).toHaveLength(4);
    expect(after[0]!.body).toMatchObject({ note: 'My own words', principles: [PARIS_CALL_CODEBOOK.principles[0]!.id] });
  });

  it('finds the words under highlights made in another program, in mid-line and over two lines, with replies', async () => {
    const pdf = await linesPdf([LINES]);
    const twoLines = [pdf.quad(0, 0, LINES[0]!.indexOf('malicious'), LINES[0]!.length), pdf.quad(0, 1, 0, 'They welcome'.length)];
    addForeignMarks(pdf.doc, [
      { page: 0, subtype: 'Highlight', quads: [pdf.quadOver(0, 'commit to cooperate')], contents: 'Key verb', author: 'Ana Reader', color: [1, 0.84, 0], created: "D:20240105101500+01'00'" },
      { page: 0, subtype: 'Underline', quads: twoLines, color: [0.2, 0.6, 0.2], specOrder: true },
      { page: 0, subtype: 'Text', rect: [400, 780, 420, 800], contents: 'Check this paragraph.', author: 'Ana Reader', color: [1, 1, 0] },
      { page: 0, subtype: 'Text', rect: [400, 780, 420, 800], contents: 'Agreed, see page 4.', author: 'Ben', replyTo: 0, modified: 'D:20240106' },
      { page: 0, subtype: 'Highlight', quads: [pdf.quadOver(0, 'integrity of the internet')], color: [0.4, 0.6, 1] },
      { page: 0, subtype: 'FileAttachment', rect: [10, 10, 20, 20] },
    ]);
    const { store, id } = await libraryWith('annotated.pdf', await pdf.doc.save());
    const report = await importPdfMarks(store, id);
    expect(report).toMatchObject({ imported: 4, skipped: [{ subtype: 'FileAttachment', count: 1 }] });
    const annotations = await store.listAnnotations(id);
    expect(annotations.map(quoteOf)).toEqual(['commit to cooperate', 'malicious cyber activities. They welcome', undefined, 'integrity of the internet']);
    expect(annotations[0]!).toMatchObject({ author: 'Ana Reader', created: '2024-01-05T09:15:00.000Z', body: { color: 'yellow', note: 'Key verb\n\nReply (Ben, 2024-01-06): Agreed, see page 4.' } });
    expect(annotations[1]!.body).toMatchObject({ color: 'green', tags: ['underline'], note: '' });
    expect(annotations[2]!.body.note).toBe('Check this paragraph.');
    expect(annotations[3]!.body.color).toBe('blue');
  });

  it('says clearly when the file is not a PDF or needs its password', async () => {
    const { store, id } = await libraryWith('notes.md', new TextEncoder().encode('# Notes\n\nSome text.'));
    await expect(importPdfMarks(store, id)).rejects.toThrow(/is not a PDF/);
    const pdf = await linesPdf([LINES]);
    addForeignMarks(pdf.doc, [{ page: 0, subtype: 'Highlight', quads: [pdf.quadOver(0, 'Paris Call')] }]);
    const encrypted = await encryptPdf(await pdf.doc.save(), 'secret');
    const store2 = await LibraryStore.open(await tempDir(), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const { document } = await importFile(store2, 'locked.pdf', encrypted, { password: 'secret' });
    await expect(importPdfMarks(store2, document.id)).rejects.toMatchObject({ code: 'encrypted' });
    expect(await importPdfMarks(store2, document.id, 'secret')).toMatchObject({ imported: 1 });
    expect(quoteOf((await store2.listAnnotations(document.id))[0]!)).toBe('Paris Call');
  });
});

describe('exporting a PDF with its annotations', () => {
  const tempDir = useTempDir();
  const codebook = PARIS_CALL_CODEBOOK;
  const principle = codebook.principles[0]!;
  const actor = codebook.actors[0]!;

  function highlight(documentId: string, id: string, text: string, quote: string, extra: Selector[] = []): Annotation {
    const start = text.indexOf(quote);
    return {
      id,
      documentId,
      created: '2025-02-03T04:05:06.000Z',
      modified: '2025-02-04T04:05:06.000Z',
      target: { selector: [...describeRange(text, start, start + quote.length), ...extra] },
      body: { color: 'green', note: 'Why this matters.', tags: ['followup'], principles: [principle.id], actors: [{ actorId: actor.id, stance: 'opposes' }] },
    };
  }

  it('writes highlights, regions and unplaceable passages that pdf.js reads back exactly, leaving the original untouched', async () => {
    const pdf = await linesPdf([LINES, ['A second page about critical infrastructure and norms.']]);
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: codebook });
    const { document } = await importFile(store, 'call.pdf', await pdf.doc.save());
    const text = (await store.readText(document.id)).text;
    const stored: PdfRect[] = [pdf.quadOver(0, 'Paris Call commit')].map((r) => r.map((n) => Math.round(n * 100) / 100) as PdfRect);
    const annotations: Annotation[] = [
      // With its rectangles, as the page view stores them.
      highlight(document.id, 'with-area', text, 'Paris Call commit', [{ type: 'PdfAreaSelector', areas: [{ page: 0, rects: stored }] }]),
      // Made in the text view: no rectangles yet, measured from the page; it runs over a page break.
      { ...highlight(document.id, 'no-area', text, 'critical infrastructure.'), body: { color: 'pink', note: '', tags: [], principles: [], actors: [] } },
      {
        id: 'region',
        documentId: document.id,
        created: '2025-01-01T00:00:00.000Z',
        modified: '2025-01-01T00:00:00.000Z',
        target: { selector: [{ type: 'PdfAreaSelector', areas: [{ page: 1, rects: [[100, 300, 400, 500]] }] }] },
        body: { color: 'blue', note: 'A figure', tags: [], principles: [], actors: [] },
      },
      {
        ...highlight(document.id, 'orphan', text, 'Paris Call'),
        target: { selector: [{ type: 'TextQuoteSelector', exact: 'a passage that was removed from this edition', prefix: '', suffix: '' }] },
      },
    ];
    for (const a of annotations) await store.saveAnnotation(a);
    const original = sha(await store.readOriginal(document.id));

    const bytes = await annotatedCopy(store, document, await store.listAnnotations(document.id));
    expect(sha(await store.readOriginal(document.id))).toBe(original);

    const read = await annotationsOf(bytes);
    const ours = read.filter((r) => r.annotation.subtype !== 'Popup');
    expect(ours.map((r) => [r.page, r.annotation.subtype])).toEqual([
      [0, 'Highlight'],
      [0, 'Highlight'],
      [0, 'Text'],
      [1, 'Square'],
    ]);
    // Every annotation has its pop-up.
    for (const { annotation } of ours) expect(read.some((r) => r.annotation.id === annotation.popupRef && r.annotation.subtype === 'Popup')).toBe(true);

    const [withArea, noArea, note, square] = ours.map((r) => r.annotation);
    expectWithin(square!.rect, [100, 300, 400, 500]);
    expect(square!.contentsObj!.str).toBe('A figure');
    expect(Array.from(square!.color!)).toEqual([46, 168, 229]);

    expect(quadsOf(withArea!)).toHaveLength(1);
    expectWithin(quadsOf(withArea!)[0]!, stored[0]!);
    expect(withArea!.contentsObj!.str).toBe(`Principles: ${principle.name}\nActors: ${actor.name} (opposes)\nTags: followup\n\nWhy this matters.`);
    expect(withArea!.titleObj!.str).toBe('Apostil');

    // Measured from the page: where pdf-lib drew those words.
    const measured = quadsOf(noArea!);
    expectWithin(measured[0]!, pdf.quadOver(0, 'critical infrastructure.'), 1.5);
    expect(noArea!.contentsObj!.str).toBe('');

    expect(note!.contentsObj!.str).toContain('could not find this passage');
    expect(note!.contentsObj!.str).toContain('a passage that was removed from this edition');
  });

  it('reads its own export back: same passages, and the coding comes back as links', async () => {
    const pdf = await linesPdf([LINES]);
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: codebook });
    const { document } = await importFile(store, 'call.pdf', await pdf.doc.save());
    const text = (await store.readText(document.id)).text;
    await store.saveAnnotation(highlight(document.id, 'h1', text, 'multi-stakeholder community'));
    const exported = await annotatedCopy(store, document, await store.listAnnotations(document.id));

    const other = await LibraryStore.open(await tempDir(), { defaultCodebook: codebook });
    const { document: copy } = await importFile(other, 'call-annotated.pdf', exported);
    expect(await importPdfMarks(other, copy.id)).toMatchObject({ imported: 1 });
    const [back] = await other.listAnnotations(copy.id);
    expect(findSelector(back!, 'TextQuoteSelector')!.exact).toBe('multi-stakeholder community');
    expect(back!.body).toEqual({ color: 'green', note: 'Why this matters.', tags: ['followup'], principles: [principle.id], actors: [{ actorId: actor.id, stance: 'opposes' }] });
  });

  it('replaces the PDF\'s own annotations the library imported, instead of showing both', async () => {
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: codebook });
    const { document } = await importFile(store, 'annotation-highlight.pdf', await corpus('annotation-highlight.pdf'));
    await importPdfMarks(store, document.id);
    const [imported] = await store.listAnnotations(document.id);
    await store.saveAnnotation({ ...imported!, body: { ...imported!.body, principles: [principle.id] } });
    const read = await annotationsOf(await annotatedCopy(store, document, await store.listAnnotations(document.id)));
    const highlights = read.filter((r) => r.annotation.subtype === 'Highlight');
    expect(highlights).toHaveLength(1);
    expect(highlights[0]!.annotation.contentsObj!.str).toBe(`Principles: ${principle.name}\n\nHighlight content`);
    expect(highlights[0]!.annotation.titleObj!.str).toBe('Tim van der Meij');
    expect(read.filter((r) => r.annotation.subtype === 'Popup')).toHaveLength(1);
  });

  it('is drawn by another reader too (poppler, which draws what the file says, not what pdf.js infers)', async () => {
    const pdf = await linesPdf([LINES]);
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: codebook });
    const { document } = await importFile(store, 'call.pdf', await pdf.doc.save());
    const text = (await store.readText(document.id)).text;
    await store.saveAnnotation({ ...highlight(document.id, 'h1', text, 'multi-stakeholder community'), body: { color: 'yellow', note: '', tags: [], principles: [], actors: [] } });
    await store.saveAnnotation({
      id: 'r1',
      documentId: document.id,
      created: '2025-01-01T00:00:00.000Z',
      modified: '2025-01-01T00:00:00.000Z',
      target: { selector: [{ type: 'PdfAreaSelector', areas: [{ page: 0, rects: [[100, 300, 400, 500]] }] }] },
      body: { color: 'blue', note: '', tags: [], principles: [], actors: [] },
    });
    const dir = await tempDir();
    await writeFile(path.join(dir, 'out.pdf'), await annotatedCopy(store, document, await store.listAnnotations(document.id)));
    // One pixel per point: PDF point (x, y) is pixel (x, 842 - y).
    execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'out.pdf'), path.join(dir, 'page')]);
    const ppm = await readFile(path.join(dir, 'page.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const width = Number(header[1]);
    const pixel = (x: number, y: number) => {
      const at = header[0].length + (Math.round(842 - y) * width + Math.round(x)) * 3;
      return [...ppm.subarray(at, at + 3)];
    };
    const [x1, y1, x2] = pdf.quadOver(0, 'multi-stakeholder community');
    // Between the letters of the highlighted words (just above the baseline, in a gap): yellow.
    const gap = [...Array(Math.round(x2 - x1)).keys()].map((dx) => pixel(x1 + dx, y1 + 1.5));
    expect(gap.some(([r, g, b]) => r! > 230 && g! > 180 && b! < 80)).toBe(true);
    expect(pixel(250, 400)).toEqual([255, 255, 255]); // inside the region: untouched
    const edge = pixel(101, 400);
    expect(edge[2]).toBeGreaterThan(200);
    expect(edge[0]).toBeLessThan(120); // the region's blue border
  });

  it('puts several PDFs in a zip, naming what it left out and why', async () => {
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: codebook });
    const plain = await importFile(store, 'call.pdf', await (await linesPdf([LINES])).doc.save());
    const locked = await importFile(store, 'locked.pdf', await encryptPdf(await (await linesPdf([LINES.slice(1)])).doc.save(), 'secret'), { password: 'secret' });
    const notes = await importFile(store, 'notes.md', new TextEncoder().encode('# Notes\n\nSome text.'));
    const documents = [plain.document, locked.document, notes.document];
    const task: TaskHandle = { signal: new AbortController().signal, progress: () => undefined, check: () => undefined };
    const file = await exportAnnotatedPdfs(store, { documents, annotations: [] }, task, 'apostil-selection-2025-01-01');
    expect(file).toMatchObject({ fileName: 'apostil-selection-2025-01-01-annotated-pdfs.zip', mimeType: 'application/zip' });
    const entries = unzipSync(file.bytes);
    expect(Object.keys(entries).sort()).toEqual(['README.txt', `${plain.document.metadata.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-annotated.pdf`].sort());
    const readme = new TextDecoder().decode(entries['README.txt']);
    expect(readme).toContain('1 document is not a PDF and is not included.');
    expect(readme).toMatch(/locked\.pdf\): .*encrypted/);
    await expect(exportAnnotatedPdfs(store, { documents: [notes.document], annotations: [] }, task, 'x')).rejects.toThrow(/None of the documents to export is a PDF/);
  });

  it('refuses an encrypted PDF with a clear message', async () => {
    const pdf = await linesPdf([LINES]);
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: codebook });
    const { document } = await importFile(store, 'locked.pdf', await encryptPdf(await pdf.doc.save(), 'secret'), { password: 'secret' });
    const text = (await store.readText(document.id)).text;
    await store.saveAnnotation(highlight(document.id, 'h1', text, 'Paris Call'));
    await expect(annotatedCopy(store, document, await store.listAnnotations(document.id))).rejects.toThrow(/encrypted/);
  });
});
