// Places the selection popover (popover-placement.ts) once it is drawn and its height is known, and
// keeps it beside its selection while the view under it scrolls or the window is resized.
import { useLayoutEffect, useState, type RefObject } from 'react';
import { placePopover, type PopoverPlacement } from './popover-placement';

/** `selection` is where the selection was on screen when `scroller` was at `scrolledTo`. */
export function usePopoverPlacement(
  popover: RefObject<HTMLElement | null>,
  selection: DOMRect,
  scroller: HTMLElement,
  scrolledTo: { top: number; left: number },
): PopoverPlacement | null {
  const [placement, setPlacement] = useState<PopoverPlacement | null>(null);
  // Every render: the content (and so the height) changes as the annotation is edited.
  useLayoutEffect(() => {
    const place = () => {
      const element = popover.current;
      if (!element) return;
      const dy = scroller.scrollTop - scrolledTo.top;
      const dx = scroller.scrollLeft - scrolledTo.left;
      const box = { top: selection.top - dy, bottom: selection.bottom - dy, left: selection.left - dx, width: selection.width };
      const border = element.offsetHeight - element.clientHeight;
      const next = placePopover(box, { top: 0, bottom: window.innerHeight, left: 0, width: window.innerWidth }, element.scrollHeight + border);
      setPlacement((current) =>
        current && current.top === next.top && current.left === next.left && current.maxHeight === next.maxHeight ? current : next,
      );
    };
    place();
    scroller.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      scroller.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  });
  return placement;
}
