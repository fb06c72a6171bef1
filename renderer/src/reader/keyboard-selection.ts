// Selecting text with the keyboard. Chromium extends a selection with Shift+arrows once one exists, but
// in text that is not editable there is no caret to start from (short of caret browsing). So the first
// Shift+arrow in the reader starts the selection at the top of the text in view, and the browser extends
// it from then on. Releasing Shift ends the selection, as lifting the mouse button does.
import type { KeyboardEvent } from 'react';

type Step = readonly ['forward' | 'backward', 'character' | 'line' | 'lineboundary'];

const STEPS: Record<string, Step> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
  End: ['forward', 'lineboundary'],
  Home: ['backward', 'lineboundary'],
};

/** Starts a selection for a Shift+arrow with none in `content`; returns whether it did. */
export function startKeyboardSelection(event: KeyboardEvent<HTMLElement>, content: HTMLElement, scroller: HTMLElement): boolean {
  const step = STEPS[event.key];
  if (!event.shiftKey || !step) return false;
  const selection = window.getSelection();
  if (!selection) return false;
  if (selection.rangeCount > 0 && !selection.isCollapsed && content.contains(selection.anchorNode)) return false;
  const start = firstTextInView(content, scroller.getBoundingClientRect().top);
  if (!start) return false;
  event.preventDefault();
  selection.collapse(start, 0);
  selection.modify('extend', step[0], event.ctrlKey || event.altKey ? 'word' : step[1]);
  return true;
}

/** The first text node of the first block that reaches below `top` (the view's upper edge). */
function firstTextInView(content: HTMLElement, top: number): Text | null {
  for (const block of content.querySelectorAll<HTMLElement>('.block')) {
    if (block.getBoundingClientRect().bottom <= top + 1) continue;
    const text = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.nodeValue?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) }).nextNode();
    if (text) return text as Text;
  }
  return null;
}
