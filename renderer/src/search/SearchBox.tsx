// One search box over the library: results as you type, your annotations first, then passages of the
// sources. Enter or a click opens the document at the passage. Ctrl/Cmd+K or "/" focuses it.
import { useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchResults } from '../../../shared/search/types';
import { call, errorMessage } from '../api/client';

interface Props {
  onOpen(hit: SearchHit): void;
}

const DELAY_MS = 120;

export function SearchBox({ onOpen }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [cursor, setCursor] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') || (event.key === '/' && !inField)) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!query.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      call('search.query', { query, limit: 20 }).then(
        (value) => {
          if (!current) return;
          setResults(value);
          setError(null);
          setCursor(0);
        },
        (e: unknown) => current && setError(errorMessage(e)),
      );
    }, DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const hits = results && query.trim() ? [...results.annotations, ...results.passages] : [];
  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    input.current?.blur();
    onOpen(hit);
  };

  return (
    <div className="search" role="search">
      <input
        ref={input}
        type="search"
        aria-label="Search annotations and sources"
        placeholder="Search annotations and sources  (Ctrl+K)"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, hits.length - 1));
          else if (event.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
          else if (event.key === 'Enter') choose(hits[cursor]);
          else if (event.key === 'Escape') setOpen(false);
          else return;
          event.preventDefault();
        }}
      />
      {open && query.trim() && (results || error) && (
        <div className="search-results" role="listbox" aria-label="Search results">
          {error && <p className="form-error">{error}</p>}
          {results && hits.length === 0 && <p className="empty-hint">Nothing found for “{results.query}”.</p>}
          {results && results.annotations.length > 0 && (
            <Group title="Your annotations" total={results.total.annotations} hits={results.annotations} offset={0} cursor={cursor} onChoose={choose} />
          )}
          {results && results.passages.length > 0 && (
            <Group
              title="In sources"
              total={results.total.passages}
              hits={results.passages}
              offset={results.annotations.length}
              cursor={cursor}
              onChoose={choose}
            />
          )}
        </div>
      )}
    </div>
  );
}

interface GroupProps {
  title: string;
  total: number;
  hits: SearchHit[];
  offset: number;
  cursor: number;
  onChoose(hit: SearchHit): void;
}

function Group({ title, total, hits, offset, cursor, onChoose }: GroupProps) {
  return (
    <section>
      <h3>
        {title} <span className="count">{total}</span>
      </h3>
      <ul>
        {hits.map((hit, i) => (
          <li key={`${hit.kind}-${hit.annotationId ?? hit.documentId}-${hit.start}`}>
            <button
              type="button"
              role="option"
              aria-selected={offset + i === cursor}
              className={offset + i === cursor ? 'hit active' : 'hit'}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(hit)}
            >
              <span className="hit-title">
                {hit.documentTitle}
                {hit.page !== null && <span className="hint"> · p. {hit.page}</span>}
              </span>
              <span className="hit-snippet">
                <Marked text={hit.snippet} marks={hit.marks} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
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
