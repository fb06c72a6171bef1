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
  /** The page's printed label (shared/pdf/page-labels.ts: "xii", "215"), null where there is no page. */
  pageLabel: string | null;
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
export type FacetField = Extract<SearchField, 'principle' | 'actor' | 'stance' | 'doc' | 'tag' | 'coder' | 'year'>;

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
  /**
   * The query matched more than could be counted (see totalCapped): these counts are those of the
   * matches counted, so each is a lower bound ("1,234+").
   */
  partial: boolean;
}

/** A memo that matched: its own section of the results (shared/memos). */
export interface MemoHit {
  memoId: string;
  title: string;
  /** [start, end) ranges of the title to mark. */
  titleMarks: [number, number][];
  /** What the memo is about, in words ("Document: Paris Call"). */
  about: string;
  /** Its text without markup, around the first matched word. */
  snippet: string;
  marks: [number, number][];
  score: number;
}

export interface SearchResults {
  query: string;
  annotations: SearchHit[];
  passages: SearchHit[];
  /** The memos that matched (a memo: clause finds only memos), best first. */
  memos: MemoHit[];
  /** Counts before the limit was applied; exact up to SEARCH_TOTAL_LIMIT. */
  total: { annotations: number; passages: number; memos: number };
  /** True when there were more matches than SEARCH_TOTAL_LIMIT: the total is then shown as "10,000+". */
  totalCapped: { annotations: boolean; passages: boolean };
  facets: Facet[];
  /** A problem with the query (nothing else is filled then). */
  error: QueryError | null;
  /** While the index is being (re)built, how far along it is: results may be incomplete until then. */
  indexing: { done: number; total: number } | null;
  tookMs: number;
}

/** Matches are counted exactly up to this many per group; beyond, the total reads "10,000+". */
export const SEARCH_TOTAL_LIMIT = 10_000;

/** A total as shown: "1,234", or "10,000+" when counting stopped at the limit. */
export function formatTotal(total: number, capped: boolean): string {
  return `${total.toLocaleString()}${capped ? '+' : ''}`;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  created: string;
}
