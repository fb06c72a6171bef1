// Maps a DOM selection inside the reader to offsets in the document text. Every block element carries
// data-start (its offset in the text) and contains exactly its slice of the text, split into spans.

const BLOCK_SELECTOR = '[data-start]';

export interface TextOffsets {
  start: number;
  end: number;
}

/** Offsets of a range within `root`, or null if it is collapsed or outside the document's blocks. */
export function rangeToOffsets(range: Range, root: HTMLElement): TextOffsets | null {
  if (range.collapsed || !root.contains(range.commonAncestorContainer)) return null;
  const start = boundaryOffset(root, range.startContainer, range.startOffset, 'start');
  const end = boundaryOffset(root, range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

function boundaryOffset(root: HTMLElement, node: Node, offset: number, side: 'start' | 'end'): number | null {
  const block = closestBlock(node);
  if (block && root.contains(block)) return Number(block.dataset.start) + charsBefore(block, node, offset);
  // The boundary sits between blocks (e.g. a triple-click selects up to the next block's start):
  // snap to the nearest block in the direction of the selection.
  const blocks = [...root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)];
  const point = document.createRange();
  point.setStart(node, offset);
  if (side === 'start') {
    const next = blocks.find((b) => point.comparePoint(b, 0) >= 0);
    return next ? Number(next.dataset.start) : null;
  }
  const previous = [...blocks].reverse().find((b) => point.comparePoint(b, b.childNodes.length) <= 0);
  return previous ? Number(previous.dataset.start) + (previous.textContent ?? '').length : null;
}

function closestBlock(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element?.closest<HTMLElement>(BLOCK_SELECTOR) ?? null;
}

/** Characters of the block's text before the point (node, offset). */
function charsBefore(block: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(block, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The DOM range showing text offsets [start, end), or null if they are not rendered. */
export function offsetsToRange(root: HTMLElement, start: number, end: number): Range | null {
  const from = pointAt(root, start, 'start');
  const to = pointAt(root, end, 'end');
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

function pointAt(root: HTMLElement, offset: number, side: 'start' | 'end'): { node: Node; offset: number } | null {
  const blocks = [...root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)];
  for (const block of blocks) {
    const blockStart = Number(block.dataset.start);
    const length = (block.textContent ?? '').length;
    const inside = side === 'start' ? offset < blockStart + length : offset <= blockStart + length;
    if (offset < blockStart) {
      // The offset falls in the gap before this block: use the block's edge.
      return side === 'start' ? firstTextPoint(block, 0) : null;
    }
    if (inside) return firstTextPoint(block, offset - blockStart);
  }
  return null;
}

function firstTextPoint(block: HTMLElement, chars: number): { node: Node; offset: number } | null {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let remaining = chars;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining <= node.length) return { node, offset: remaining };
    remaining -= node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : null;
}
