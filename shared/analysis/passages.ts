// A coded passage: one annotation seen as a row of data, with what every analysis view and export needs
// (its quote, page, links and the facts of its source) and nothing of the reader's state.
import type { ActorLink, Annotation, HighlightColor, LibraryDocument, PageRange } from '../model';
import { findSelector } from '../model';
import { printedPageLabel, type PageNumbering } from '../pdf/page-labels';

export interface CodedPassage {
  annotationId: string;
  documentId: string;
  /** The highlighted text; '' for a region of a PDF page. */
  quote: string;
  /** [start, end) in the document's text, when the annotation has a position. */
  start: number | null;
  end: number | null;
  /** 1-based page of the file for PDFs, when known. */
  page: number | null;
  /** That page's printed number ("xii", "215"), what citations and exports show; null with no page. */
  pageLabel: string | null;
  note: string;
  tags: string[];
  color: HighlightColor;
  principles: string[];
  actors: ActorLink[];
  created: string;
  modified: string;
  /** Who made it (shared/coders); null when no one was recorded. */
  coder: string | null;
}

/** What the analysis views work on: the sources and every coded passage in them. */
export interface AnalysisData {
  documents: LibraryDocument[];
  passages: CodedPassage[];
}

/** The 1-based page holding `offset`, or null when the text has no pages or the offset is off them. */
export function pageAt(pages: readonly PageRange[] | null, offset: number | null): number | null {
  if (!pages || offset === null) return null;
  const index = pages.findIndex((p) => offset >= p.start && offset < p.end);
  return index === -1 ? null : index + 1;
}

/** `numbering`: the document's page labels and offset, for the printed page (else the file's number). */
export function toCodedPassage(annotation: Annotation, pages: readonly PageRange[] | null = null, numbering: PageNumbering = {}): CodedPassage {
  const quote = findSelector(annotation, 'TextQuoteSelector');
  const position = findSelector(annotation, 'TextPositionSelector');
  const area = findSelector(annotation, 'PdfAreaSelector');
  const start = position?.start ?? null;
  const { body } = annotation;
  const page = pageAt(pages, start) ?? (area ? (area.areas[0]?.page ?? 0) + 1 : null);
  return {
    annotationId: annotation.id,
    documentId: annotation.documentId,
    quote: quote?.exact ?? '',
    start,
    end: position?.end ?? null,
    page,
    pageLabel: page === null ? null : printedPageLabel(numbering, page - 1),
    note: body.note,
    tags: body.tags,
    color: body.color,
    principles: body.principles,
    actors: body.actors,
    created: annotation.created,
    modified: annotation.modified,
    coder: annotation.author ?? null,
  };
}
