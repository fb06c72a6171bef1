// Above the table: the filter box (narrows as you type), filters by kind, format, years, annotations
// and coding, how many rows show, and the choice of columns.
import { useState, type ReactNode } from 'react';
import { COLUMN_LABELS, DOCUMENT_COLUMNS, isFilteringDocuments, NO_DOCUMENT_FILTER, toggleColumn, type DocumentFilter, type TableLayout } from '../../../shared/document-table';
import { DOCUMENT_FORMATS, DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentFormat, type DocumentKind } from '../../../shared/model';

interface Props {
  filter: DocumentFilter;
  onFilter(filter: DocumentFilter): void;
  shown: number;
  total: number;
  layout: TableLayout;
  onLayout(layout: TableLayout): void;
  /** More buttons, before the choice of columns (the document variables). */
  children?: ReactNode;
}

function yearValue(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 9999 ? n : null;
}

export function TableFilters({ filter, onFilter, shown, total, layout, onLayout, children }: Props) {
  const [columnsOpen, setColumnsOpen] = useState(false);
  // The year boxes keep what is typed (an unfinished "20" is not a year yet).
  const [years, setYears] = useState({ from: filter.yearFrom?.toString() ?? '', to: filter.yearTo?.toString() ?? '' });
  const set = (patch: Partial<DocumentFilter>) => onFilter({ ...filter, ...patch });
  return (
    <div className="table-filters" role="search" aria-label="Filter documents">
      <input
        type="search"
        className="table-filter-text"
        aria-label="Filter by title, author, publication or tag"
        placeholder="Filter by title, author, publication, #tag"
        value={filter.text}
        onChange={(e) => set({ text: e.target.value })}
      />
      <select aria-label="Kind" value={filter.kinds[0] ?? ''} onChange={(e) => set({ kinds: e.target.value ? [e.target.value as DocumentKind] : [] })}>
        <option value="">Any kind</option>
        {DOCUMENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {DOCUMENT_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <select aria-label="Format" value={filter.formats[0] ?? ''} onChange={(e) => set({ formats: e.target.value ? [e.target.value as DocumentFormat] : [] })}>
        <option value="">Any format</option>
        {DOCUMENT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {f.toUpperCase()}
          </option>
        ))}
      </select>
      <label className="year-range">
        Years
        <input type="number" inputMode="numeric" aria-label="From year" placeholder="from" min={0} max={9999} value={years.from} onChange={(e) => (setYears({ ...years, from: e.target.value }), set({ yearFrom: yearValue(e.target.value) }))} />
        –
        <input type="number" inputMode="numeric" aria-label="To year" placeholder="to" min={0} max={9999} value={years.to} onChange={(e) => (setYears({ ...years, to: e.target.value }), set({ yearTo: yearValue(e.target.value) }))} />
      </label>
      <label>
        <input type="checkbox" checked={filter.hasAnnotations} onChange={(e) => set({ hasAnnotations: e.target.checked })} />
        Has annotations
      </label>
      <label>
        <input type="checkbox" checked={filter.notCoded} onChange={(e) => set({ notCoded: e.target.checked })} />
        Not yet coded
      </label>
      {isFilteringDocuments(filter) && (
        <button type="button" className="small" onClick={() => (setYears({ from: '', to: '' }), onFilter(NO_DOCUMENT_FILTER))}>
          Clear filters
        </button>
      )}
      <span className="table-count" aria-live="polite">
        {shown === total ? (total === 1 ? '1 document' : `${total} documents`) : `${shown} of ${total} documents`}
      </span>
      {children}
      <div className="columns-menu">
        <button type="button" className="small" aria-expanded={columnsOpen} onClick={() => setColumnsOpen(!columnsOpen)}>
          Columns
        </button>
        {columnsOpen && (
          <fieldset className="columns-choice" onKeyDown={(e) => e.key === 'Escape' && setColumnsOpen(false)}>
            <legend>Columns shown</legend>
            {DOCUMENT_COLUMNS.map((c) => (
              <label key={c}>
                <input type="checkbox" checked={layout.columns.includes(c)} disabled={c === 'title'} onChange={() => onLayout(toggleColumn(layout, c))} />
                {COLUMN_LABELS[c]}
              </label>
            ))}
          </fieldset>
        )}
      </div>
    </div>
  );
}
