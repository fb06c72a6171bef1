// Changing the table's layout: showing, hiding, moving and resizing columns. Pure; the result is
// what is saved in the settings (tableLayoutSchema), so every change keeps it valid.
import { DOCUMENT_COLUMNS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type DocumentColumn, type TableLayout } from './columns';

/** Shows a hidden column (at the end) or hides a shown one. The title always stays. */
export function toggleColumn(layout: TableLayout, column: DocumentColumn): TableLayout {
  if (column === 'title') return layout;
  if (layout.columns.includes(column)) {
    const columns = layout.columns.filter((c) => c !== column);
    // Sorting by a hidden column would order the rows by something the user cannot see.
    const sort = layout.sort.column === column ? { column: 'title' as const, descending: false } : layout.sort;
    return { ...layout, columns, sort };
  }
  return { ...layout, columns: [...layout.columns, column] };
}

/** Moves `column` to where `before` is (or to the end for null), as when a header is dropped there. */
export function moveColumn(layout: TableLayout, column: DocumentColumn, before: DocumentColumn | null): TableLayout {
  if (column === before || !layout.columns.includes(column)) return layout;
  const rest = layout.columns.filter((c) => c !== column);
  const at = before === null ? rest.length : rest.indexOf(before);
  if (at < 0) return layout;
  return { ...layout, columns: [...rest.slice(0, at), column, ...rest.slice(at)] };
}

/** Moves a column one place left (-1) or right (+1), for the keyboard. */
export function shiftColumn(layout: TableLayout, column: DocumentColumn, by: -1 | 1): TableLayout {
  const at = layout.columns.indexOf(column);
  const to = at + by;
  if (at < 0 || to < 0 || to >= layout.columns.length) return layout;
  const columns = [...layout.columns];
  [columns[at], columns[to]] = [columns[to]!, columns[at]!];
  return { ...layout, columns };
}

export function resizeColumn(layout: TableLayout, column: DocumentColumn, width: number): TableLayout {
  const clamped = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
  return { ...layout, widths: { ...layout.widths, [column]: clamped } };
}

/** The columns a user can add, in their usual order. */
export function hiddenColumns(layout: TableLayout): DocumentColumn[] {
  return DOCUMENT_COLUMNS.filter((c) => !layout.columns.includes(c));
}
