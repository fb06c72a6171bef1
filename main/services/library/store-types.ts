// What the library store is handed and hands back, beside its model types (shared/model.ts).
import type { Annotation, Codebook, DocumentMetadata, DocumentText, FieldOrigins, LibraryDocument } from '../../../shared/model';

/** What an importer hands the store to add a document. */
export interface NewDocument {
  originalName: string;
  bytes: Uint8Array;
  contentHash: string;
  format: LibraryDocument['format'];
  text: DocumentText;
  metadata: DocumentMetadata;
  /** Where some fields came from (a PDF's creation date standing in for its date). */
  fieldOrigins?: FieldOrigins;
  pageCount: number | null;
  /** A PDF's own page labels, when they differ from 1, 2, 3, … */
  pageLabels?: string[] | null;
  warnings: string[];
}

/** A new version of a document's file, its text, and its annotations re-anchored in that text. */
export interface ReplacedFile {
  originalName: string;
  bytes: Uint8Array;
  contentHash: string;
  text: DocumentText;
  pageCount: number | null;
  pageLabels?: string[] | null;
  warnings: string[];
  /**
   * The annotations the new file gets, from those the document has at the moment of the write (inside
   * the write queue): an annotation saved while the new file was read or fetched is never lost.
   */
  annotations: (current: Annotation[]) => Annotation[];
}

/** The page numbering of a PDF as the user sets it: `pageOffset` null goes back to the PDF's own. */
export interface PageNumberingEdit {
  pageOffset: number | null;
}

/** Something the integrity check found at open (see health() for the full report). */
export interface LoadProblem {
  path: string;
  message: string;
}

export interface OpenOptions {
  defaultCodebook: Codebook;
  /** How many annotations to hold in memory as objects (annotation-lists.ts). */
  annotationsHeld?: number;
}
