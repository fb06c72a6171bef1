// The library as a table: the columns the user chose, in their order and widths, sorted by a click on
// a header. Only the rows in view are in the page (TanStack Virtual), so 5,000 rows scroll and sort
// without a pause. One focus for the keyboard: arrows, Home/End, Page Up/Down, Shift to extend,
// Ctrl/Cmd+A, Enter opens, Delete trashes, F2 edits the details. Rows drag onto collections and tags.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react';
import {
  cellText,
  columnWidth,
  COLUMN_LABELS,
  moveColumn,
  nextSort,
  NUMBER_COLUMNS,
  resizeColumn,
  shiftColumn,
  type DocumentColumn,
  type DocumentRow,
  type TableLayout,
} from '../../../shared/document-table';
import { clickRow, moveFocus, selectAll, selectedInOrder, type TableSelection } from './selection';
import { DOCUMENTS_DRAG_TYPE } from './drag';

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
const COLUMN_DRAG_TYPE = 'application/x-apostil-column';

interface Props {
  rows: readonly DocumentRow[];
  layout: TableLayout;
  onLayout(layout: TableLayout): void;
  selection: TableSelection;
  onSelection(selection: TableSelection): void;
  onOpen(id: string): void;
  onTrash(ids: string[]): void;
  onEdit(id: string): void;
  /** Said when there are no rows (an empty library, collection or filter). */
  empty: string;
}

export function DocumentTable({ rows, layout, onLayout, selection, onSelection, onOpen, onTrash, onEdit, empty }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const order = rows.map((r) => r.document.id);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; rows are drawn on every render
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]!.document.id,
  });
  const width = layout.columns.reduce((sum, c) => sum + columnWidth(layout, c), 0);
  const template = layout.columns.map((c) => `${columnWidth(layout, c)}px`).join(' ');

  // The focused row is kept in view, wherever the keyboard or a click moved it.
  const focusIndex = selection.focus === null ? -1 : order.indexOf(selection.focus);
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);

  const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return; // keys typed in a header's controls are theirs
    const toggle = event.ctrlKey || event.metaKey;
    const move = (by: number) => {
      event.preventDefault();
      onSelection(moveFocus(selection, order, by, event.shiftKey));
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(1);
      case 'ArrowUp':
        return move(-1);
      case 'PageDown':
        return move(pageRows);
      case 'PageUp':
        return move(-pageRows);
      case 'Home':
        return move(-order.length);
      case 'End':
        return move(order.length);
      case 'Enter':
        if (selection.focus) {
          event.preventDefault();
          onOpen(selection.focus);
        }
        return;
      case 'Delete':
      case 'Backspace': {
        const chosen = selectedInOrder(selection, order);
        if (chosen.length) {
          event.preventDefault();
          onTrash(chosen);
        }
        return;
      }
      case 'F2':
        if (selection.focus) {
          event.preventDefault();
          onEdit(selection.focus);
        }
        return;
      default:
        if (toggle && event.key.toLowerCase() === 'a') {
          event.preventDefault();
          onSelection(selectAll(selection, order));
        }
    }
  };

  const onRowDragStart = (event: DragEvent, id: string) => {
    const ids = selection.selected.has(id) ? selectedInOrder(selection, order) : [id];
    if (!selection.selected.has(id)) onSelection(clickRow(selection, order, id, { shift: false, toggle: false }));
    event.dataTransfer.setData(DOCUMENTS_DRAG_TYPE, JSON.stringify(ids));
    event.dataTransfer.setData('text/plain', ids.length === 1 ? rows[order.indexOf(id)]!.document.metadata.title : `${ids.length} documents`);
    event.dataTransfer.effectAllowed = 'copyLink';
  };

  const activeId = selection.focus && focusIndex >= 0 ? rowDomId(selection.focus) : undefined;
  return (
    <div
      ref={scroller}
      className="document-table"
      role="grid"
      aria-label="Documents"
      aria-multiselectable="true"
      aria-rowcount={rows.length + 1}
      aria-colcount={layout.columns.length}
      aria-activedescendant={activeId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        // Tabbing in shows where the arrows start; a click chooses its own row.
        const fromKeyboard = event.target === event.currentTarget && event.currentTarget.matches(':focus-visible');
        if (fromKeyboard && selection.focus === null && order.length) onSelection({ ...selection, focus: order[0]!, anchor: order[0]! });
      }}
    >
      <div className="dt-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width, height: HEADER_HEIGHT }}>
        {layout.columns.map((column) => (
          <HeaderCell key={column} column={column} layout={layout} onLayout={onLayout} />
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="dt-empty">{empty}</p>
      ) : (
        <div className="dt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), width }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const id = row.document.id;
            const selected = selection.selected.has(id);
            const classes = ['dt-row', selected ? 'selected' : '', selection.focus === id ? 'focused' : ''].filter(Boolean).join(' ');
            return (
              <div
                key={item.key}
                id={rowDomId(id)}
                className={classes}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                draggable
                onDragStart={(event) => onRowDragStart(event, id)}
                onClick={(event) => onSelection(clickRow(selection, order, id, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }))}
                onDoubleClick={() => onOpen(id)}
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
              >
                {layout.columns.map((column) => (
                  <div key={column} role="gridcell" className={cellClass(column)} title={column === 'title' ? row.document.metadata.title : undefined}>
                    {column === 'format' ? <span className={`format-badge format-${row.document.format}`}>{cellText(row, column)}</span> : cellText(row, column)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function rowDomId(id: string): string {
  return `document-row-${id}`;
}

function cellClass(column: DocumentColumn): string {
  return NUMBER_COLUMNS.has(column) || column === 'year' ? 'dt-cell number' : `dt-cell ${column === 'title' ? 'title' : ''}`;
}

/** A header: click to sort, drag to move (or Alt+arrows), drag its right edge to resize (or arrows on the edge). */
function HeaderCell({ column, layout, onLayout }: { column: DocumentColumn; layout: TableLayout; onLayout(layout: TableLayout): void }) {
  const [dropping, setDropping] = useState(false);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const sorted = layout.sort.column === column ? (layout.sort.descending ? 'descending' : 'ascending') : 'none';
  const width = columnWidth(layout, column);

  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (drag.current) onLayout(resizeColumn(layout, column, drag.current.width + event.clientX - drag.current.x));
  };

  return (
    <div
      role="columnheader"
      aria-sort={sorted}
      className={dropping ? 'dt-header dropping' : 'dt-header'}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(COLUMN_DRAG_TYPE)) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        setDropping(false);
        const moved = event.dataTransfer.getData(COLUMN_DRAG_TYPE) as DocumentColumn;
        if (moved) onLayout(moveColumn(layout, moved, column));
      }}
    >
      <button
        type="button"
        className={NUMBER_COLUMNS.has(column) || column === 'year' ? 'dt-sort number' : 'dt-sort'}
        draggable
        onDragStart={(event) => {
          event.dataTransfer.setData(COLUMN_DRAG_TYPE, column);
          event.dataTransfer.effectAllowed = 'move';
        }}
        onClick={() => onLayout({ ...layout, sort: nextSort(layout.sort, column, NUMBER_COLUMNS) })}
        onKeyDown={(event) => {
          if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
            event.preventDefault();
            onLayout(shiftColumn(layout, column, event.key === 'ArrowLeft' ? -1 : 1));
          }
        }}
        title="Click to sort; drag (or Alt+←/→) to move"
      >
        {COLUMN_LABELS[column]}
        {sorted !== 'none' && <span aria-hidden="true">{sorted === 'ascending' ? ' ▲' : ' ▼'}</span>}
      </button>
      <span
        className="dt-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Width of ${COLUMN_LABELS[column]}`}
        aria-valuenow={width}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
            event.preventDefault();
            onLayout(resizeColumn(layout, column, width + (event.key === 'ArrowLeft' ? -16 : 16)));
          }
        }}
      />
    </div>
  );
}
