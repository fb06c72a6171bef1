// What a search returns. Offsets refer to the document's extracted text (DocumentText.text).

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
  snippet: string;
  /** [start, end) ranges of the snippet to mark as matched words. */
  marks: [number, number][];
  score: number;
}

export interface SearchResults {
  query: string;
  annotations: SearchHit[];
  passages: SearchHit[];
  /** Counts before the limit was applied. */
  total: { annotations: number; passages: number };
}
