// The selectable text over a page: pdf.js's TextLayer, fed with the same text content the layout
// uses, so span i is item i (data-item="i"). As in pdf.js's own viewer, an "end of content" block
// keeps a drag-selection steady when the pointer crosses empty parts of the page.
import type { PageViewport } from 'pdfjs-dist/types/src/display/page_viewport';
import type { PdfJs } from './pdfjs';
import type { PageTextInfo } from './pdf-pages';

export interface RenderedTextLayer {
  cancel(): void;
}

const layers = new Map<HTMLElement, HTMLElement>();
let listening: AbortController | null = null;

export async function renderTextLayer(
  pdfjs: PdfJs,
  container: HTMLElement,
  info: PageTextInfo,
  viewport: PageViewport,
): Promise<RenderedTextLayer> {
  const layer = new pdfjs.TextLayer({ textContentSource: info.content, container, viewport });
  const cancel = () => {
    layer.cancel();
    layers.delete(container);
    if (layers.size === 0) {
      listening?.abort();
      listening = null;
    }
    container.replaceChildren();
  };
  await layer.render();
  layer.textDivs.forEach((div, i) => (div.dataset.item = String(i)));
  const end = document.createElement('div');
  end.className = 'endOfContent';
  container.append(end);
  container.addEventListener('mousedown', () => container.classList.add('selecting'));
  layers.set(container, end);
  listenToSelection();
  return { cancel };
}

function reset(end: HTMLElement, layer: HTMLElement): void {
  layer.append(end);
  end.style.width = '';
  end.style.height = '';
  layer.classList.remove('selecting');
}

/** Marks the text layers a selection runs through as "selecting" (see pdf.js's TextLayerBuilder). */
function listenToSelection(): void {
  if (listening) return;
  listening = new AbortController();
  const { signal } = listening;
  let pointerDown = false;
  let previous: Range | null = null;
  const resetAll = () => {
    previous = null;
    layers.forEach(reset);
  };
  document.addEventListener('pointerdown', () => (pointerDown = true), { signal });
  document.addEventListener('pointerup', () => ((pointerDown = false), resetAll()), { signal });
  window.addEventListener('blur', () => ((pointerDown = false), resetAll()), { signal });
  document.addEventListener('keyup', () => !pointerDown && resetAll(), { signal });
  document.addEventListener(
    'selectionchange',
    () => {
      const selection = document.getSelection();
      if (!selection || selection.rangeCount === 0) return resetAll();
      const range = selection.getRangeAt(0);
      for (const [layer, end] of layers) {
        if ((!range.collapsed || pointerDown) && range.intersectsNode(layer)) layer.classList.add('selecting');
        else reset(end, layer);
      }
      if (needsEndMoved()) {
        keepEndBesideSelection(range, previous);
        previous = range.cloneRange();
      }
    },
    { signal },
  );
}

let endMoves: boolean | null = null;

/**
 * Whether this browser needs the end-of-content block moved during a selection (pdf.js's test):
 * Firefox and Chromium from version 148 place a selection's end over empty space well by themselves,
 * and moving the block makes it worse there.
 */
function needsEndMoved(): boolean {
  if (endMoves === null) {
    const firefox = typeof CSS !== 'undefined' && CSS.supports('-moz-user-select', 'none');
    const chromium = Number(/\bChrome\/(\d+)/.exec(navigator.userAgent)?.[1] ?? 0);
    endMoves = !firefox && !(chromium >= 148);
  }
  return endMoves;
}

/**
 * Moves the text layer's end-of-content block to just after the span where the selection is being
 * extended (just before it when its start moves), as pdf.js's viewer does: a pointer over empty page
 * (past a full stop at the end of a line, in a gutter) then extends the selection to the end of that
 * span at most, instead of to wherever the browser finds text next: lines of the next paragraph.
 */
function keepEndBesideSelection(range: Range, previous: Range | null): void {
  const modifyStart =
    previous !== null &&
    (range.compareBoundaryPoints(Range.END_TO_END, previous) === 0 || range.compareBoundaryPoints(Range.START_TO_END, previous) === 0);
  let anchor: Node | null = modifyStart ? range.startContainer : range.endContainer;
  if (anchor.nodeType === Node.TEXT_NODE) anchor = anchor.parentNode;
  if (!modifyStart && range.endOffset === 0 && anchor) {
    // The end is at the very start of a node: the selection really ends in the span before it.
    do {
      while (anchor && !anchor.previousSibling) anchor = anchor.parentNode;
      anchor = anchor?.previousSibling ?? null;
    } while (anchor && !anchor.childNodes.length);
  }
  if (!(anchor instanceof HTMLElement) || anchor.classList.contains('endOfContent')) return;
  const layer = anchor.parentElement?.closest<HTMLElement>('.textLayer');
  const end = layer ? layers.get(layer) : undefined;
  if (!layer || !end || !anchor.parentElement) return;
  end.style.width = layer.style.width;
  end.style.height = layer.style.height;
  anchor.parentElement.insertBefore(end, modifyStart ? anchor : anchor.nextSibling);
}
