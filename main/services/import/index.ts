// The import pipeline's extraction step: from a file name and its bytes to the document's text
// (the one text every annotation, search hit and export refers to) and a guess at its metadata.
// Pure Node: no Electron, no network. Storing the result is the library's job.
import { MAX_IMPORT_BYTES } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { DocumentFormat, DocumentMetadata, DocumentText } from '../../../shared/model';
import type { TextExtraction } from './blocks';
import { decodeText, sniffHtmlCharset } from './decode';
import { detectFormat, isBlank } from './detect';
import { extractHtml } from './html';
import { MAX_TEXT_FILE_BYTES, megabytes, throwIfAborted } from './limits';
import { extractMarkdown } from './markdown';
import { extractPdf } from './pdf';
import { extractPlainText } from './text';

export interface ExtractedDocument {
  format: DocumentFormat;
  /** Blocks cover the text in order, separated by exactly "\n\n"; pages are non-null only for PDF. */
  text: DocumentText;
  /** Guesses: title, authors, date (ISO prefix), publication, url, doi, kind. */
  metadata: Partial<DocumentMetadata>;
  pageCount: number | null;
  /** Problems that did not stop the import (pdf.js warnings, a fallback encoding, no text layer...). */
  warnings: string[];
}

export interface ExtractOptions {
  signal?: AbortSignal;
  /** The password of an encrypted PDF, typed by the user: used for this read only, never stored. */
  password?: string;
}

const FORMAT_NAMES: Record<DocumentFormat, string> = {
  pdf: 'PDF',
  html: 'web page',
  markdown: 'Markdown file',
  text: 'text file',
};

export async function extractDocument(
  fileName: string,
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const { signal, password } = options;
  throwIfAborted(fileName, signal);
  if (isBlank(bytes)) {
    throw new AppError('invalid-input', `"${fileName}" is empty: there is nothing to import. Choose a file that contains text.`);
  }
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError(
      'too-large',
      `"${fileName}" is ${megabytes(bytes.byteLength)}; Apostil imports files of up to ${megabytes(MAX_IMPORT_BYTES)}. Split it into smaller files and import those.`,
    );
  }

  const detection = detectFormat(fileName, bytes);
  const { format } = detection;
  if (format === 'pdf') {
    const pdf = await extractPdf(fileName, bytes, { signal, password });
    return {
      format,
      text: pdf.text,
      metadata: pdf.metadata,
      pageCount: pdf.pageCount,
      warnings: [...detection.warnings, ...pdf.warnings],
    };
  }

  if (bytes.byteLength > MAX_TEXT_FILE_BYTES) {
    throw new AppError(
      'too-large',
      `"${fileName}" is ${megabytes(bytes.byteLength)}; a ${FORMAT_NAMES[format]} can be at most ${megabytes(MAX_TEXT_FILE_BYTES)}. Split it into smaller files and import those.`,
    );
  }
  const decoded = decodeText(fileName, bytes, format === 'html' ? sniffHtmlCharset(bytes) : null);
  throwIfAborted(fileName, signal);
  const extraction: TextExtraction =
    format === 'html' ? extractHtml(decoded.text) : format === 'markdown' ? extractMarkdown(decoded.text) : extractPlainText(decoded.text);
  if (extraction.text.blocks.length === 0) {
    throw new AppError(
      'invalid-input',
      `"${fileName}" has no readable text to import${format === 'html' ? ' (the page may build its content with scripts, which Apostil never runs)' : ''}. Check that it is the right file, or save its text in another format and import that.`,
    );
  }
  return {
    format,
    text: extraction.text,
    metadata: extraction.metadata,
    pageCount: null,
    warnings: [...detection.warnings, ...decoded.warnings],
  };
}
