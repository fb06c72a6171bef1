// The page view's toolbar: side panel, page number (type one to go there), zoom out/in, fit width,
// fit page, and the region tool.
import { useState } from 'react';

export type ZoomMode = 'width' | 'page' | 'custom';

interface Props {
  page: number;
  pageCount: number;
  /** The current page's printed label, shown when it is not the file's page number. */
  printedLabel?: string;
  onGo(page: number): void;
  zoom: number;
  zoomMode: ZoomMode;
  onZoom(direction: 1 | -1): void;
  onFit(mode: 'width' | 'page'): void;
  sidePanel: boolean;
  onSidePanel(): void;
  regionTool: boolean;
  onRegionTool(): void;
}

export function PdfToolbar(props: Props) {
  const { page, pageCount } = props;
  // What the user is typing, for the page it was typed on; otherwise the field shows the current page.
  const [typing, setTyping] = useState<{ page: number; value: string } | null>(null);
  const typed = typing && typing.page === page ? typing.value : String(page + 1);
  const go = () => {
    const wanted = Number.parseInt(typed, 10);
    if (Number.isInteger(wanted) && wanted >= 1 && wanted <= pageCount) props.onGo(wanted - 1);
    setTyping(null);
  };
  return (
    <div className="pdf-toolbar" role="toolbar" aria-label="Page view">
      <button type="button" aria-pressed={props.sidePanel} onClick={props.onSidePanel} title="Pages and outline">
        ☰ Pages
      </button>
      <span className="pdf-toolbar-group">
        <button type="button" aria-label="Previous page" disabled={page === 0} onClick={() => props.onGo(page - 1)}>
          ↑
        </button>
        <input
          className="pdf-page-input"
          aria-label="Page number"
          inputMode="numeric"
          value={typed}
          onChange={(event) => setTyping({ page, value: event.target.value })}
          onKeyDown={(event) => event.key === 'Enter' && go()}
          // Leaving the box goes to a page only if one was typed and not yet gone to: going again to the
          // current page would scroll the view back to that page's top under the pointer.
          onBlur={() => typing !== null && go()}
        />
        <span className="pdf-page-count">of {pageCount}</span>
        {props.printedLabel !== undefined && props.printedLabel !== String(page + 1) && (
          <span className="pdf-page-label" title="The number printed on this page, used in citations">
            printed p. {props.printedLabel}
          </span>
        )}
        <button type="button" aria-label="Next page" disabled={page >= pageCount - 1} onClick={() => props.onGo(page + 1)}>
          ↓
        </button>
      </span>
      <span className="pdf-toolbar-group">
        <button type="button" aria-label="Zoom out" onClick={() => props.onZoom(-1)}>
          −
        </button>
        <span className="pdf-zoom" aria-label="Zoom">
          {Math.round(props.zoom * 100)} %
        </span>
        <button type="button" aria-label="Zoom in" onClick={() => props.onZoom(1)}>
          +
        </button>
        <button type="button" aria-pressed={props.zoomMode === 'width'} onClick={() => props.onFit('width')}>
          Fit width
        </button>
        <button type="button" aria-pressed={props.zoomMode === 'page'} onClick={() => props.onFit('page')}>
          Fit page
        </button>
      </span>
      <button
        type="button"
        aria-pressed={props.regionTool}
        onClick={props.onRegionTool}
        title="Drag a rectangle on a page to annotate a figure, a table or a scanned page"
      >
        ▭ Mark region
      </button>
    </div>
  );
}
