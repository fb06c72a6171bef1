// The state of the one search box, shared with what drives it from elsewhere (saved searches in the
// sidebar): the query text, whether the results are open, and a way to focus the box.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';

interface SearchState {
  query: string;
  setQuery(query: string): void;
  open: boolean;
  setOpen(open: boolean): void;
  input: RefObject<HTMLInputElement | null>;
  /** Shows a query's results and puts the cursor in the box. */
  run(query: string): void;
}

const SearchContext = createContext<SearchState | null>(null);

export function SearchProvider({ children }: { children: ReactNode }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  const run = useCallback((next: string) => {
    setQuery(next);
    setOpen(true);
    requestAnimationFrame(() => input.current?.focus());
  }, []);
  const value = useMemo(() => ({ query, setQuery, open, setOpen, input, run }), [query, open, run]);
  return <SearchContext.Provider value={value}>{children}</SearchContext.Provider>;
}

export function useSearch(): SearchState {
  const state = useContext(SearchContext);
  if (!state) throw new Error('useSearch needs a SearchProvider.');
  return state;
}
