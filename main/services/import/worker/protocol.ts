// Messages between the import's main side and its extraction worker thread.
import type { ErrorCode } from '../../../../shared/errors';
import type { ReadReferenceFile } from '../../references/reference-entry';
import type { ExtractedDocument } from '../index';

export interface ExtractionJob {
  id: number;
  /** A document to import (the default), or a reference file (BibTeX, RIS, CSL-JSON) to read. */
  kind?: 'references';
  fileName: string;
  bytes: Uint8Array;
  /** An encrypted PDF's password, for this read only. */
  password?: string;
}

export type WorkerMessage =
  | { type: 'alive' }
  | { type: 'done'; id: number; result: ExtractedDocument | ReadReferenceFile }
  | { type: 'failed'; id: number; error: SerializedError };

export interface SerializedError {
  /** Set for an AppError: its code and message go to the user as they are. */
  code: ErrorCode | null;
  name: string;
  message: string;
}
