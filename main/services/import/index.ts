// The import pipeline's extraction step: from a file name and its bytes to the document's text
// (the one text every annotation, search hit and export refers to) and a guess at its metadata.
// Pure Node: no Electron, no network. Storing the result is the library's job.
// The work (extract.ts) runs in a worker thread (worker/), with memory and time limits, so a hostile
// file can neither hang nor exhaust the app; this module never loads the format readers itself.
import type { DocumentFormat, DocumentMetadata, DocumentText, FieldOrigins } from '../../../shared/model';
import { extractInWorker } from './worker/extraction-worker';
import type { ExtractionLimits } from './worker/limits';

export interface ExtractedDocument {
  format: DocumentFormat;
  /** Blocks cover the text in order, separated by exactly "\n\n"; pages are non-null only for PDF. */
  text: DocumentText;
  /** Guesses: title, authors, date (ISO prefix), publication, url, doi, kind. */
  metadata: Partial<DocumentMetadata>;
  /** Where guessed fields came from, where it matters (a PDF's creation date used as its date). */
  fieldOrigins?: FieldOrigins;
  pageCount: number | null;
  /** A PDF's own page labels, when they differ from 1, 2, 3, … (shared/pdf/page-labels.ts). */
  pageLabels: string[] | null;
  /** Problems that did not stop the import (pdf.js warnings, a fallback encoding, no text layer...). */
  warnings: string[];
}

export interface ExtractOptions {
  /** Cancels the extraction: its worker is stopped at once. */
  signal?: AbortSignal;
  /** The password of an encrypted PDF, typed by the user: used for this read only, never stored. */
  password?: string;
  /** Limits of the worker thread (tests lower them); see worker/limits.ts for the defaults. */
  limits?: Partial<ExtractionLimits>;
}

/** Extracts a file's text and metadata in a worker thread, within the limits. */
export function extractDocument(fileName: string, bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  return extractInWorker(fileName, bytes, options);
}
