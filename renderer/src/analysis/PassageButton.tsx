// A coded passage as a button: its quote (edged in its colour), then its source and page; it opens the
// passage in the reader. The Analysis drill-down and the codebook's list of a code's passages use it.
import type { CodedPassage } from '../../../shared/analysis';
import type { DocumentListing } from '../../../shared/model';

interface Props {
  passage: CodedPassage;
  document: DocumentListing | undefined;
  /** Shows the source's year after its title (the Analysis drill-down, where time is a dimension). */
  withYear?: boolean;
  onOpen(passage: CodedPassage): void;
}

export function PassageButton({ passage, document, withYear = false, onOpen }: Props) {
  return (
    <button type="button" className="passage" onClick={() => onOpen(passage)} title="Open in the reader">
      <span className={`passage-quote hl-edge-${passage.color}`}>{passage.quote || 'A region of the page'}</span>
      <span className="passage-source">
        {document?.metadata.title ?? 'Unknown source'}
        {withYear && document?.metadata.date ? ` · ${document.metadata.date.slice(0, 4)}` : ''}
        {passage.pageLabel !== null ? ` · p. ${passage.pageLabel}` : ''}
      </span>
    </button>
  );
}
