// Messages between the main side and the worker thread that reads files: the import's extraction,
// reference files (BibTeX, RIS, CSL-JSON), and the other reads of a PDF that must not run in the app's
// own thread (its annotations, and the copy of it with Apostil's annotations written in).
import type { ErrorCode } from '../../../../shared/errors';
import type { PdfMarksRead } from '../../../../shared/pdf/pdf-marks';
import type { AnnotatedPdfRequest } from '../../pdf-annotations/write-marks';
import type { ReadReferenceFile } from '../../references/reference-entry';
import type { ExtractedDocument } from '../index';

/** What the worker can be asked to do with a file, and what each answers. */
export interface WorkerTasks {
  extract: { input: null; result: ExtractedDocument };
  references: { input: null; result: ReadReferenceFile };
  'pdf-marks': { input: null; result: PdfMarksRead };
  'annotated-pdf': { input: AnnotatedPdfRequest; result: Uint8Array };
}
export type WorkerTaskName = keyof WorkerTasks;

export interface ExtractionJob<T extends WorkerTaskName = WorkerTaskName> {
  id: number;
  task: T;
  fileName: string;
  bytes: Uint8Array;
  /** An encrypted PDF's password, for this read only. */
  password?: string;
  input: WorkerTasks[T]['input'];
}

export type WorkerMessage =
  | { type: 'alive' }
  | { type: 'done'; id: number; result: WorkerTasks[WorkerTaskName]['result'] }
  | { type: 'failed'; id: number; error: SerializedError };

export interface SerializedError {
  /** Set for an AppError: its code and message go to the user as they are. */
  code: ErrorCode | null;
  name: string;
  message: string;
}
