import { describe, expect, it } from 'vitest';
import { detectFormat, extensionOf, isBlank, looksBinary } from './detect';
import { utf8 } from './test-helpers';

const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('detectFormat', () => {
  it.each([
    ['notes.txt', 'text'],
    ['notes.TEXT', 'text'],
    ['README.md', 'markdown'],
    ['essay.markdown', 'markdown'],
    ['page.html', 'html'],
    ['page.HTM', 'html'],
    ['page.xhtml', 'html'],
  ])('reads %s as %s', (name, format) => {
    expect(detectFormat(name, utf8('Some words.')).format).toBe(format);
  });

  it('accepts a PDF whose header follows some junk within the first kilobyte', () => {
    const bytes = new Uint8Array([...utf8('junk'.repeat(50)), ...utf8('%PDF-1.7\n')]);
    expect(detectFormat('paper.pdf', bytes).format).toBe('pdf');
  });

  it('refuses unsupported extensions, naming the supported types', () => {
    expect(() => detectFormat('report.docx', ZIP)).toThrow(/"report.docx".*\.docx.*PDF.*\.html.*\.md.*\.txt/s);
    expect(codeOf(() => detectFormat('report.docx', ZIP))).toBe('unsupported');
    expect(codeOf(() => detectFormat('Makefile', utf8('all:')))).toBe('unsupported');
  });

  it('refuses a ZIP archive renamed .pdf as not a PDF', () => {
    expect(() => detectFormat('thesis.pdf', ZIP)).toThrow(/"thesis.pdf" is not a PDF: it is a ZIP archive/);
    expect(codeOf(() => detectFormat('thesis.pdf', ZIP))).toBe('unsupported');
  });

  it('refuses a web page saved as .pdf, and random bytes as a damaged PDF', () => {
    expect(() => detectFormat('x.pdf', utf8('<!DOCTYPE html><html>'))).toThrow(/web page/);
    expect(codeOf(() => detectFormat('x.pdf', utf8('hello')))).toBe('corrupt');
  });

  it('refuses a binary file renamed .txt', () => {
    const binary = new Uint8Array(256).map((_, i) => (i * 37) % 256);
    expect(() => detectFormat('data.txt', binary)).toThrow(/"data.txt" is not a text file/);
    expect(codeOf(() => detectFormat('photo.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])))).toBe('unsupported');
  });

  it('keeps HTML renamed .txt as text', () => {
    expect(detectFormat('page.txt', utf8('<html><body><p>Hi</p></body></html>')).format).toBe('text');
  });

  it('imports a real PDF named .txt as a PDF, with a warning', () => {
    const result = detectFormat('paper.txt', utf8('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj'));
    expect(result.format).toBe('pdf');
    expect(result.warnings[0]).toMatch(/is a PDF/);
  });
});

describe('content sniffing helpers', () => {
  it('treats NULs or many control characters as binary, but not UTF-16 text', () => {
    expect(looksBinary(utf8('plain text\twith tabs\r\n'))).toBe(false);
    expect(looksBinary(new Uint8Array([0x61, 0x00, 0x62]))).toBe(true);
    expect(looksBinary(new Uint8Array(100).fill(0x01))).toBe(true);
    expect(looksBinary(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe(false);
  });

  it('finds blank files', () => {
    expect(isBlank(new Uint8Array())).toBe(true);
    expect(isBlank(utf8(' \n\t\r\n'))).toBe(true);
    expect(isBlank(new Uint8Array([0xef, 0xbb, 0xbf, 0x20]))).toBe(true);
    expect(isBlank(utf8(' x '))).toBe(false);
  });

  it('reads extensions from the last path part only', () => {
    expect(extensionOf('dir.v2/notes')).toBe('');
    expect(extensionOf('C:\\docs\\Paper.PDF')).toBe('pdf');
    expect(extensionOf('.bashrc')).toBe('');
  });
});
