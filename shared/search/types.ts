// What a search returns. Offsets refer to the document's extracted text (DocumentText.text).
import type { HighlightColor } from '../model';
import type { QueryError, SearchField } from './query';

export interface SearchHit {
  /** An annotation the user made, or a passage of a source's full text. */
  kind: 'annotation' | 'passage';
  documentId: string;
  documentTitle: string;
  annotationId: string | null;
  /** [start, end) of the matched passage in the document text. */
  start: number;
  end: number;
  /** 1-based page number for PDFs, null otherwise. */
  page: number | null;
  /** 1-based number of the paragraph (block) the passage is in: the position where there are no pages. */
  paragraph: number | null;
  snippet: string;
  /** [start, end) ranges of the snippet to mark as matched words. */
  marks: [number, number][];
  score: number;
  /** For annotations: its colour, its note (as a snippet with marks) and its links as short labels. */
  color: HighlightColor | null;
  note: { text: string; marks: [number, number][] } | null;
  labels: string[];
}

/** Facets shown beside the results; each value carries the query clause that selects it. */
export type FacetField = Extract<SearchField, 'principle' | 'actor' | 'stance' | 'doc' | 'tag' | 'year'>;

export interface FacetValue {
  label: string;
  count: number;
  /** The clause to add to the query to filter on this value, e.g. principle:cyber-hygiene. */
  clause: string;
}

export interface Facet {
  field: FacetField;
  label: string;
  values: FacetValue[];
  /** How many distinct values there were before the list was cut. */
  distinct: number;
}

export interface SearchResults {
  query: string;
  annotations: SearchHit[];
  passages: SearchHit[];
  /** Counts before the limit was applied. */
  total: { annotations: number; passages: number };
  facets: Facet[];
  /** A problem with the query (nothing else is filled then). */
  error: QueryError | null;
  /** While the index is being (re)built, how far along it is: results may be incomplete until then. */
  indexing: { done: number; total: number } | null;
  tookMs: number;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  created: string;
}
