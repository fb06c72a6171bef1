// Small pictures of pages: page thumbnails for the side panel and the picture of a region for its
// card in the annotation sidebar. Drawn by pdf.js into a canvas and kept as data URLs in a bounded
// cache, so scrolling through a long document's thumbnails never holds more than a few hundred.
import type { PdfRect } from '../../../shared/model';
import { pdfRectToViewport } from '../../../shared/pdf';
import { geometryOf, type PdfPages } from './pdf-pages';

const CACHE_SIZE = 200;

export class Snapshots {
  private readonly cache = new Map<string, Promise<string | null>>();

  constructor(private readonly pages: PdfPages) {}

  /** The page drawn `width` CSS pixels wide. */
  page(index: number, width: number): Promise<string | null> {
    return this.cached(`page:${index}:${width}`, async () => {
      const page = await this.pages.page(index);
      const base = page.getViewport({ scale: 1 });
      return draw(page, width / base.width, null);
    });
  }

  /** The rectangle `rect` of page `index`, drawn at most `maxWidth` × `maxHeight` CSS pixels. */
  region(index: number, rect: PdfRect, maxWidth = 300, maxHeight = 220): Promise<string | null> {
    return this.cached(`region:${index}:${rect.join(',')}`, async () => {
      const page = await this.pages.page(index);
      const box = pdfRectToViewport(geometryOf(page), 1, rect);
      const scale = Math.min(maxWidth / Math.max(1, box.width), maxHeight / Math.max(1, box.height), 3);
      return draw(page, scale, rect);
    });
  }

  private cached(key: string, make: () => Promise<string | null>): Promise<string | null> {
    let result = this.cache.get(key);
    if (result) {
      this.cache.delete(key);
    } else {
      result = make().catch(() => null);
    }
    this.cache.set(key, result);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }
}

type Page = Awaited<ReturnType<PdfPages['page']>>;

async function draw(page: Page, scale: number, crop: PdfRect | null): Promise<string | null> {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const full = page.getViewport({ scale: scale * ratio });
  const box = crop ? pdfRectToViewport(geometryOf(page), scale * ratio, crop) : { left: 0, top: 0, width: full.width, height: full.height };
  const viewport = crop ? page.getViewport({ scale: scale * ratio, offsetX: -box.left, offsetY: -box.top }) : full;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.ceil(box.width));
  canvas.height = Math.max(1, Math.ceil(box.height));
  await page.render({ canvas, viewport }).promise;
  const url = canvas.toDataURL('image/png');
  canvas.width = canvas.height = 0;
  return url;
}
