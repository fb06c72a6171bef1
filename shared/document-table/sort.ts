// Sorting the document table by any column. Keys are computed once per row, so a sort of 5,000 rows
// is a few milliseconds. Empty values go last whichever the direction; ties fall back to the title.
import type { DocumentColumn, DocumentRow, TableSort } from './columns';
import { authorsText, cellText } from './columns';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

type Key = string | number | null;

function sortKey(row: DocumentRow, column: DocumentColumn): Key {
  const { document, stats } = row;
  switch (column) {
    case 'annotations':
      return stats?.annotations ?? null;
    case 'principles':
      return stats?.principles ?? null;
    case 'year':
      // The full date, so 2018-11 comes after 2018-03 within a year.
      return document.metadata.date;
    case 'added':
      return document.importedAt;
    case 'authors':
      return authorsText(document.metadata.authors) || null;
    default:
      return cellText(row, column) || null;
  }
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows<R extends DocumentRow>(rows: readonly R[], sort: TableSort): R[] {
  const keyed = rows.map((row) => ({ row, key: sortKey(row, sort.column), title: row.document.metadata.title }));
  const direction = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else {
      const order = compareKeys(a.key, b.key);
      if (order !== 0) return order * direction;
    }
    return collator.compare(a.title, b.title) || (a.row.document.id < b.row.document.id ? -1 : 1);
  });
  return keyed.map((k) => k.row);
}

/** The sort after clicking a column's header: the same column flips, another starts in its natural order. */
export function nextSort(current: TableSort, column: DocumentColumn, numberColumns: ReadonlySet<DocumentColumn>): TableSort {
  if (current.column === column) return { column, descending: !current.descending };
  // Counts and dates are most useful largest or newest first; text from A.
  return { column, descending: numberColumns.has(column) || column === 'added' };
}
