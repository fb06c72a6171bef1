// The results of a search: facets with counts on the left, "Your annotations", "In sources" and "Memos"
// on the right. A facet adds its clause to the query (or removes it); a hit opens its document at the
// passage, a memo opens in the Memos view.
import { formatTotal, SEARCH_TOTAL_LIMIT, type Facet, type MemoHit, type SearchHit, type SearchResults } from '../../../shared/search/types';
import { hasClause } from './query-edit';

interface Props {
  results: SearchResults;
  query: string;
  cursor: number;
  onChoose(hit: SearchHit | MemoHit): void;
  onToggleClause(clause: string): void;
  onSave(): void;
}

export function SearchResultsPanel({ results, query, cursor, onChoose, onToggleClause, onSave }: Props) {
  const { annotations, passages, memos, total, totalCapped } = results;
  const nothing = annotations.length === 0 && passages.length === 0 && memos.length === 0;
  return (
    <div className="search-panel" role="region" aria-label="Search results panel">
      <aside className="facets" aria-label="Filters">
        {results.facets.map((facet) => (
          <FacetGroup key={facet.field} facet={facet} query={query} onToggle={onToggleClause} />
        ))}
        {results.facets.length === 0 && <p className="hint">Filters appear here when something is found.</p>}
      </aside>
      <div className="search-results">
        <div className="search-summary">
          <span>
            {formatTotal(total.annotations, totalCapped.annotations)} {total.annotations === 1 && !totalCapped.annotations ? 'annotation' : 'annotations'} ·{' '}
            {formatTotal(total.passages, totalCapped.passages)} {total.passages === 1 && !totalCapped.passages ? 'passage' : 'passages'}
            {total.memos > 0 && ` · ${total.memos.toLocaleString()} ${total.memos === 1 ? 'memo' : 'memos'}`}{' '}
            <span className="hint">({results.tookMs} ms)</span>
          </span>
          <button type="button" className="link-button" onMouseDown={(e) => e.preventDefault()} onClick={onSave}>
            Save search…
          </button>
        </div>
        {nothing && <p className="empty-hint">Nothing found for “{results.query}”.</p>}
        {/* Options sit straight in their labelled groups: a list or heading between them and the
            listbox is not allowed, so the section titles label the groups instead. */}
        <div role="listbox" aria-label="Search results">
          {annotations.length > 0 && (
            <Group id="annotations" title="Your annotations" total={formatTotal(total.annotations, totalCapped.annotations)} hits={annotations} offset={0} cursor={cursor} onChoose={onChoose} />
          )}
          {passages.length > 0 && (
            <Group
              id="passages"
              title="In sources"
              total={formatTotal(total.passages, totalCapped.passages)}
              hits={passages}
              offset={annotations.length}
              cursor={cursor}
              onChoose={onChoose}
            />
          )}
          {memos.length > 0 && <MemoGroup total={total.memos} hits={memos} offset={annotations.length + passages.length} cursor={cursor} onChoose={onChoose} />}
        </div>
      </div>
    </div>
  );
}

function MemoGroup({ total, hits, offset, cursor, onChoose }: { total: number; hits: MemoHit[]; offset: number; cursor: number; onChoose(hit: MemoHit): void }) {
  return (
    <section role="group" aria-labelledby="search-group-memos">
      <div className="group-title" id="search-group-memos">
        Memos <span className="count">{total.toLocaleString()}</span>
      </div>
      {hits.map((hit, i) => (
        <button
          key={hit.memoId}
          type="button"
          role="option"
          id={`search-hit-${offset + i}`}
          aria-selected={offset + i === cursor}
          className={offset + i === cursor ? 'hit active' : 'hit'}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(hit)}
        >
          <span className="hit-title">
            <Marked text={hit.title} marks={hit.titleMarks} />
            <span className="hint"> · {hit.about}</span>
          </span>
          {hit.snippet && (
            <span className="hit-snippet">
              <Marked text={hit.snippet} marks={hit.marks} />
            </span>
          )}
        </button>
      ))}
    </section>
  );
}

function FacetGroup({ facet, query, onToggle }: { facet: Facet; query: string; onToggle(clause: string): void }) {
  return (
    <section className="facet" aria-label={`Filter by ${facet.label.toLowerCase()}`}>
      <h4>{facet.label}</h4>
      <ul>
        {facet.values.map((value) => {
          const active = hasClause(query, value.clause);
          return (
            <li key={value.clause}>
              <button
                type="button"
                className={active ? 'facet-value active' : 'facet-value'}
                aria-pressed={active}
                title={active ? `Remove ${value.clause}` : `Add ${value.clause}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onToggle(value.clause)}
              >
                <span className="facet-label">{value.label}</span>
                <span className="count" title={facet.partial ? `At least ${value.count.toLocaleString()}: the first ${SEARCH_TOTAL_LIMIT.toLocaleString()} matches were counted` : undefined}>
                  {formatTotal(value.count, facet.partial)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {facet.distinct > facet.values.length && <p className="hint">and {facet.distinct - facet.values.length} more</p>}
    </section>
  );
}

interface GroupProps {
  id: string;
  title: string;
  /** As shown: "1,234" or "10,000+". */
  total: string;
  hits: SearchHit[];
  offset: number;
  cursor: number;
  onChoose(hit: SearchHit): void;
}

function Group({ id, title, total, hits, offset, cursor, onChoose }: GroupProps) {
  const labelId = `search-group-${id}`;
  return (
    <section role="group" aria-labelledby={labelId}>
      <div className="group-title" id={labelId}>
        {title} <span className="count">{total}</span>
      </div>
      {hits.map((hit, i) => (
        <button
          key={`${hit.kind}-${hit.annotationId ?? hit.documentId}-${hit.start}`}
          type="button"
          role="option"
          id={`search-hit-${offset + i}`}
          aria-selected={offset + i === cursor}
          className={offset + i === cursor ? 'hit active' : 'hit'}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(hit)}
        >
          <span className="hit-title">
            {hit.color && <span className={`hit-swatch swatch-${hit.color}`} aria-hidden="true" />}
            {hit.documentTitle}
            <span className="hint"> · {where(hit)}</span>
          </span>
          <span className="hit-snippet">
            <Marked text={hit.snippet} marks={hit.marks} />
          </span>
          {hit.note && (
            <span className="hit-note">
              <Marked text={hit.note.text} marks={hit.note.marks} />
            </span>
          )}
          {hit.labels.length > 0 && <span className="hit-labels">{hit.labels.join(' · ')}</span>}
        </button>
      ))}
    </section>
  );
}

function where(hit: SearchHit): string {
  if (hit.page !== null) return `p. ${hit.pageLabel ?? hit.page}`;
  if (hit.paragraph !== null) return `¶ ${hit.paragraph}`;
  return 'note';
}

function Marked({ text, marks }: { text: string; marks: [number, number][] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at) continue;
    parts.push(text.slice(at, start), <mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
