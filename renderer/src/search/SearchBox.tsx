// One search box over the library: results as you type (your annotations, then passages of the sources),
// facets beside them, field values completed from the codebook and the library, a syntax popover, and
// "Save search…". Enter or a click opens the document at the passage. Ctrl/Cmd+K or "/" focuses it.
import { Suspense, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { CompletionResult } from '../../../shared/search/complete';
import type { MemoHit, SearchHit, SearchResults } from '../../../shared/search/types';
import { useMemos } from '../memos/memos-context';
import { call, errorMessage } from '../api/client';
import { useNotices } from '../ui/notices';
import { QueryHelp } from './QueryHelp';
import { applyCompletion, toggleClause } from './query-edit';
import { SAVED_SEARCHES_CHANGED } from './SavedSearches';
import { useSearch } from './search-context';
import { lazyNamed } from '../ui/lazy';
import { useIndexProgress } from './useIndexProgress';
import { scopeExists, WHOLE_LIBRARY, type LibraryScope } from '../../../shared/collections/scope-functions';
import { documentTagNames, ScopeSelect } from '../organise/ScopeSelect';
import { useOrganisation } from '../organise/useOrganisation';
import './search.css';

/** Loaded with the first results: the first screen does not need it. */
const SearchResultsPanel = lazyNamed(() => import('./SearchResultsPanel'), 'SearchResultsPanel');

interface Props {
  onOpen(hit: SearchHit): void;
}

const QUERY_DELAY_MS = 100;
const COMPLETE_DELAY_MS = 60;

export function SearchBox({ onOpen }: Props) {
  const { query, setQuery, open, setOpen, input } = useSearch();
  const { notify } = useNotices();
  const memos = useMemos();
  const progress = useIndexProgress();
  const [results, setResults] = useState<SearchResults | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const [caret, setCaret] = useState(0);
  const [completion, setCompletion] = useState<CompletionResult | null>(null);
  const [choice, setChoice] = useState(0);
  const [help, setHelp] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const organisation = useOrganisation();
  const [chosenScope, setScope] = useState<LibraryScope>(WHOLE_LIBRARY);
  // "This collection only"; a collection deleted meanwhile means the whole library again.
  const scope = organisation.status === 'ready' && scopeExists(chosenScope, organisation.value) ? chosenScope : WHOLE_LIBRARY;
  const scoped = scope.kind === 'library' ? {} : { scope };
  const scopeKey = JSON.stringify(scope);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') || (event.key === '/' && !inField)) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
        setOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [input, setOpen]);

  // Results as you type. The last word counts as a prefix until a space follows it.
  const indexReady = progress === null;
  useEffect(() => {
    if (!query.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      call('search.query', { query, limit: 20, typing: !/\s$/.test(query), ...scoped }).then(
        (value) => {
          if (!current) return;
          setResults(value);
          setFailure(null);
          setCursor(0);
        },
        (e: unknown) => current && setFailure(errorMessage(e)),
      );
    }, QUERY_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // A finished index re-runs the query, so results are complete.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `scoped` is named by scopeKey
  }, [query, indexReady, scopeKey]);

  // Field names and values complete at the cursor.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call('search.complete', { query, cursor: caret }).then(
        (value) => {
          if (!current) return;
          setCompletion(value.items.length ? value : null);
          setChoice(0);
        },
        () => current && setCompletion(null),
      );
    }, COMPLETE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, caret]);

  // In the order shown: annotations, passages, then memos (which open in the Memos view).
  const hits: (SearchHit | MemoHit)[] = results && !results.error ? [...results.annotations, ...results.passages, ...results.memos] : [];
  const choose = (hit: SearchHit | MemoHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    input.current?.blur();
    if ('memoId' in hit) memos.show({ memoId: hit.memoId });
    else onOpen(hit);
  };
  const accept = (index: number) => {
    const item = completion?.items[index];
    if (!completion || !item) return;
    const next = applyCompletion(query, completion.from, completion.to, item.insert);
    setQuery(next.query);
    setCaret(next.cursor);
    setCompletion(null);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.cursor, next.cursor));
  };
  const toggle = (clause: string) => {
    const next = toggleClause(query, clause);
    setQuery(next.endsWith(' ') || !next ? next : next + ' ');
    input.current?.focus();
  };
  const save = async () => {
    if (saving === null) return;
    try {
      await call('search.saved.save', { name: saving, query });
      window.dispatchEvent(new Event(SAVED_SEARCHES_CHANGED));
      notify('info', `Search saved as “${saving.trim()}”.`);
      setSaving(null);
      input.current?.focus();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (completion && ['ArrowDown', 'ArrowUp', 'Tab', 'Enter', 'Escape'].includes(event.key)) {
      if (event.key === 'ArrowDown') setChoice((c) => Math.min(c + 1, completion.items.length - 1));
      else if (event.key === 'ArrowUp') setChoice((c) => Math.max(c - 1, 0));
      else if (event.key === 'Escape') setCompletion(null);
      else accept(choice);
      event.preventDefault();
      return;
    }
    if (event.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, hits.length - 1));
    else if (event.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
    else if (event.key === 'Enter') {
      // Enter before the results of what was typed arrived opens the best hit of that, not of older text.
      if (results?.query === query) choose(hits[cursor]);
      else if (query.trim()) {
        void call('search.query', { query, limit: 1, typing: !/\s$/.test(query), ...scoped }).then(
          (value) => choose(value.annotations[0] ?? value.passages[0] ?? value.memos[0]),
          (e: unknown) => setFailure(errorMessage(e)),
        );
      }
    } else if (event.key === 'Escape') setOpen(false);
    else return;
    event.preventDefault();
  };
  const onBlur = (event: FocusEvent) => {
    if (box.current?.contains(event.relatedTarget as Node | null)) return;
    setOpen(false);
    setCompletion(null);
  };
  const error = results?.error ?? null;
  const dropdown = open && query.trim() !== '' && (results !== null || failure !== null);
  // Over the results, the values to complete would hide their count: they go at the top of the panel.
  const completions = open && completion && (
    <div className={dropdown ? 'completions in-panel' : 'completions'} id="search-completions" role="listbox" aria-label="Completions">
      {completion.items.map((item, i) => (
        <button
          key={item.insert}
          type="button"
          role="option"
          aria-selected={i === choice}
          className={i === choice ? 'completion active' : 'completion'}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => accept(i)}
        >
          {item.label} <span className="hint">{item.detail}</span>
        </button>
      ))}
    </div>
  );

  return (
    <div className="search" role="search" ref={box} onBlur={onBlur}>
      <div className="search-field">
        <input
          ref={input}
          type="search"
          aria-label="Search annotations and sources"
          aria-autocomplete="list"
          aria-controls={completions ? 'search-completions' : undefined}
          aria-activedescendant={open && hits.length ? `search-hit-${cursor}` : undefined}
          placeholder="Search everything  (Ctrl+K)"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setCaret(event.target.selectionStart ?? event.target.value.length);
            setOpen(true);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="icon search-help-button"
          aria-label="Search syntax"
          aria-expanded={help}
          onClick={() => setHelp((h) => !h)}
        >
          ?
        </button>
        {organisation.status === 'ready' && (organisation.value.collections.length > 0 || documentTagNames(organisation.value).length > 0) && (
          <ScopeSelect className="search-scope" label="Search in" scope={scope} organisation={organisation.value} onChange={setScope} />
        )}
        {help && <QueryHelp onClose={() => setHelp(false)} />}
        {!dropdown && completions}
      </div>
      {dropdown && (
        <div className="search-dropdown">
          {completions}
          {progress && (
            <div className="index-progress" role="status">
              {progress.label}: {progress.done.toLocaleString()} of {progress.total.toLocaleString()} — results may be incomplete.
              <progress max={progress.total} value={progress.done} />
            </div>
          )}
          {failure && <p className="form-error">{failure}</p>}
          {error && (
            <p className="form-error query-error" role="alert">
              {error.message}
            </p>
          )}
          {saving !== null && (
            <form
              className="save-search"
              onSubmit={(event) => {
                event.preventDefault();
                void save();
              }}
            >
              <input aria-label="Name of the saved search" autoFocus value={saving} onChange={(e) => setSaving(e.target.value)} placeholder="Name" />
              <button type="submit" className="primary" disabled={!saving.trim()}>
                Save
              </button>
              <button type="button" onClick={() => setSaving(null)}>
                Cancel
              </button>
            </form>
          )}
          {results && !error && (
            <Suspense fallback={null}>
            <SearchResultsPanel
              results={results}
              query={query}
              cursor={cursor}
              onChoose={choose}
              onToggleClause={toggle}
              onSave={() => setSaving(query.trim().slice(0, 60))}
            />
            </Suspense>
          )}
        </div>
      )}
    </div>
  );
}
