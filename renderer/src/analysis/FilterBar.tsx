// The filter every analysis view shares: sources, tags, coders and a range of publication dates.
import { useState } from 'react';
import { isFiltering, NO_FILTER, type AnalysisFilter } from '../../../shared/analysis';
import { coderLabel } from '../../../shared/coders/coders';
import type { DocumentListing } from '../../../shared/model';
import { FilterMenu } from './FilterMenu';

interface Props {
  filter: AnalysisFilter;
  documents: readonly DocumentListing[];
  tags: string[];
  coders: { coder: string | null; annotations: number }[];
  onChange(filter: AnalysisFilter): void;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function FilterBar({ filter, documents, tags, coders, onChange }: Props) {
  // A library holds thousands of sources: their checkboxes are drawn only while the list is open.
  const [listing, setListing] = useState(false);
  const chosen = new Set(filter.documentIds ?? documents.map((d) => d.id));
  const toggleDocument = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange({ ...filter, documentIds: next.size === documents.length ? null : [...next] });
  };
  const toggleCoder = (coder: string | null) =>
    onChange({ ...filter, coders: filter.coders.includes(coder) ? filter.coders.filter((c) => c !== coder) : [...filter.coders, coder] });
  const toggleTag = (tag: string) =>
    onChange({ ...filter, tags: filter.tags.includes(tag) ? filter.tags.filter((t) => t !== tag) : [...filter.tags, tag] });
  return (
    <div className="filter-bar" role="group" aria-label="Filter">
      <FilterMenu
        name="Sources"
        shown={filter.documentIds ? `${chosen.size} of ${documents.length}` : 'all'}
        onToggle={setListing}
      >
        <div className="filter-actions">
          <button type="button" onClick={() => onChange({ ...filter, documentIds: null })}>
            All
          </button>
          <button type="button" onClick={() => onChange({ ...filter, documentIds: [] })}>
            None
          </button>
        </div>
        {listing && documents.map((d) => (
          <label key={d.id}>
            <input type="checkbox" checked={chosen.has(d.id)} onChange={() => toggleDocument(d.id)} />
            {d.metadata.title}
          </label>
        ))}
      </FilterMenu>
      <FilterMenu
        name="Tags"
        shown={filter.tags.length ? filter.tags.map((t) => `#${t}`).join(' ') : 'any'}
      >
        {tags.length === 0 && <p className="hint">No passage has a tag yet.</p>}
        {tags.map((tag) => (
          <label key={tag}>
            <input type="checkbox" checked={filter.tags.includes(tag)} onChange={() => toggleTag(tag)} />#{tag}
          </label>
        ))}
      </FilterMenu>
      <FilterMenu
        name="Coders"
        shown={filter.coders.length ? filter.coders.map(coderLabel).join(', ') : 'any'}
      >
        {coders.length === 0 && <p className="hint">No passages yet.</p>}
        {coders.map(({ coder, annotations }) => (
          <label key={coder ?? ''}>
            <input type="checkbox" checked={filter.coders.includes(coder)} onChange={() => toggleCoder(coder)} />
            {coderLabel(coder)} <span className="count">{annotations}</span>
          </label>
        ))}
      </FilterMenu>
      <DateField label="Published from" value={filter.from} onChange={(from) => onChange({ ...filter, from })} />
      <DateField label="to" value={filter.to} onChange={(to) => onChange({ ...filter, to })} />
      {isFiltering(filter) && (
        <button type="button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  );
}

function DateField({ label, value, onChange }: { label: string; value: string | null; onChange(value: string | null): void }) {
  const [text, setText] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value ?? '');
  }
  const invalid = text.trim() !== '' && !DATE.test(text.trim());
  return (
    <label className="date-field">
      {label}
      <input
        value={text}
        placeholder="YYYY"
        size={10}
        aria-invalid={invalid}
        title="A year (2018), a month (2018-11) or a day (2018-11-12)"
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (!next.trim()) onChange(null);
          else if (DATE.test(next.trim())) onChange(next.trim());
        }}
      />
    </label>
  );
}
