// Where the selection popover goes, in window coordinates: below the selection when the whole popover
// fits there, else above it, else beside it, else over it; always entirely inside the window, so no
// toolbar or scrolling box can hide part of it, and as tall as its content when the window allows.

export interface Box {
  top: number;
  bottom: number;
  left: number;
  width: number;
}

export interface PopoverPlacement {
  /** In window (CSS) pixels: the popover is position: fixed. */
  top: number;
  left: number;
  maxHeight: number;
}

/** As wide as .selection-popover in layout.css. */
export const POPOVER_WIDTH = 370;
const GAP = 8;

/** `height` is the popover's natural height (its content); `bounds` the window. */
export function placePopover(selection: Box, bounds: Box, height: number): PopoverPlacement {
  const maxHeight = Math.max(0, bounds.bottom - bounds.top - 2 * GAP);
  const h = Math.min(height, maxHeight);
  const right = selection.left + selection.width;
  const boundsRight = bounds.left + bounds.width;
  const clampLeft = (left: number) => Math.max(bounds.left + GAP, Math.min(left, boundsRight - POPOVER_WIDTH - GAP));
  const clampTop = (top: number) => Math.max(bounds.top + GAP, Math.min(top, bounds.bottom - GAP - h));
  if (bounds.bottom - selection.bottom - 2 * GAP >= h) return { top: selection.bottom + GAP, left: clampLeft(selection.left), maxHeight };
  if (selection.top - bounds.top - 2 * GAP >= h) return { top: selection.top - GAP - h, left: clampLeft(selection.left), maxHeight };
  // No room above or below (a tall selection, or a short window): beside it, level with its top.
  const top = clampTop(selection.top);
  if (boundsRight - right - 2 * GAP >= POPOVER_WIDTH) return { top, left: right + GAP, maxHeight };
  if (selection.left - bounds.left - 2 * GAP >= POPOVER_WIDTH) return { top, left: selection.left - GAP - POPOVER_WIDTH, maxHeight };
  // Over the selection (its quote is in the popover).
  return { top: clampTop(selection.bottom + GAP), left: clampLeft(selection.left), maxHeight };
}
