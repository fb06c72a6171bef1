// PDFs no one here wrote, from pdf.js's test suite (test-data/pdfjs): what a reader types must be found
// in the text Apostil stores. Before, control characters were deleted (gluing words) and Arabic stayed
// in presentation forms, last word first.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseParagraph } from '../../../shared/text/paragraph';
import { extractDocument } from './index';
import { undecodablePages, undecodableWarning } from './pdf';

const DATA = path.resolve(__dirname, '../../../test-data/pdfjs');
const read = (name: string) => extractDocument(name, new Uint8Array(readFileSync(path.join(DATA, name))));

describe('pdf.js test PDFs', () => {
  it('TAMReview.pdf: a space drawn as a control character stays a space', async () => {
    const doc = await read('TAMReview.pdf');
    expect(doc.text.text).not.toContain('OverviewoftheTechnologyAcceptanceModel');
    expect(doc.text.text).toContain('Overview of the Technology Acceptance Model:');
    // eslint-disable-next-line no-control-regex
    expect(doc.text.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    // Its Author field is "ARRAY(0x2c7cf020)" (a Perl tool's bug): the byline under the title is used.
    expect(doc.metadata.authors).toEqual(['Mohammad Chuttur']);
  });

  it('ArabicCIDTrueType.pdf: presentation forms become letters, in reading order', async () => {
    const doc = await read('ArabicCIDTrueType.pdf');
    const firstLine = doc.text.text.split('\n\n')[0]!;
    expect(firstLine).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFE]/);
    // "انواع ... العربية" (types of ... Arabic): the first word read first. (pdf.js itself reverses the
    // lam-khah ligature of the middle word, which we leave as it gives it.)
    expect(firstLine.startsWith('انواع ')).toBe(true);
    expect(firstLine.endsWith(' العربية')).toBe(true);
  });

  it('annotation-tx3.pdf: text typed into a form field is imported, and the PDF is not called scanned', async () => {
    const doc = await read('annotation-tx3.pdf');
    expect(doc.text.text).toBe('tx annotation Line2 Line3 Line4');
    expect(doc.warnings.join(' ')).not.toMatch(/scanned/);
  });
});

describe('glyphs no font can decode', () => {
  it('are shown as the replacement character, and the pages that have them are named in a warning', () => {
    expect(normaliseParagraph('Gr\uFFFF\uFFFFnde')).toBe('Gr\uFFFD\uFFFDnde');
    const pages = undecodablePages([['Plain text.'], null, ['Gr\uFFFD\uFFFDnde'], [], ['\uFFFD']]);
    expect(pages).toEqual([3, 5]);
    expect(undecodableWarning('report.pdf', pages)).toMatch(/^Pages 3, 5 of "report.pdf" have characters whose font gives no way to read them \(shown as �\)/);
  });
});
