// Limits that keep one import from exhausting memory or time, and the messages that explain them.
import { AppError } from '../../../shared/errors';

/** Text, Markdown and HTML files are read whole into memory and parsed; beyond this it is not sane. */
export const MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024;
/** A PDF claiming more pages than this is refused before any page is parsed (PDF bombs). */
export const MAX_PDF_PAGES = 5_000;
/** Extracted text beyond this is refused: a crafted PDF can expand a few KB into gigabytes of text. */
export const MAX_EXTRACTED_CHARS = 20_000_000;

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

export function tooMuchText(fileName: string): AppError {
  return new AppError(
    'too-large',
    `"${fileName}" holds more than ${MAX_EXTRACTED_CHARS.toLocaleString('en-US')} characters of text, more than Apostil can import. Split it into smaller files and import those.`,
  );
}

export function throwIfAborted(fileName: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AppError('cancelled', `The import of "${fileName}" was cancelled. Import it again when you are ready.`);
  }
}
