// The small interface every document view sits behind (the text view, the PDF page view), so the
// reader, the selection popover, the annotation sidebar and the annotation store are shared, never
// copied: a view describes what the user selected as selectors, draws the annotations it is given,
// and scrolls to one on request.
import type { Ref } from 'react';
import type { OpenedDocument } from '../../../shared/api';
import type { AnchoringReport } from '../../../shared/anchoring';
import type { Annotation, DocumentText, Selector } from '../../../shared/model';

/** What the user selected (a passage or a region), described for a new annotation. */
export interface SelectionDescription {
  selectors: Selector[];
  /** What the popover shows: the quote, or which region. */
  label: string;
  /** Where the selection is on screen, to place the popover beside it. */
  rect: DOMRect;
}

export interface TextRange {
  start: number;
  end: number;
}

export type RevealTarget = { annotationId: string } | TextRange;

export interface DocumentViewHandle {
  /** Scrolls to an annotation or a passage of the text and marks it briefly. */
  reveal(target: RevealTarget): void;
  /** The element that scrolls with the content, in which the popover is placed. */
  scrollContainer(): HTMLElement | null;
  /** Shows the matches of a find, the current one scrolled into view; an empty list clears them. */
  showMatches(matches: readonly TextRange[], current: number): void;
}

export interface DocumentViewProps {
  opened: OpenedDocument;
  /** The document's text; null while it is on its way (the page view is shown before it). */
  text: DocumentText | null;
  anchoring: AnchoringReport;
  activeId: string | null;
  ref?: Ref<DocumentViewHandle>;
  onSelection(selection: SelectionDescription): void;
  onAnnotationClick(id: string): void;
  /**
   * The view found better selectors for an annotation (a PDF highlight drawn again on new pages):
   * stored at once, not as an undoable change of the user's.
   */
  onRetarget(id: string, selectors: Selector[]): void;
  /** The printed label of the page at an index (from 0), for views with pages. */
  pageLabel?(index: number): string;
  /** Where a region's thumbnail comes from, when the view can draw one. */
  onThumbnailSource?(source: ((annotation: Annotation) => Promise<string | null>) | null): void;
}
