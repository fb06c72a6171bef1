import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractInThread } from './extract';
import { extractDocument } from './index';
import {
  LOREM,
  makeEncryptedPdf,
  makePdf,
  makePageBomb,
  makePdfWithVisualTitle,
  makePdfWithXmp,
  makeTwoColumnPdf,
} from './pdf-fixtures';
import { encryptPdf } from './pdf-encrypt';
import { blockTexts, expectValidText, pageText } from './test-helpers';

async function pdf(bytes: Uint8Array, name = 'paper.pdf') {
  const doc = await extractDocument(name, bytes);
  expectValidText(doc);
  expect(doc.format).toBe('pdf');
  return doc;
}

describe('pdf', () => {
  it('extracts paragraphs page by page, with page ranges', async () => {
    const bytes = await makePdf([[LOREM[0]!, LOREM[1]!], [LOREM[2]!], ['Closing words on page three.']]);
    const doc = await pdf(bytes);
    expect(doc.pageCount).toBe(3);
    expect(blockTexts(doc)).toEqual([LOREM[0], LOREM[1], LOREM[2], 'Closing words on page three.']);
    expect(pageText(doc, 0)).toBe(`${LOREM[0]}\n\n${LOREM[1]}`);
    expect(pageText(doc, 1)).toBe(LOREM[2]);
    expect(pageText(doc, 2)).toBe('Closing words on page three.');
    expect(doc.warnings).toEqual([]);
  });

  it('leaves the bytes it was given intact (pdf.js would otherwise detach them)', async () => {
    const bytes = await makePdf([['Some text.']]);
    const copy = bytes.slice();
    await pdf(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(bytes).toEqual(copy);
  });

  it('reads two columns in order, each paragraph whole', async () => {
    const doc = await pdf(await makeTwoColumnPdf([LOREM[0]!, LOREM[1]!], [LOREM[2]!]));
    expect(blockTexts(doc)).toEqual([LOREM[0], LOREM[1], LOREM[2]]);
  });

  it('reads metadata from the info dictionary', async () => {
    const bytes = await makePdf([[LOREM[0]!]], {
      title: 'Trust and Security in Cyberspace',
      author: 'Ann Smith; Bob Jones and Carla Diaz',
      creationDate: new Date('2018-11-12T10:00:00Z'),
    });
    const doc = await pdf(bytes);
    expect(doc.metadata).toEqual({
      title: 'Trust and Security in Cyberspace',
      authors: ['Ann Smith', 'Bob Jones', 'Carla Diaz'],
      date: '2018-11-12',
    });
    // A creation date is the file's, not necessarily the document's: marked for the user to check.
    expect(doc.fieldOrigins).toEqual({ date: 'file-created' });
  });

  it('dates a PDF by its XMP publication date rather than the day the file was made', async () => {
    const published = '<prism:publicationDate>2019-04-29</prism:publicationDate>';
    const doc = await pdf(await makePdfWithXmp('Norms of Responsible Behaviour', ['Ann Smith'], [LOREM[0]!], published));
    expect(doc.metadata.date).toBe('2019-04-29');
    expect(doc.fieldOrigins).toEqual({});
  });

  it('does not take a paragraph or a web address in the Title field as the title', async () => {
    const paragraph = `${LOREM[0]} ${LOREM[1]}`;
    expect(paragraph.length).toBeGreaterThan(250);
    for (const title of [paragraph, 'https://www.example.org/news/2019/04/paris-call']) {
      const doc = await pdf(await makePdf([[LOREM[2]!]], { title }));
      expect(doc.metadata.title).toBeUndefined(); // then the file name (no text stands out as a title)
    }
  });

  it('prefers XMP metadata over a placeholder info-dictionary title', async () => {
    const doc = await pdf(await makePdfWithXmp('Norms of Responsible Behaviour', ['Ann Smith', 'Bob Jones'], [LOREM[0]!]));
    expect(doc.metadata).toMatchObject({ title: 'Norms of Responsible Behaviour', authors: ['Ann Smith', 'Bob Jones'] });
  });

  it('falls back to the largest text on page one for the title, and finds a DOI in the text', async () => {
    const doc = await pdf(await makePdfWithVisualTitle('A Visual Title', [LOREM[0]!, 'Cite as doi:10.5555/paris.2018.42.']));
    expect(doc.metadata.title).toBe('A Visual Title');
    expect(doc.metadata.doi).toBe('10.5555/paris.2018.42');
    expect(blockTexts(doc)[0]).toBe('A Visual Title');
  });

  it('imports a page without text, with an empty range and a warning', async () => {
    const doc = await pdf(await makePdf([[LOREM[0]!], [], [LOREM[1]!]]));
    expect(doc.text.pages?.[1]).toEqual({ start: doc.text.pages![0]!.end, end: doc.text.pages![0]!.end });
    expect(pageText(doc, 2)).toBe(LOREM[1]);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/Page 2 of "paper.pdf" has no text layer/);
  });

  it('imports a scanned PDF (no text at all) with a warning that says what to do', async () => {
    const doc = await pdf(await makePdf([[], []]), 'scan.pdf');
    expect(doc.text.text).toBe('');
    expect(doc.text.pages).toEqual([
      { start: 0, end: 0 },
      { start: 0, end: 0 },
    ]);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/"scan.pdf" seems to be a scanned PDF with no text layer.*OCR/);
  });

  it('refuses an encrypted PDF', async () => {
    await expect(extractDocument('secret.pdf', makeEncryptedPdf())).rejects.toMatchObject({
      code: 'encrypted',
      message: expect.stringMatching(/^"secret.pdf" is password-protected/),
    });
  });

  it('reads an encrypted PDF with its password, and says so when the password is missing or wrong', async () => {
    const bytes = await encryptPdf(await makePdf([[LOREM[0]!], [LOREM[1]!]], { title: 'Sealed report' }), 's3cret');
    const doc = await extractDocument('sealed.pdf', bytes, { password: 's3cret' });
    expectValidText(doc);
    expect(blockTexts(doc)).toEqual([LOREM[0], LOREM[1]]);
    expect(doc.metadata.title).toBe('Sealed report');
    await expect(extractDocument('sealed.pdf', bytes)).rejects.toMatchObject({
      code: 'encrypted',
      message: expect.stringMatching(/^"sealed.pdf" is password-protected. Enter its password.*never stores it/),
    });
    await expect(extractDocument('sealed.pdf', bytes, { password: 'S3CRET' })).rejects.toMatchObject({
      code: 'encrypted',
      message: expect.stringMatching(/^The password for "sealed.pdf" is not right/),
    });
  });

  it('refuses a truncated PDF as corrupt', async () => {
    const bytes = await makePdf([[LOREM[0]!], [LOREM[1]!]]);
    await expect(extractDocument('cut.pdf', bytes.slice(0, Math.floor(bytes.length / 2)))).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^"cut.pdf" could not be read as a PDF.*Download or export it again/),
    });
  });

  it('never crashes or hangs on a bit-flipped PDF: it imports with warnings or refuses as corrupt', async () => {
    const original = await makePdf([[LOREM[0]!], [LOREM[1]!]]);
    for (const step of [7, 101, 997]) {
      const bytes = original.slice();
      for (let i = 16; i < bytes.length; i += step) bytes[i] = bytes[i]! ^ 0x20; // deterministic damage
      const outcome = await extractDocument('flipped.pdf', bytes).then(
        (doc) => ({ ok: true as const, doc }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (outcome.ok) expectValidText(outcome.doc);
      else expect(outcome.error).toMatchObject({ code: 'corrupt' });
    }
  });

  it('collects pdf.js warnings for the document instead of printing them', async () => {
    // A content stream that uses a font the page does not define: pdf.js recovers and warns.
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([300, 300]);
    page.drawText('Readable text.', { x: 20, y: 250, size: 12, font });
    const stream = doc.context.flateStream('BT /Missing 12 Tf 20 200 Td (More text.) Tj ET');
    page.node.addContentStream(doc.context.register(stream));
    const result = await pdf(await doc.save());
    expect(result.text.text).toContain('Readable text.');
    expect(result.warnings.some((w) => w.startsWith('pdf.js: '))).toBe(true);
  });

  it('stops when cancelled, before starting or between pages', async () => {
    const bytes = await makePdf([[LOREM[0]!], [LOREM[1]!], [LOREM[2]!]]);
    const controller = new AbortController();
    controller.abort();
    await expect(extractDocument('paper.pdf', bytes, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    // In the reading thread itself: a signal that turns aborted once the first page has been read.
    let checks = 0;
    const signal = { get aborted() { return ++checks > 3; } } as unknown as AbortSignal;
    await expect(extractInThread('paper.pdf', bytes, { signal })).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/"paper.pdf" was cancelled/),
    });
    expect(checks).toBe(4); // index, pdf start, page 1, page 2 (refused)
  });

  it('refuses a PDF claiming more pages than the limit before reading any', async () => {
    await expect(extractDocument('bomb.pdf', makePageBomb(1_000))).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^"bomb.pdf" has 1,000,000 pages; .* up to 5,000 pages/),
    });
  });

  it('reads documents one at a time, each with its own warnings', async () => {
    const [a, b] = await Promise.all([
      extractDocument('a.pdf', await makePdf([['Alpha text.']])),
      extractDocument('b.pdf', await makePdf([[], ['Beta text.']])),
    ]);
    expect(a.text.text).toBe('Alpha text.');
    expect(a.warnings).toEqual([]);
    expect(b.text.text).toBe('Beta text.');
    expect(b.warnings[0]).toMatch(/Page 1 of "b.pdf"/);
  });
});
