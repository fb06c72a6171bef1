// The worker thread's limits at work: a file that takes too long, needs too much heap, or decodes into
// too much memory is stopped with a message naming it; cancelling stops the worker; and the next file
// is read by a fresh worker as if nothing happened.
import { createDeflate, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractInThread } from '../extract';
import { extractDocument } from '../index';
import { LOREM, makePdf } from '../pdf-fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function stillWorks(): Promise<void> {
  const doc = await extractDocument('after.txt', utf8('Title\n\nA paragraph that follows.'));
  expect(doc.text.text).toBe('Title\n\nA paragraph that follows.');
}

/** A one-page PDF whose content stream, deflated twice, inflates to `megabytes` of zero bytes. */
async function flateBomb(megabytes: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  const deflate = createDeflate({ level: 1 });
  deflate.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  for (let i = 0; i < megabytes / 16; i++) deflate.write(chunk);
  deflate.end();
  await done;
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 300]);
  const stream = doc.context.stream(deflateSync(Buffer.concat(parts)), { Filter: ['FlateDecode', 'FlateDecode'] });
  page.node.addContentStream(doc.context.register(stream));
  return doc.save();
}

describe('extraction in a worker thread', () => {
  it('gives the same result as reading in the calling thread', async () => {
    const bytes = await makePdf([[LOREM[0]!], [LOREM[1]!]]);
    expect(await extractDocument('paper.pdf', bytes)).toEqual(await extractInThread('paper.pdf', bytes));
  });

  it('stops a file that takes longer than the time limit', async () => {
    const bytes = await makePdf([[LOREM[0]!], [LOREM[1]!]]);
    await expect(extractDocument('slow.pdf', bytes, { limits: { timeoutMs: 1 } })).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^"slow.pdf" took more than 1 second to read and was stopped/),
    });
    await stillWorks();
  });

  it('stops a file that needs more heap than the limit', async () => {
    const html = `<!doctype html><html><body>${'<div><p>Lots of small elements, over and over.</p></div>'.repeat(200_000)}</body></html>`;
    await expect(extractDocument('huge.html', utf8(html), { limits: { maxHeapMb: 48 } })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^"huge.html" needs more than 48 MB of memory to read/),
    });
    await stillWorks();
  });

  it('stops a decompression bomb (a few KB that inflate to 512 MB) at the memory limit', async () => {
    const bomb = await flateBomb(512);
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(extractDocument('inflates.pdf', bomb, { limits: { maxMemoryGrowthMb: 160 } })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^"inflates.pdf" needs more than 160 MB of memory/),
    });
    await stillWorks();
  });

  it('stops the worker when the import is cancelled', async () => {
    const bytes = await makePdf(Array.from({ length: 60 }, () => [LOREM[0]!, LOREM[1]!, LOREM[2]!]));
    const controller = new AbortController();
    const extraction = extractDocument('long.pdf', bytes, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(extraction).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/"long.pdf" was cancelled/) });
    await stillWorks();
  });

  it('reads files one after another, each with its own warnings', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([300, 300]);
    page.drawText('Readable text.', { x: 20, y: 250, size: 12, font });
    const [a, b] = await Promise.all([extractDocument('a.pdf', await doc.save()), extractDocument('b.txt', utf8('Plain.'))]);
    expect(a.text.text).toBe('Readable text.');
    expect(b.text.text).toBe('Plain.');
    expect(b.warnings).toEqual([]);
  });
});
