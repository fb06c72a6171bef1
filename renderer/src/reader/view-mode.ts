// What the workbench needs to know about the reader before the reader's code is loaded: where to
// scroll when a document opens, and which view a PDF opens in (its pages first, or its text).

export interface FocusRequest {
  documentId: string;
  start: number;
  end: number;
  annotationId: string | null;
  /** Changes on every request, so asking for the same place twice still scrolls. */
  nonce: number;
}

export type ViewMode = 'pages' | 'text';
/** The view each PDF was last read in, for this session. */
const viewModes = new Map<string, ViewMode>();

/** The view a PDF opens in: the one it was last read in, else its pages. */
export function pdfViewModeOf(id: string): ViewMode {
  return viewModes.get(id) ?? 'pages';
}

export function rememberPdfViewMode(id: string, mode: ViewMode): void {
  viewModes.set(id, mode);
}
