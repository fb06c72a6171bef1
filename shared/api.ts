// The contract between renderer and main, written once. The preload bridge, the IPC registration, the
// browser-mode HTTP host and the renderer's client are all derived from `contract`: adding a call means
// adding it here and giving it a handler in main/services/handlers.ts, nothing else.
import { z } from 'zod';
import type {
  Annotation,
  Codebook,
  Collection,
  DocumentListing,
  DocumentTags,
  DocumentText,
  LibraryDocument,
  LibraryInfo,
} from './model';
import { METADATA_FIELDS } from './model';
import { collectionEditSchema, documentTagEditSchema } from './collections/edit';
import { libraryScopeSchema, type Organisation } from './collections/scope';
import { variableEditSchema } from './variables/edit';
import type { DocumentVariables } from './variables/model';
import type { AgreementReport } from './agreement';
import { coderNameSchema } from './coders/coders';
import type { DocumentStats } from './document-table/columns';
import {
  annotationSchema,
  documentMetadataSchema,
  idSchema,
  pageOffsetSchema,
} from './schemas';
import { codebookEditSchema } from './codebooks/edits';
import { memoEditSchema } from './memos/edit';
import type { Memo } from './memos/model';
import { linkEditSchema } from './links/edit';
import type { LinksState } from './links/model';
import { CODEBOOK_TEMPLATES } from './codebooks/templates';
import type { ApiResult } from './errors';
import type { LibraryHealth } from './health';
import type { LibraryChange } from './library-changes';
import type { CompletionResult } from './search/complete';
import type { SavedSearch, SearchResults } from './search/types';
import {
  analysisPassagesRequestSchema,
  analysisViewRequestSchema,
  type AnalysisCounts,
  type AnalysisPassagesPage,
} from './analysis/views';
import {
  annotationImportAssignmentSchema,
  CITATION_STYLES,
  exportRequestSchema,
  fileNameSchema,
  importedFileSchema,
  MAX_IMPORT_TEXT_BYTES,
  mergeReferenceSchema,
  saveFileSchema,
  type AnnotationImportReport,
  type ProjectImportReport,
  type ExportedFile,
  type ReferenceImportReport,
  type WaitingReference,
} from './interchange/types';
import { settingsPatchSchema, type Settings } from './settings';
import type { SyncConflict, SyncView } from './sync/sync-status';
import { syncConnectSchema } from './sync/connect';
import type { PdfMarksImportReport, PdfMarksSummary } from './pdf/pdf-marks';
import { MAX_IMPORT_BYTES, MB, NO_ARGS_CALL, SMALL_CALL, type BodyLimits } from './call-limits';

export { describeSize, MAX_IMPORT_BYTES, type BodyLimits } from './call-limits';

/** A call's argument schema, its body limits, plus its result type (a phantom: only the type is used). */
export interface CallSpec<Args extends z.ZodType, Result> {
  args: Args;
  limits: BodyLimits;
  result?: Result;
}

function call<Args extends z.ZodType>(args: Args, limits?: Partial<BodyLimits>) {
  const base = (args as z.ZodType) === noArgs ? NO_ARGS_CALL : SMALL_CALL;
  return { returns: <Result>(): CallSpec<Args, Result> => ({ args, limits: { ...base, ...limits } }) };
}

const noArgs = z.strictObject({});

/** A call that carries a file to import. */
const FILE_CALL: Partial<BodyLimits> = { files: MAX_IMPORT_BYTES };
/** A call that names up to 100,000 documents (a selection in the library table), ~40 bytes each. */
const ID_LIST_CALL: Partial<BodyLimits> = { json: 4 * MB };
/** A call that carries a reference or annotation file. */
const TEXT_FILE_CALL: Partial<BodyLimits> = { files: MAX_IMPORT_TEXT_BYTES };

/**
 * A document as the reader opens it: its details and annotations, without its text (megabytes for a
 * long PDF), which `documents.text` gives separately, so that a PDF's first page need not wait for it.
 */
export interface OpenedDocument {
  document: LibraryDocument;
  annotations: Annotation[];
}

/** The result of replacing a document's file: how many annotations were found again, how many not. */
export interface ReplaceOutcome {
  document: LibraryDocument;
  reanchored: number;
  orphaned: number;
}

const fileName = z.string().min(1).max(1_000);
const documentIds = z.array(idSchema).min(1, 'choose at least one document').max(100_000);
const fileBytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, {
  message: `files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB cannot be imported`,
});
/** The password of an encrypted PDF: used for one read of the file, never stored. */
const filePassword = z.string().min(1).max(1_000).optional();

/** What undo and redo of codebook changes would do now ("Merged “USA” into “United States”…"), or null. */
export interface CodebookHistory {
  undo: string | null;
  redo: string | null;
}

/** The codebook after a change, what was done, and what undo and redo would do next. */
export interface CodebookEditResult extends CodebookHistory {
  codebook: Codebook;
  summary: string;
  /** The code the change created (a new principle or actor, the new half of a split), to select it. */
  createdId: string | null;
}

/** What a codebook file holds and how it meets the library's codebook (codebook.importPreview). */
export interface CodebookImportPreview {
  principles: number;
  actors: number;
  /** Codes of the file with a namesake in the library, and codes the library lacks. */
  matched: number;
  added: number;
  /** The library's codes a replace would drop, and of those, how many passages they code. */
  droppedByReplace: string[];
  droppedPassages: number;
  /** What the file held that Apostil changed or left out (sets, over-long names...). */
  notes: string[];
}

export interface CodebookImportResult extends CodebookEditResult {
  notes: string[];
}

export type ImportOutcome =
  | { status: 'imported'; document: LibraryDocument }
  | { status: 'duplicate'; document: LibraryDocument };

export const contract = {
  'library.info': call(noArgs).returns<LibraryInfo>(),
  /** The integrity check's findings at open and everything kept aside in the quarantine folder. */
  'library.health': call(noArgs).returns<LibraryHealth>(),

  'codebook.get': call(noArgs).returns<Codebook>(),
  /** Every change to the codebook: one undoable step, recoding passages where it must (shared/codebooks/edits.ts). */
  'codebook.edit': call(z.strictObject({ edit: codebookEditSchema }), { json: 4 * MB }).returns<CodebookEditResult>(),
  'codebook.undo': call(noArgs).returns<CodebookEditResult>(),
  'codebook.redo': call(noArgs).returns<CodebookEditResult>(),
  /** What undo and redo would do now. */
  'codebook.history': call(noArgs).returns<CodebookHistory>(),
  /** The codebook as a REFI-QDA codebook file (.qdc), for NVivo, ATLAS.ti, MAXQDA, QualCoder. */
  'codebook.exportQdc': call(noArgs).returns<ExportedFile>(),
  /** What importing a .qdc would do: its codes, and how they match the library's by name. Changes nothing. */
  'codebook.importPreview': call(z.strictObject({ name: fileNameSchema, bytes: importedFileSchema }), TEXT_FILE_CALL).returns<CodebookImportPreview>(),
  /** Brings a .qdc in, merged by name into the codebook or replacing it: one undoable step. */
  'codebook.import': call(
    z.strictObject({ name: fileNameSchema, bytes: importedFileSchema, mode: z.enum(['merge', 'replace']) }),
    TEXT_FILE_CALL,
  ).returns<CodebookImportResult>(),
  /** Start over from a codebook of ours (refused while passages link to codes it lacks): undoable. */
  'codebook.start': call(z.strictObject({ template: z.enum(CODEBOOK_TEMPLATES) })).returns<CodebookEditResult>(),

  // Only what the list, the table and the pickers need (model.ts DocumentListing); the rest comes with documents.open.
  'documents.list': call(noArgs).returns<DocumentListing[]>(),
  'documents.open': call(z.strictObject({ id: idSchema })).returns<OpenedDocument>(),
  /** The document's extracted text: the one text every selector, search hit and export refers to. */
  'documents.text': call(z.strictObject({ id: idSchema })).returns<DocumentText>(),
  'documents.updateMetadata': call(
    z.strictObject({
      id: idSchema,
      metadata: documentMetadataSchema,
      /** Fields the user confirmed as right without changing them (a date taken from the file). */
      confirmed: z.array(z.enum(METADATA_FIELDS)).max(METADATA_FIELDS.length).optional(),
      /** A PDF's page offset (file page n is printed page n + offset); null clears it; absent keeps it. */
      pageOffset: pageOffsetSchema.nullable().optional(),
    }),
  ).returns<LibraryDocument>(),
  'documents.delete': call(z.strictObject({ id: idSchema })).returns<null>(),
  'documents.import': call(z.strictObject({ name: fileName, bytes: fileBytes, password: filePassword }), FILE_CALL).returns<ImportOutcome>(),
  /** Moves documents to trash/ with their annotations (they keep their collections and tags). */
  'documents.trash': call(z.strictObject({ ids: documentIds }), ID_LIST_CALL).returns<{ trashed: string[] }>(),
  /** Undo of documents.trash: brings them back from trash/. */
  'documents.restore': call(z.strictObject({ ids: documentIds }), ID_LIST_CALL).returns<LibraryDocument[]>(),
  /** Counts per document for the library table (all documents, or those given). */
  'documents.stats': call(z.strictObject({ ids: documentIds.optional() }), ID_LIST_CALL).returns<Record<string, DocumentStats>>(),

  /** Collections and document tags. */
  'collections.get': call(noArgs).returns<Organisation>(),
  'collections.edit': call(z.strictObject({ edit: collectionEditSchema }), ID_LIST_CALL).returns<Collection[]>(),
  'documentTags.edit': call(z.strictObject({ edit: documentTagEditSchema }), ID_LIST_CALL).returns<DocumentTags>(),
  /** Memos on documents, principles, actors and the project (shared/memos), most recently changed first. */
  'memos.list': call(noArgs).returns<Memo[]>(),
  /** Creates, changes, deletes or restores (Undo) one memo; returns it as stored. */
  'memos.edit': call(z.strictObject({ edit: memoEditSchema }), { json: 2 * MB }).returns<Memo>(),
  /** Document variables (defined once for the library) and each document's values. */
  'variables.get': call(noArgs).returns<DocumentVariables>(),
  'variables.edit': call(z.strictObject({ edit: variableEditSchema }), ID_LIST_CALL).returns<DocumentVariables>(),
  'documents.replaceFile': call(
    z.strictObject({ id: idSchema, name: fileName, bytes: fileBytes, password: filePassword }),
    FILE_CALL,
  ).returns<ReplaceOutcome>(),

  /** Links between passages: the relations offered and every link, with the quotes of both ends. */
  'links.get': call(noArgs).returns<LinksState>(),
  /** Make, change or delete a link, or change the list of relations (shared/links/edit.ts). */
  'links.edit': call(z.strictObject({ edit: linkEditSchema })).returns<LinksState>(),

  'annotations.save': call(z.strictObject({ annotation: annotationSchema }), { json: 2 * MB }).returns<Annotation>(),
  'annotations.delete': call(z.strictObject({ documentId: idSchema, id: idSchema })).returns<null>(),

  'search.query': call(
    z.strictObject({
      query: z.string().max(2_000),
      limit: z.number().int().min(1).max(500).optional(),
      /** The last word is still being typed: match it as a prefix too. */
      typing: z.boolean().optional(),
      /** Only in this collection or tag ("this collection only"). */
      scope: libraryScopeSchema.optional(),
    }),
  ).returns<SearchResults>(),
  'search.complete': call(
    z.strictObject({ query: z.string().max(2_000), cursor: z.number().int().min(0).max(2_000) }),
  ).returns<CompletionResult>(),
  'search.saved.list': call(noArgs).returns<SavedSearch[]>(),
  'search.saved.save': call(
    z.strictObject({ name: z.string().trim().min(1, 'a name is required').max(200), query: z.string().trim().min(1).max(2_000) }),
  ).returns<SavedSearch[]>(),
  'search.saved.delete': call(z.strictObject({ id: z.string().min(1).max(100) })).returns<SavedSearch[]>(),

  'settings.get': call(noArgs).returns<Settings>(),
  'settings.update': call(z.strictObject({ patch: settingsPatchSchema })).returns<Settings>(),

  // ---- Sync through CouchDB (main/services/sync) ----
  'sync.status': call(noArgs).returns<SyncView>(),
  /** Connects this library to a CouchDB database (checked first); the password is kept apart from the library. */
  'sync.connect': call(syncConnectSchema).returns<SyncView>(),
  'sync.disconnect': call(noArgs).returns<SyncView>(),
  'sync.conflicts': call(noArgs).returns<SyncConflict[]>(),
  'sync.resolve': call(
    z.strictObject({ id: z.string().min(1).max(400), choice: z.union([z.strictObject({ rev: z.string().min(1).max(200) }), z.strictObject({ merge: z.literal(true) })]) }),
  ).returns<SyncView>(),

  // ---- Analysis, exports and reference/annotation imports (shared/analysis, shared/interchange) ----
  /** One analysis view's counts for a filter (the passages behind them: analysis.passages). */
  // A filter may list every source of a large library (up to 100,000 ids): more than 64 KB.
  'analysis.counts': call(analysisViewRequestSchema.extend({ scope: libraryScopeSchema.optional() }), { json: 4 * MB }).returns<AnalysisCounts>(),
  /** A page of the passages behind a chart mark. */
  'analysis.passages': call(analysisPassagesRequestSchema.extend({ scope: libraryScopeSchema.optional() }), { json: 4 * MB }).returns<AnalysisPassagesPage>(),
  /** The coders with annotations in the library (null: none recorded), most first, and this installation's own. */
  'coders.list': call(noArgs).returns<{ me: string | null; coders: { coder: string | null; annotations: number }[] }>(),
  /** Agreement between two coders (Cohen's kappa over characters) in a scope or chosen documents (shared/agreement). */
  'agreement.compute': call(
    z.strictObject({ coderA: coderNameSchema, coderB: coderNameSchema, documentIds: documentIds.nullable(), scope: libraryScopeSchema.optional() }),
    ID_LIST_CALL,
  ).returns<AgreementReport>(),
  /** An annotation's quote with the in-text citation of its source ("Copy with citation"), as text and HTML. */
  'annotations.cite': call(
    z.strictObject({ documentId: idSchema, annotationId: idSchema, style: z.enum(CITATION_STYLES) }),
  ).returns<{ text: string; html: string; page: string | null }>(),
  /** Long: reports 'task.progress' under taskId and stops on tasks.cancel. Returns the file's bytes. */
  'export.run': call(z.strictObject({ taskId: idSchema, request: exportRequestSchema }), { json: 4 * MB }).returns<ExportedFile>(),
  'tasks.cancel': call(z.strictObject({ taskId: idSchema })).returns<{ cancelled: boolean }>(),
  /** Desktop only: asks where to save (a dialog) and writes the file atomically. null if the user cancelled. */
  'files.save': call(saveFileSchema, FILE_CALL).returns<{ path: string } | null>(),
  'references.list': call(noArgs).returns<WaitingReference[]>(),
  'references.import': call(z.strictObject({ name: fileNameSchema, bytes: importedFileSchema }), TEXT_FILE_CALL).returns<ReferenceImportReport>(),
  'references.attachFile': call(
    z.strictObject({
      id: idSchema,
      name: z.string().min(1).max(1_000),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMPORT_BYTES, {
        message: `files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB cannot be imported`,
      }),
    }),
    FILE_CALL,
  ).returns<ImportOutcome>(),
  'references.delete': call(z.strictObject({ id: idSchema })).returns<null>(),
  /** A possible duplicate merged by hand into the entry it may duplicate, with the values the user chose. */
  'references.merge': call(mergeReferenceSchema, { json: MB }).returns<null>(),
  /** A possible duplicate kept as a reference of its own. */
  'references.keepBoth': call(z.strictObject({ id: idSchema })).returns<WaitingReference>(),
  'annotations.import': call(
    z.strictObject({
      taskId: idSchema,
      name: fileNameSchema,
      bytes: importedFileSchema,
      /** Documents the user chose for targets the library has no document for (after a first import). */
      assign: z.array(annotationImportAssignmentSchema).max(1_000).optional(),
    }),
    TEXT_FILE_CALL,
  ).returns<AnnotationImportReport>(),

  // ---- Annotations inside PDFs, made in other programs (main/services/pdf-annotations) ----
  /** What importing a PDF's own annotations would bring (nothing is changed). */
  'pdfAnnotations.scan': call(z.strictObject({ id: idSchema, password: filePassword })).returns<PdfMarksSummary>(),
  /** Adds the PDF's own annotations the library does not have yet. */
  'pdfAnnotations.import': call(z.strictObject({ id: idSchema, password: filePassword })).returns<PdfMarksImportReport>(),
  /** A REFI-QDA project (.qdpx) from another QDA tool, or ours: sources, codes and coded passages. Long, like annotations.import. */
  'project.importQdpx': call(z.strictObject({ taskId: idSchema, name: fileNameSchema, bytes: fileBytes }), FILE_CALL).returns<ProjectImportReport>(),
} satisfies Record<string, CallSpec<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

/** What the caller passes (before validation and defaults). */
export type CallArgs<K extends CallName> = z.input<Contract[K]['args']>;
/** What a handler receives (after validation). */
export type ValidArgs<K extends CallName> = z.output<Contract[K]['args']>;
export type CallResult<K extends CallName> = Exclude<Contract[K]['result'], undefined>;

/** One function per call: the shape of the preload bridge and of the HTTP client alike. */
export type ApiBridge = {
  [K in CallName]: (args: CallArgs<K>) => Promise<ApiResult<CallResult<K>>>;
};

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

// ---- Events pushed from main to the renderer -----------------------------------------------------

export interface ApiEvents {
  /** A change to the library, as its store published it (shared/library-changes.ts), in order. */
  'library.change': LibraryChange;
  /** Progress of long background work, e.g. rebuilding the search index. */
  'task.progress': { task: string; done: number; total: number; label: string };
  /** Sync's connection or status changed (last sync, what waits, errors, conflicts). */
  'sync.status': SyncView;
}
export type EventName = keyof ApiEvents;

/** What the Electron preload exposes to the page as window.apostil. */
export interface PreloadApi {
  calls: ApiBridge;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
export interface ApiEvent<K extends EventName = EventName> {
  name: K;
  payload: ApiEvents[K];
}
