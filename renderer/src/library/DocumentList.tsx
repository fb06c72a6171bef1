// The library's documents, one row each, drawn only around what is on screen (TanStack Virtual), so a
// library of thousands scrolls as smoothly as one of ten. Rows are measured as drawn (a title takes one
// or two lines). Arrow keys, Home and End move between documents, scrolling rows into being as needed;
// the open document is scrolled into view when it changes.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { DOCUMENT_KIND_LABELS, type DocumentListing } from '../../../shared/model';
import { warmUpPdfJs } from '../pdf/pdfjs';
import { byline } from './format';

/** A row's height before it is measured: a one-line title and a byline. */
const ESTIMATED_ROW = 52;

interface Props {
  documents: readonly DocumentListing[];
  openId: string | null;
  onOpen(id: string): void;
}

export function DocumentList({ documents, openId, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler (which this warning is about) does not build this app; the list re-renders as usual.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: documents.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    getItemKey: (index) => documents[index]!.id,
    overscan: 8,
  });
  /** The row to focus once it is drawn (after a key scrolled to it). */
  const focusWanted = useRef<number | null>(null);

  // The list reports when it is first drawn (for bench:start).
  useEffect(() => void performance.mark('apostil:library-listed'), []);

  const openIndex = openId === null ? -1 : documents.findIndex((d) => d.id === openId);
  useEffect(() => {
    if (openIndex !== -1) virtualizer.scrollToIndex(openIndex, { align: 'auto' });
  }, [openIndex, virtualizer]);

  const moveFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    const from = Number((event.target as HTMLElement).closest('li')?.dataset.index ?? -1);
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ESTIMATED_ROW));
    const to = (
      {
        ArrowDown: from + 1,
        ArrowUp: from - 1,
        PageDown: from + pageRows,
        PageUp: from - pageRows,
        Home: 0,
        End: documents.length - 1,
      } as Record<string, number>
    )[event.key];
    if (to === undefined || from === -1 || documents.length === 0) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(documents.length - 1, to));
    focusWanted.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    scroller.current?.querySelector<HTMLButtonElement>(`li[data-index="${index}"] button`)?.focus();
  };
  const focusIfWanted = useCallback((button: HTMLButtonElement | null) => {
    if (button && Number(button.dataset.index) === focusWanted.current) {
      focusWanted.current = null;
      button.focus();
    }
  }, []);

  return (
    <div className="document-list" ref={scroller} onKeyDown={moveFocus}>
      <ul className="document-list-rows" aria-label={documents.length === 1 ? '1 document' : `${documents.length} documents`} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const document = documents[row.index]!;
          const open = document.id === openId;
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              aria-setsize={documents.length}
              aria-posinset={row.index + 1}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <button
                ref={focusIfWanted}
                type="button"
                data-index={row.index}
                className={open ? 'document-item active' : 'document-item'}
                aria-current={open ? 'page' : undefined}
                onClick={() => onOpen(document.id)}
                // Pointing at a PDF (or reaching it with the keyboard) loads pdf.js and starts its
                // worker, if the idle moment after the list was shown has not come yet.
                onPointerEnter={document.format === 'pdf' ? warmUpPdfJs : undefined}
                onFocus={document.format === 'pdf' ? warmUpPdfJs : undefined}
              >
                <span className="document-title">{document.metadata.title}</span>
                <span className="document-byline">{byline(document) || DOCUMENT_KIND_LABELS[document.metadata.kind]}</span>
                <span className={`format-badge format-${document.format}`}>{document.format.toUpperCase()}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
