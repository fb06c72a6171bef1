// A DOM selection over the text layers of the page view, as points between characters of text items
// (page, item, character). Each text-layer span carries data-item and sits in a page carrying
// data-page-index; a boundary between spans (a drag that starts in empty space) snaps to the nearest
// span in the direction of the selection.
import type { TextPoint } from '../../../shared/pdf';

const SPAN = 'span[data-item]';

export function rangeToPoints(range: Range, root: HTMLElement): { from: TextPoint; to: TextPoint } | null {
  if (range.collapsed || !root.contains(range.commonAncestorContainer)) return null;
  const from = boundaryPoint(root, range.startContainer, range.startOffset, 'start');
  const to = boundaryPoint(root, range.endContainer, range.endOffset, 'end');
  return from && to ? { from, to } : null;
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
