// The pages of an open PDF as the page view needs them: each page's geometry (fetched in the
// background; until then a page is assumed to be the size of the first), and each page's text laid out
// as the import laid it out, with the metrics of the text layer, and whether it is exactly the stored
// text's page (known once the stored text is there: the pages are shown before it arrives). Laid-out pages are kept in a small
// cache so memory stays bounded however far the user scrolls.
import type { PDFDocumentProxy, PDFPageProxy, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import type { DocumentText } from '../../../shared/model';
import { layoutPageText, matchesStoredText, type LaidOutPage, type PageGeometry, type PageText } from '../../../shared/pdf';
import { textLayerMetrics } from './measure';
import type { PdfJs } from './pdfjs';

export interface PageTextInfo extends LaidOutPage {
  items: TextItem[];
  content: Awaited<ReturnType<PDFPageProxy['getTextContent']>>;
  /** Whether the page's text is exactly its slice of the stored text (so offsets map exactly); false until that text is there. */
  exact: boolean;
}

/** Laid-out pages kept: those drawn and their neighbours, with room for a passage across a few pages. */
const TEXT_CACHE_SIZE = 16;

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

export function geometryOf(page: PDFPageProxy): PageGeometry {
  const [x1, y1, x2, y2] = page.view;
  return { view: [x1!, y1!, x2!, y2!], rotation: page.rotate, userUnit: page.userUnit };
}

export class PdfPages {
  geometries: PageGeometry[];
  private readonly texts = new Map<number, PageTextInfo>();
  private readonly pending = new Map<number, Promise<PageTextInfo>>();
  private readonly listeners = new Set<() => void>();
  private destroyed = false;
  private text: DocumentText | null = null;

  constructor(
    readonly pdfjs: PdfJs,
    readonly pdf: PDFDocumentProxy,
    first: PageGeometry,
  ) {
    this.geometries = Array.from({ length: pdf.numPages }, () => first);
  }

  /** The stored text the pages are compared with, once it has arrived (pages laid out before are compared now). */
  setText(text: DocumentText): void {
    if (this.text === text) return;
    this.text = text;
    for (const [index, info] of this.texts) info.exact = matchesStoredText(text, index, info.text);
  }

  get count(): number {
    return this.pdf.numPages;
  }

  /** Called when page geometries change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Fetches every page's size and rotation, a batch at a time, telling listeners after each batch. */
  async loadGeometries(): Promise<void> {
    const BATCH = 50;
    for (let start = 1; start < this.count && !this.destroyed; start += BATCH) {
      const next = [...this.geometries];
      for (let i = start; i < Math.min(this.count, start + BATCH); i++) next[i] = geometryOf(await this.pdf.getPage(i + 1));
      if (this.destroyed) return;
      if (next.some((g, i) => g !== this.geometries[i] && !sameGeometry(g, this.geometries[i]!))) {
        this.geometries = next.map((g, i) => (sameGeometry(g, this.geometries[i]!) ? this.geometries[i]! : g));
        for (const listener of this.listeners) listener();
      }
    }
  }

  page(index: number): Promise<PDFPageProxy> {
    return this.pdf.getPage(index + 1);
  }

  /** The page's laid-out text if it is already at hand. */
  textOf(index: number): PageTextInfo | null {
    const info = this.texts.get(index);
    if (info) {
      // Most recently used last.
      this.texts.delete(index);
      this.texts.set(index, info);
    }
    return info ?? null;
  }

  /** The page's laid-out text, reading it from the PDF if needed. */
  loadText(index: number): Promise<PageTextInfo> {
    const known = this.textOf(index);
    if (known) return Promise.resolve(known);
    let loading = this.pending.get(index);
    if (!loading) {
      loading = this.readText(index).finally(() => this.pending.delete(index));
      this.pending.set(index, loading);
    }
    return loading;
  }

  /** Laid-out text of several pages (for a passage that spans them). */
  loadTexts(indexes: readonly number[]): Promise<PageTextInfo[]> {
    return Promise.all(indexes.map((i) => this.loadText(i)));
  }

  /** The page text that maps exactly to stored offsets, or null. */
  exactText = (index: number): PageText | null => {
    const info = this.textOf(index);
    return info?.exact ? info.text : null;
  };

  /** A laid-out page usable for rectangles (exact pages only). */
  exactPage = (index: number): LaidOutPage | null => {
    const info = this.textOf(index);
    return info?.exact ? info : null;
  };

  private async readText(index: number): Promise<PageTextInfo> {
    const page = await this.page(index);
    const content = await page.getTextContent();
    const items = content.items.filter(isTextItem);
    const text = layoutPageText(items);
    const info: PageTextInfo = {
      text,
      items,
      content,
      metrics: textLayerMetrics(content, items, this.pdfjs.TextLayer.fontFamilyMap as Map<string, string>),
      exact: this.text !== null && matchesStoredText(this.text, index, text),
    };
    this.texts.set(index, info);
    while (this.texts.size > TEXT_CACHE_SIZE) this.texts.delete(this.texts.keys().next().value!);
    return info;
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
    this.texts.clear();
  }
}

function sameGeometry(a: PageGeometry, b: PageGeometry): boolean {
  return a.rotation === b.rotation && (a.userUnit ?? 1) === (b.userUnit ?? 1) && a.view.every((v, i) => v === b.view[i]);
}
