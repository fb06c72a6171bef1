// The bad-input corpus, generated (nothing stored): files that must each be refused with a message
// naming the file and the reason, leaving the library unchanged. Shared by the unit test (through
// the real dispatcher) and the end-to-end import test.
import { makeEncryptedPdf, makePageBomb, makePdf, writeRawPdf as rawPdf, LOREM } from '../services/import/pdf-fixtures';

export interface BadFile {
  /** What the file is, for test names. */
  label: string;
  name: string;
  bytes: Uint8Array;
  /** The error code and a pattern the message must match (the reason), besides naming the file. */
  code: string;
  reason: RegExp;
  /** The name the message uses for the file (the name as kept after cleaning), if not `name`. */
  shownAs?: string;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Flips bits every `step` bytes from `from` (deterministic damage). */
export function flipBits(bytes: Uint8Array, from: number, step: number): Uint8Array {
  const copy = bytes.slice();
  for (let i = from; i < copy.length; i += step) copy[i] = copy[i]! ^ 0x55;
  return copy;
}

const DEPTH = 100_000;

export async function badFileCorpus(): Promise<BadFile[]> {
  const good = await makePdf([[LOREM[0]!], [LOREM[1]!], [LOREM[2]!]]);
  const random = new Uint8Array(64 * 1024).map((_, i) => (i * 7919 + 13) % 251);
  const zip = utf8('PK\u0003\u0004 not really a document');
  const page = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
  return [
    { label: 'an empty PDF', name: 'empty.pdf', bytes: new Uint8Array(), code: 'invalid-input', reason: /is empty/ },
    { label: 'an empty text file', name: 'empty.txt', bytes: new Uint8Array(), code: 'invalid-input', reason: /is empty/ },
    { label: 'a truncated PDF', name: 'truncated.pdf', bytes: good.slice(0, Math.floor(good.length / 3)), code: 'corrupt', reason: /could not be read as a PDF/ },
    { label: 'a PDF with a bit-flipped header', name: 'flipped-header.pdf', bytes: flipBits(good, 0, 3), code: 'corrupt', reason: /not a valid PDF: it has no PDF header/ },
    { label: 'a PDF with bit-flipped structure', name: 'flipped-body.pdf', bytes: flipBits(good, 9, 2), code: 'corrupt', reason: /could not be read as a PDF/ },
    { label: 'an encrypted PDF', name: 'encrypted.pdf', bytes: makeEncryptedPdf(), code: 'encrypted', reason: /password-protected/ },
    { label: 'a PDF bomb (a million pages in a few KB)', name: 'page-bomb.pdf', bytes: makePageBomb(1_000), code: 'too-large', reason: /1,000,000 pages/ },
    {
      label: 'a PDF with 100,000 nested arrays',
      name: 'nested-arrays.pdf',
      bytes: rawPdf([`<< /Type /Catalog /Pages 2 0 R /Deep ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)} >>`, page, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']),
      code: 'corrupt',
      reason: /could not be read as a PDF/,
    },
    {
      label: 'a PDF whose page nests 100,000 dictionaries',
      name: 'nested-dictionaries.pdf',
      bytes: rawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        page,
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /X ${'<< /A '.repeat(DEPTH)}1${' >>'.repeat(DEPTH)} >>`,
        '<< /Length 5 >>\nstream\nBT ET\nendstream',
      ]),
      code: 'corrupt',
      reason: /none of its page could be read|could not be read/,
    },
    {
      label: 'a 50 MB text file',
      name: 'fifty-megabytes.txt',
      bytes: new Uint8Array(50 * 1024 * 1024).fill(0x61),
      code: 'too-large',
      reason: /is 50 MB; a text file can be at most 20 MB/,
    },
    { label: 'a binary file renamed .html', name: 'binary.html', bytes: random, code: 'unsupported', reason: /is not a text file: it contains binary data/ },
    { label: 'a zip archive renamed .pdf', name: 'archive.pdf', bytes: zip, code: 'unsupported', reason: /is not a PDF: it is a ZIP archive/ },
    {
      label: 'a file name with path separators and control characters',
      name: '../../etc/\u0000passwd\u202e\u0007.pdf',
      shownAs: 'passwd.pdf',
      bytes: zip,
      code: 'unsupported',
      reason: /is not a PDF/,
    },
    { label: 'a file name that is only separators and controls', name: '../\u0001/..', shownAs: '..//..', bytes: utf8('text'), code: 'invalid-input', reason: /is not a usable file name/ },
  ];
}

/** UTF-8 text cut short in the middle of a character (a download that stopped), with accents before. */
export function truncatedUtf8File(): { name: string; bytes: Uint8Array } {
  const bytes = utf8('Société civile et États : la Déclaration de Paris, «\u00a0confiance\u00a0» — 2018.\n\nÉté.');
  return { name: 'cut-short.txt', bytes: bytes.slice(0, bytes.length - 2) }; // ends inside "é"
}

/** Not refused, by design: text that is not valid UTF-8 is read as Windows-1252, with a warning. */
export function invalidUtf8File(): { name: string; bytes: Uint8Array } {
  // "Café société" in Latin-1: é is 0xE9, invalid as UTF-8.
  return { name: 'latin1.txt', bytes: new Uint8Array([...utf8('Caf'), 0xe9, ...utf8(' soci'), 0xe9, 0x74, 0xe9, ...utf8(' and the Paris Call.\n')]) };
}
