// Where the selection popover goes: below the selection, or above it when there is more room there,
// and never taller than that room, so the whole popover is on screen (it scrolls inside instead).

export interface Box {
  top: number;
  bottom: number;
  left: number;
  width: number;
}

export interface PopoverPlacement {
  /** Within the scrolling container's content, in CSS pixels. */
  top: number;
  left: number;
  /** Drawn upwards from `top`. */
  above: boolean;
  maxHeight: number;
}

/** As wide as .selection-popover in layout.css. */
const POPOVER_WIDTH = 370;
/** About the height of a new highlight's popover; below that much room, above is tried. */
const COMFORTABLE_HEIGHT = 420;
const GAP = 8;
const MIN_HEIGHT = 160;

export function placePopover(selection: Box, container: Box, scroll: { top: number; left: number }): PopoverPlacement {
  const roomBelow = container.bottom - selection.bottom - 2 * GAP;
  const roomAbove = selection.top - container.top - 2 * GAP;
  const above = roomBelow < COMFORTABLE_HEIGHT && roomAbove > roomBelow;
  const edge = above ? selection.top - GAP : selection.bottom + GAP;
  const left = Math.max(GAP, Math.min(selection.left - container.left, container.width - POPOVER_WIDTH - 2 * GAP));
  return {
    top: edge - container.top + scroll.top,
    left: left + scroll.left,
    above,
    maxHeight: Math.max(MIN_HEIGHT, above ? roomAbove : roomBelow),
  };
}
