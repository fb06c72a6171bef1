// What a click on a chart selects: the passages behind a mark (fetched a page at a time) with a title
// saying where they come from.
import type { KeyboardEvent } from 'react';
import type { PassageSelector } from '../../../shared/analysis';

export interface Selection {
  /** Identifies the clicked mark, to show it as selected. */
  key: string;
  title: string;
  selector: PassageSelector;
}

/** Props that make an SVG mark behave as a button (click, Enter, Space) with a label. */
export function clickable(label: string, select: () => void) {
  return {
    role: 'button',
    tabIndex: 0,
    'aria-label': label,
    style: { cursor: 'pointer' },
    onClick: select,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    },
  } as const;
}

/** A chart with marks to press is a group of buttons; `img` would hide them (its children are
 *  presentational), so only a chart with nothing to press, as exported, is one image. */
export function chartRole(interactive: boolean): 'group' | 'img' {
  return interactive ? 'group' : 'img';
}
