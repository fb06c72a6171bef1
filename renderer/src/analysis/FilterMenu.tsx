// One menu of the analysis filter: a disclosure whose options float over the chart. Like any popover it
// closes when the focus leaves it (a click elsewhere, Ctrl+K to the search box, Tab past it) and on
// Escape, which gives the focus back to its summary; otherwise it would stay open over the chart.
import type { FocusEvent, KeyboardEvent, ReactNode } from 'react';

interface Props {
  /** What it filters by ("Sources", "Country"), then what it keeps ("all", "France"). */
  name: string;
  shown: string;
  /** Names the options as a group (for a screen reader), where the summary alone does not. */
  optionsLabel?: string;
  onToggle?(open: boolean): void;
  children: ReactNode;
}

export function FilterMenu({ name, shown, optionsLabel, onToggle, children }: Props) {
  const leave = (event: FocusEvent<HTMLDetailsElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) event.currentTarget.open = false;
  };
  const escape = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key !== 'Escape' || !event.currentTarget.open) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.open = false;
    event.currentTarget.querySelector('summary')?.focus();
  };
  return (
    <details className="filter-menu" onToggle={(event) => onToggle?.(event.currentTarget.open)} onBlur={leave} onKeyDown={escape}>
      <summary>
        {name} <span className="count">{shown}</span>
      </summary>
      {/* Focusable (not in the Tab order) so that a click on an option's words keeps the focus inside. */}
      <div className="filter-options" tabIndex={-1} role={optionsLabel ? 'group' : undefined} aria-label={optionsLabel}>
        {children}
      </div>
    </details>
  );
}
