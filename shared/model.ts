// The data model of a library, shared by main and renderer. Pure types and a few constants:
// the runtime schemas that validate these shapes live in schemas.ts.

export const DOCUMENT_FORMATS = ['pdf', 'html', 'markdown', 'text'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const DOCUMENT_KINDS = ['article', 'treaty', 'report', 'chapter', 'webpage'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  article: 'Article',
  treaty: 'Treaty or declaration',
  report: 'Report',
  chapter: 'Book chapter',
  webpage: 'Web page',
};

/** What the user can edit about a source. Dates are ISO prefixes: "2018", "2018-11" or "2018-11-12". */
export interface DocumentMetadata {
  title: string;
  authors: string[];
  date: string | null;
  publication: string | null;
  url: string | null;
  doi: string | null;
  kind: DocumentKind;
}

export const METADATA_FIELDS = ['title', 'authors', 'date', 'publication', 'url', 'doi', 'kind'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/**
 * Where a metadata field's value came from, recorded only where it matters later: "user" for a value
 * the user typed (no import ever overwrites it), "file-created" for a PDF's creation date used for
 * lack of a date in the document (shown as "from the file, check it"). Other values are unmarked.
 */
export type FieldOrigin = 'user' | 'file-created';
export type FieldOrigins = Partial<Record<MetadataField, FieldOrigin>>;

/** One source in the library: its metadata plus facts recorded at import. */
export interface LibraryDocument {
  id: string;
  format: DocumentFormat;
  /** The file name the user imported, kept for display and export. */
  originalName: string;
  /** sha256 of the original bytes, hex: re-importing the same file is detected by it. */
  contentHash: string;
  size: number;
  importedAt: string;
  modifiedAt: string;
  /** Number of pages for PDFs, null for other formats. */
  pageCount: number | null;
  metadata: DocumentMetadata;
  /** A PDF's own page labels, one per page, when they differ from 1, 2, 3, … (see shared/pdf/page-labels.ts). */
  pageLabels?: string[];
  /** Set by the user for a PDF: file page n is printed page n + pageOffset. */
  pageOffset?: number;
  /** Where some metadata fields came from (absent in libraries made before this was recorded). */
  fieldOrigins?: FieldOrigins;
  /** Problems noticed while importing that did not stop it (e.g. pdf.js warnings). */
  warnings: string[];
}

/**
 * What documents.list gives of each document: what the library list, the documents table, their
 * filters and sorting, and the pickers need. The rest (the file's hash, size, import warnings, page
 * labels and offset) comes with the document when it is opened (documents.open), so a library of
 * thousands is listed from a third less JSON.
 */
export type DocumentListing = Pick<LibraryDocument, 'id' | 'format' | 'originalName' | 'importedAt' | 'pageCount' | 'metadata' | 'fieldOrigins'>;

/** A document as documents.list lists it. */
export function listingOf(document: LibraryDocument): DocumentListing {
  const { id, format, originalName, importedAt, pageCount, metadata, fieldOrigins } = document;
  return fieldOrigins ? { id, format, originalName, importedAt, pageCount, metadata, fieldOrigins } : { id, format, originalName, importedAt, pageCount, metadata };
}

export const BLOCK_TYPES = ['h1', 'h2', 'h3', 'p', 'li', 'quote', 'pre'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** A block of the reading view: [start, end) offsets into DocumentText.text. */
export interface TextBlock {
  type: BlockType;
  start: number;
  end: number;
}

/** [start, end) offsets of one PDF page in DocumentText.text. */
export interface PageRange {
  start: number;
  end: number;
}

/**
 * The extracted text of a document: the one text every selector, search hit and export refers to.
 * Blocks cover the text in order and are separated by "\n\n"; the reader renders each block's slice, so
 * what is on screen is exactly this text.
 */
export interface DocumentText {
  text: string;
  blocks: TextBlock[];
  /** Page boundaries for PDFs; null for other formats. */
  pages: PageRange[] | null;
}

// ---- Annotations: the W3C Web Annotation model, with our body ------------------------------------

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** A rectangle in PDF user-space units: [x1, y1, x2, y2], origin bottom-left, unrotated page. */
export type PdfRect = [number, number, number, number];

/** Where a passage or region lies on PDF pages, so it redraws exactly at any zoom or rotation. */
export interface PdfAreaSelector {
  type: 'PdfAreaSelector';
  areas: { page: number; rects: PdfRect[] }[];
}

export type Selector = TextQuoteSelector | TextPositionSelector | PdfAreaSelector;

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple', 'orange'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export const STANCES = ['supports', 'opposes', 'mixed', 'mentions'] as const;
export type Stance = (typeof STANCES)[number];

export interface ActorLink {
  actorId: string;
  stance: Stance;
}

export interface AnnotationBody {
  color: HighlightColor;
  note: string;
  tags: string[];
  /** Ids of codebook principles. */
  principles: string[];
  actors: ActorLink[];
}

/**
 * A highlight (target has a TextQuoteSelector) or a region of a PDF page (target has only a
 * PdfAreaSelector). Selectors are redundant on purpose: anchoring falls back from one to the next.
 */
export interface Annotation {
  id: string;
  documentId: string;
  created: string;
  modified: string;
  /** Who made it, for annotations that came from another program (a PDF annotation's author). */
  author?: string;
  target: { selector: Selector[] };
  body: AnnotationBody;
  /** Set when an import or a new version of the file had to search for the passage (see AnchoringNote). */
  anchoring?: AnchoringNote;
}

/**
 * How an annotation's passage was found when its stored position no longer held: by its exact quote
 * or by a close match, how confident that is (0..1), and whether the surroundings differ from those
 * it was made in. Shown with the annotation so the user can check it; re-attaching it by hand clears it.
 */
export interface AnchoringNote {
  method: 'quote' | 'fuzzy';
  score: number;
  contextChanged: boolean;
}

export function findSelector<T extends Selector['type']>(
  annotation: Pick<Annotation, 'target'>,
  type: T,
): Extract<Selector, { type: T }> | undefined {
  return annotation.target.selector.find((s): s is Extract<Selector, { type: T }> => s.type === type);
}

// ---- Codebook -----------------------------------------------------------------------------------

/** The fields of a principle a user describes it with (everything but its place in the tree). */
export interface PrincipleFields {
  name: string;
  /** Its definition: what the principle means. */
  description: string;
  /** A CSS colour, e.g. "#2f6fba". */
  color: string;
  whenToUse: string;
  whenNotToUse: string;
  /** A passage that is a clear case of it. */
  example: string;
}

/** A code of the codebook's tree. Siblings are ordered as they appear in Codebook.principles. */
export interface Principle extends PrincipleFields {
  id: string;
  parentId: string | null;
}

export const ACTOR_KINDS = [
  'state',
  'company',
  'civil-society',
  'international-body',
  'sub-national',
  'person',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
  state: 'State',
  company: 'Company',
  'civil-society': 'Civil society',
  'international-body': 'International body',
  'sub-national': 'Sub-national',
  person: 'Person',
};

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  /** Other names the actor goes by in texts; used to suggest links. */
  aliases: string[];
}

export interface Codebook {
  version: 1;
  principles: Principle[];
  actors: Actor[];
  /** A library setting: every highlight takes the colour of its first principle (see codebooks/colors.ts). */
  colorByPrinciple: boolean;
}

// ---- Collections and document tags ------------------------------------------------------------

/**
 * A named group of documents, as in Zotero: a document can be in several, and collections nest
 * (parentId). Deleting a collection never deletes its documents.
 */
export interface Collection {
  id: string;
  name: string;
  /** The collection it sits in; null at the top. */
  parentId: string | null;
  /** Its documents, in the order they were added. A trashed document keeps its place (see trash). */
  documentIds: string[];
  created: string;
}

/** Tags given to whole documents (not to passages), by document id. */
export type DocumentTags = Record<string, string[]>;

// ---- Library ------------------------------------------------------------------------------------

export interface LibraryInfo {
  path: string;
  name: string;
  documentCount: number;
  annotationCount: number;
}
