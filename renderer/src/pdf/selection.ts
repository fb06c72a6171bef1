// A DOM selection over the text layers of the page view, as points between characters of text items
// (page, item, character). Each text-layer span carries data-item and sits in a page carrying
// data-page-index; a boundary between spans (a drag that starts in empty space) snaps to the nearest
// span in the direction of the selection.
import type { TextPoint } from '../../../shared/pdf';

const SPAN = 'span[data-item]';

/**
 * `pointer` is where the drag ended (client coordinates): past the end of the line the selection ends
 * on (beyond a full stop at the end of a line), the browser may put the selection's end some letters
 * back into the line; the selection then runs to the end of that line's span, as the reader meant.
 */
export function rangeToPoints(range: Range, root: HTMLElement, pointer?: { x: number; y: number }): { from: TextPoint; to: TextPoint } | null {
  if (range.collapsed || !root.contains(range.commonAncestorContainer)) return null;
  const from = boundaryPoint(root, range.startContainer, range.startOffset, 'start');
  const to = boundaryPoint(root, range.endContainer, range.endOffset, 'end');
  if (!from || !to) return null;
  if (pointer) {
    const last = spanOf(root, to);
    if (last && beyond(last, pointer, 'after')) to.char = (last.textContent ?? '').length;
    const first = spanOf(root, from);
    if (first && beyond(first, pointer, 'before')) from.char = 0;
  }
  return { from, to };
}

function spanOf(root: HTMLElement, point: TextPoint): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-page-index="${point.page}"] span[data-item="${point.item}"]`);
}

/** Whether the pointer is level with an upright span's line and past its end (or before its start). */
function beyond(span: HTMLElement, pointer: { x: number; y: number }, side: 'after' | 'before'): boolean {
  const pageRotation = span.closest<HTMLElement>('.textLayer')?.dataset.mainRotation ?? '0';
  const textRotation = span.style.getPropertyValue('--rotate') || '0deg';
  if (pageRotation !== '0' || textRotation !== '0deg') return false;
  const box = span.getBoundingClientRect();
  const level = pointer.y >= box.top - box.height * 0.5 && pointer.y <= box.bottom + box.height * 0.75;
  return level && (side === 'after' ? pointer.x > box.right : pointer.x < box.left);
}

function pointIn(span: HTMLElement, char: number): TextPoint | null {
  const page = span.closest<HTMLElement>('[data-page-index]');
  if (!page) return null;
  return { page: Number(page.dataset.pageIndex), item: Number(span.dataset.item), char };
}

function boundaryPoint(root: HTMLElement, node: Node, offset: number, side: 'start' | 'end'): TextPoint | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const span = element?.closest<HTMLElement>(SPAN);
  if (span && root.contains(span)) {
    return pointIn(span, node.nodeType === Node.TEXT_NODE ? offset : offset === 0 ? 0 : (span.textContent ?? '').length);
  }
  const spans = [...root.querySelectorAll<HTMLElement>(SPAN)];
  const point = document.createRange();
  point.setStart(node, offset);
  if (side === 'start') {
    const next = spans.find((s) => point.comparePoint(s, 0) >= 0);
    return next ? pointIn(next, 0) : null;
  }
  const previous = spans.findLast((s) => point.comparePoint(s, s.childNodes.length) <= 0);
  return previous ? pointIn(previous, (previous.textContent ?? '').length) : null;
}
