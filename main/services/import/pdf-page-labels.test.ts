// Page labels read from real PDFs of pdf.js's test suite (test-data/pdfjs/README.md).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './index';

const file = (name: string) => readFile(path.resolve(__dirname, '../../../test-data/pdfjs', name));

describe('PDF page labels', () => {
  it('reads roman front matter and arabic numbers from the PDF', async () => {
    const doc = await extractDocument('bug793632.pdf', new Uint8Array(await file('bug793632.pdf')));
    expect(doc.pageCount).toBe(4);
    expect(doc.pageLabels).toEqual(['i', 'ii', 'iii', '1']);
    expect(doc.text.text).toContain('This is page 1 starting the main content');
  });

  it('keeps no labels that only repeat the page numbers', async () => {
    const doc = await extractDocument('rotation.pdf', new Uint8Array(await file('rotation.pdf')));
    expect(doc.pageCount).toBe(2);
    expect(doc.pageLabels).toBeNull();
  });

  it('has no labels for other formats', async () => {
    const doc = await extractDocument('note.txt', new TextEncoder().encode('Plain words.'));
    expect(doc.pageLabels).toBeNull();
  });
});
