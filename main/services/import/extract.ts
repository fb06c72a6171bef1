// The extraction itself, run inside the import's worker thread (worker/worker-main.ts): from a file
// name and its bytes to the document's text and metadata guesses. The format readers are loaded on
// first use, so a worker that only reads plain text never loads jsdom or pdf.js.
import { MAX_IMPORT_BYTES } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { DocumentFormat } from '../../../shared/model';
import type { TextExtraction } from './blocks';
import { decodeText, sniffHtmlCharset } from './decode';
import { detectFormat, isBlank } from './detect';
import type { ExtractedDocument, ExtractOptions } from './index';
import { MAX_TEXT_FILE_BYTES, megabytes, throwIfAborted } from './limits';
import { extractPlainText } from './text';

const FORMAT_NAMES: Record<DocumentFormat, string> = {
  pdf: 'PDF',
  html: 'web page',
  markdown: 'Markdown file',
  text: 'text file',
};

/** The extraction itself, in the calling thread (the worker's body; tests of the formats use it too). */
export async function extractInThread(
  fileName: string,
  bytes: Uint8Array,
  options: Pick<ExtractOptions, 'signal' | 'password'> = {},
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
    const { extractPdf } = await import('./pdf');
    const pdf = await extractPdf(fileName, bytes, { signal, password });
    return {
      format,
      text: pdf.text,
      metadata: pdf.metadata,
      fieldOrigins: pdf.fieldOrigins,
      pageCount: pdf.pageCount,
      pageLabels: pdf.pageLabels,
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
    format === 'html'
      ? (await import('./html')).extractHtml(decoded.text)
      : format === 'markdown'
        ? await (await import('./markdown')).extractMarkdown(decoded.text)
        : extractPlainText(decoded.text);
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
    pageLabels: null,
    warnings: [...detection.warnings, ...decoded.warnings],
  };
}
