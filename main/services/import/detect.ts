// Deciding a file's format from its extension, checked against its first bytes: a name can lie (a
// Word file renamed .pdf, a binary renamed .txt), and we refuse those with a message that says why.
import { AppError } from '../../../shared/errors';
import type { DocumentFormat } from '../../../shared/model';

const BY_EXTENSION: Record<string, DocumentFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
};

export const SUPPORTED_TYPES = 'PDF (.pdf), web pages (.html, .htm, .xhtml), Markdown (.md, .markdown) and plain text (.txt, .text)';

export interface Detection {
  format: DocumentFormat;
  warnings: string[];
}

const SIGNATURES: { bytes: number[]; name: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (Word .docx, EPUB and OpenDocument files are ZIP archives)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Microsoft Office document (.doc, .xls, .ppt)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function knownBinaryKind(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => startsWith(bytes, s.bytes))?.name ?? null;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** The PDF header may follow some junk, which readers accept within the first kilobyte. */
export function hasPdfHeader(bytes: Uint8Array, within = 1024): boolean {
  const last = Math.min(bytes.length - PDF_MAGIC.length, within - PDF_MAGIC.length);
  for (let i = 0; i <= last; i++) if (startsWith(bytes, PDF_MAGIC, i)) return true;
  return false;
}

export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/** NUL bytes or many control characters mean binary data, not text in any 8-bit or UTF-8 encoding. */
export function looksBinary(bytes: Uint8Array, sampleSize = 64 * 1024): boolean {
  if (hasUtf16Bom(bytes)) return false;
  const n = Math.min(bytes.length, sampleSize);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // Tab, LF, VT, FF, CR and ESC-free text is the norm; other C0 controls and DEL are not text.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) || b === 0x7f) control++;
  }
  return n > 0 && control / n > 0.1;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function detectFormat(fileName: string, bytes: Uint8Array): Detection {
  const extension = extensionOf(fileName);
  const claimed = BY_EXTENSION[extension];
  if (!claimed) {
    const what = extension ? `".${extension}" files` : 'files without an extension';
    throw new AppError('unsupported', `"${fileName}" cannot be imported: ${what} are not supported. Apostil imports ${SUPPORTED_TYPES}.`);
  }

  if (claimed === 'pdf') {
    if (hasPdfHeader(bytes)) return { format: 'pdf', warnings: [] };
    const kind = knownBinaryKind(bytes) ?? (looksLikeHtml(bytes) ? 'a web page (HTML)' : null);
    if (kind) {
      throw new AppError('unsupported', `"${fileName}" is not a PDF: it is ${kind} with a .pdf name. Open it in the program that made it, export it as PDF, and import that file.`);
    }
    throw new AppError('corrupt', `"${fileName}" is not a valid PDF: it has no PDF header. The file may be damaged or incomplete; download or export it again and retry.`);
  }

  // A real PDF behind a text extension is still a PDF (a download saved under the wrong name).
  if (startsWith(bytes, PDF_MAGIC)) {
    return { format: 'pdf', warnings: [`"${fileName}" is named .${extension} but is a PDF; it was imported as a PDF.`] };
  }
  if (looksBinary(bytes)) {
    const kind = knownBinaryKind(bytes);
    const what = kind ? `it is ${kind}` : 'it contains binary data';
    throw new AppError('unsupported', `"${fileName}" is not a text file: ${what}. Apostil imports ${SUPPORTED_TYPES}; save the document in one of those formats and import that.`);
  }
  // Markup behind a .txt name stays text: the user chose to see it as text, and text is always inert.
  return { format: claimed, warnings: [] };
}

/** True when the file is empty or holds only whitespace (and perhaps a byte-order mark). */
export function isBlank(bytes: Uint8Array): boolean {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : hasUtf16Bom(bytes) ? 2 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i];
    // NULs count as blank here so that an empty UTF-16 file (BOM + NUL-padded spaces) is empty too.
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0b && b !== 0x0c && b !== 0) return false;
  }
  return true;
}
