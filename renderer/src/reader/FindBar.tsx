// Find in document (Ctrl/Cmd+F): the matches of a query in the document's text, counted, shown by the
// open view, and stepped through with Enter / Shift+Enter or the arrows.
import { useEffect, useMemo, useRef, useState } from 'react';
import { findAll, MAX_MATCHES } from './find';
import type { TextRange } from './view-types';

interface Props {
  text: string;
  /** Asked to show the matches (an empty list when the bar closes). */
  onMatches(matches: readonly TextRange[], current: number): void;
  onClose(): void;
  /** Changes when Ctrl/Cmd+F is pressed again, to put the focus back in the field. */
  focusNonce: number;
}

const TYPING_PAUSE_MS = 150;

export function FindBar({ text, onMatches, onClose, focusNonce }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [settled, setSettled] = useState('');
  const [position, setPosition] = useState<{ matches: unknown; current: number }>({ matches: null, current: 0 });
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusNonce]);
  const matches = useMemo(() => findAll(text, settled), [text, settled]);
  // A new list of matches starts at its first one.
  const current = position.matches === matches ? position.current : 0;
  const setCurrent = (next: number) => setPosition({ matches, current: next });

  const show = useRef(onMatches);
  useEffect(() => {
    show.current = onMatches;
  });
  useEffect(() => show.current(matches, matches.length ? current : -1), [matches, current]);
  useEffect(() => () => show.current([], -1), []);

  const step = (by: 1 | -1) => matches.length && setCurrent((current + by + matches.length) % matches.length);
  const count =
    settled.trim() === '' ? '' : matches.length === 0 ? 'No matches' : `${current + 1} of ${matches.length}${matches.length >= MAX_MATCHES ? '+' : ''}`;

  return (
    <div className="find-bar" role="search" aria-label="Find in document">
      <input
        ref={input}
        type="search"
        aria-label="Find in document"
        placeholder="Find in document"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (query !== settled) setSettled(query);
            else step(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {count}
      </span>
      <button type="button" aria-label="Previous match" disabled={matches.length === 0} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" aria-label="Next match" disabled={matches.length === 0} onClick={() => step(1)}>
        ↓
      </button>
      <button type="button" className="icon" aria-label="Close find" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
