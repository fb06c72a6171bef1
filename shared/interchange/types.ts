// What can be exported and imported, and the shapes of requests and reports that cross the contract.
import { z } from 'zod';
import type { DocumentMetadata, MetadataField } from '../model';
import { libraryScopeSchema } from '../collections/scope';
import { documentMetadataSchema, idSchema } from '../schemas';
import { MAX_IMPORT_TEXT_BYTES } from '../call-limits';

export { MAX_IMPORT_TEXT_BYTES };

export const EXPORT_FORMATS = ['bibliography', 'bibtex', 'ris', 'csl-json', 'passages-csv', 'w3c-annotations', 'refi-qda', 'annotated-pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  bibliography: 'Annotated bibliography',
  bibtex: 'References as BibTeX (.bib)',
  ris: 'References as RIS (.ris)',
  'csl-json': 'References as CSL-JSON (.json)',
  'passages-csv': 'Coded passages as CSV',
  'w3c-annotations': 'W3C Web Annotations (JSON-LD)',
  'refi-qda': 'REFI-QDA project (.qdpx)',
  'annotated-pdf': 'PDFs with their annotations, for any PDF reader (.pdf; several in a .zip)',
};

export const CITATION_STYLES = ['apa', 'chicago-author-date', 'mla', 'harvard'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];
export const CITATION_STYLE_LABELS: Record<CitationStyle, string> = {
  apa: 'APA 7th edition',
  'chicago-author-date': 'Chicago author-date (17th edition)',
  mla: 'MLA 9th edition',
  harvard: 'Harvard (Cite Them Right)',
};

export const BIBLIOGRAPHY_OUTPUTS = ['markdown', 'html', 'docx'] as const;
export type BibliographyOutput = (typeof BIBLIOGRAPHY_OUTPUTS)[number];
export const BIBLIOGRAPHY_GROUPINGS = ['source', 'principle'] as const;
export type BibliographyGrouping = (typeof BIBLIOGRAPHY_GROUPINGS)[number];

/** The whole library, a collection, a tag or the unfiled documents; chosen documents; what a search finds. */
export const exportScopeSchema = z.discriminatedUnion('kind', [
  ...libraryScopeSchema.options,
  z.strictObject({ kind: z.literal('documents'), documentIds: z.array(idSchema).min(1, 'choose at least one document').max(100_000) }),
  z.strictObject({ kind: z.literal('search'), query: z.string().trim().min(1, 'a search needs some words').max(2_000) }),
]);
export type ExportScope = z.output<typeof exportScopeSchema>;

export const bibliographyOptionsSchema = z.strictObject({
  style: z.enum(CITATION_STYLES),
  groupBy: z.enum(BIBLIOGRAPHY_GROUPINGS),
  output: z.enum(BIBLIOGRAPHY_OUTPUTS),
  /** Each document's memos beneath its reference. */
  includeMemos: z.boolean().optional(),
});
export type BibliographyOptions = z.output<typeof bibliographyOptionsSchema>;
export const DEFAULT_BIBLIOGRAPHY_OPTIONS: BibliographyOptions = { style: 'apa', groupBy: 'source', output: 'markdown', includeMemos: false };

export const exportRequestSchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  scope: exportScopeSchema,
  /** Used by the bibliography only. */
  bibliography: bibliographyOptionsSchema.optional(),
});
export type ExportRequest = z.output<typeof exportRequestSchema>;

/** An export's result: the renderer downloads it (browser) or hands it to files.save (desktop). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export const fileNameSchema = z.string().trim().min(1).max(255);
export const importedFileSchema = z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_TEXT_BYTES, {
  message: `files over ${MAX_IMPORT_TEXT_BYTES / 1024 / 1024} MB cannot be imported`,
});

export const saveFileSchema = z.strictObject({
  fileName: fileNameSchema,
  mimeType: z.string().max(200),
  bytes: z.instanceof(Uint8Array),
});

// ---- References waiting for their file -------------------------------------------------------------

/** A source known from a reference file (BibTeX, RIS, CSL-JSON) whose document has not been imported. */
export interface WaitingReference {
  id: string;
  metadata: DocumentMetadata;
  addedAt: string;
  /** The reference file it came from. */
  from: string;
  /**
   * A library document or another waiting reference with the same title that may be the same work,
   * without the evidence to merge them unasked (kept both; the user compares and merges by hand).
   */
  possibleDuplicateOf?: DuplicateTarget;
}

export interface DuplicateTarget {
  kind: 'document' | 'reference';
  id: string;
}

const duplicateTargetSchema = z.strictObject({ kind: z.enum(['document', 'reference']), id: idSchema });

export const waitingReferenceSchema = z.strictObject({
  id: idSchema,
  metadata: documentMetadataSchema,
  addedAt: z.string(),
  from: z.string().max(1_000),
  possibleDuplicateOf: duplicateTargetSchema.optional(),
});

/** What a reference file import did, entry by entry. */
export interface ReferenceImportReport {
  /** BibTeX, RIS or CSL-JSON. */
  format: string;
  /** Entries found in the file, read or not. */
  entries: number;
  /** New references, waiting for their file. */
  added: { id: string; title: string }[];
  /** Library documents or waiting references the file completed (same DOI, or same title, year and first author). */
  completed: { id: string; title: string; fields: MetadataField[] }[];
  /** Entries already known, with nothing new. */
  unchanged: number;
  /** Kept as new references beside an entry with the same title that may be the same work. */
  possibleDuplicates: { id: string; title: string; of: DuplicateTarget & { title: string } }[];
  /** Entries that could not be imported, with where they are in the file and why. */
  refused: { key: string | null; line: number | null; title: string | null; reason: string }[];
  /** Fields the file would have changed but that the user had edited by hand, so were kept. */
  keptEdits: number;
}

/** Merging a possible duplicate by hand: `metadata` as the user chose it field by field. */
export const mergeReferenceSchema = z.strictObject({
  id: idSchema,
  into: duplicateTargetSchema,
  metadata: documentMetadataSchema,
});

export interface AnnotationImportReport {
  imported: number;
  /** Annotations the library already had (same id, same document). */
  alreadyPresent: number;
  /** Annotations placed by their quote because the stored position no longer matched. */
  reanchored: number;
  /** Kept even though their passage could not be found in the document's text (shown as orphans). */
  orphaned: number;
  /**
   * Targets that match no document of the library: nothing was imported for them. `source` is the
   * target as the file names it, null for annotations that name no document; the user can choose a
   * document for each and import again (see annotationImportAssignmentSchema).
   */
  unmatched: { source: string | null; title: string | null; count: number }[];
  /** Principles and actors the codebook did not have, added so links are not lost. */
  codebookAdded: string[];
  /** Entries left out, grouped by the reason, in words. */
  skipped: { reason: string; count: number }[];
  /** About the file as a whole (a page of a larger collection whose other pages are not in it). */
  notice: string | null;
  /** Links between passages (W3C `linking` annotations) made, and those the library already had. */
  linksAdded: number;
  linksPresent: number;
}

/** "Put the annotations of this target (null: those that name no document) in this document." */
export const annotationImportAssignmentSchema = z.strictObject({ source: z.string().max(10_000).nullable(), documentId: idSchema });
export type AnnotationImportAssignment = z.output<typeof annotationImportAssignmentSchema>;

/** What importing a REFI-QDA project (.qdpx) did. */
export interface ProjectImportReport {
  /** Sources that became documents, and sources the library already had (same file). */
  documentsAdded: number;
  documentsPresent: number;
  /** Coded selections that became highlights, and those the library already had. */
  imported: number;
  alreadyPresent: number;
  /** Highlights kept although their passage could not be found in the document's text. */
  orphaned: number;
  /** The project's codes matched by name in the codebook, and codes added to it. */
  codesMatched: number;
  codesAdded: number;
  /** The project's notes that became memos, and those the library already had (never overwritten). */
  memosAdded: number;
  memosPresent: number;
  skipped: { reason: string; count: number }[];
  /** What was changed on the way in (renamed codes, shortened texts...). */
  notes: string[];
}
