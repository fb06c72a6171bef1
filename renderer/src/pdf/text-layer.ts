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
  layer.classList.remove('selecting');
}

/** Marks the text layers a selection runs through as "selecting" (see pdf.js's TextLayerBuilder). */
function listenToSelection(): void {
  if (listening) return;
  listening = new AbortController();
  const { signal } = listening;
  let pointerDown = false;
  const resetAll = () => layers.forEach(reset);
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
    },
    { signal },
  );
}
