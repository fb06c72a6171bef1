// The page view's scroll and zoom: the size of the scrolling area, the zoom (a fixed one, or fitting
// the width or the whole page), where every page sits, which pages are in sight, and keeping the same
// place in view when the zoom or the page sizes change.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { PdfRect } from '../../../shared/model';
import { pdfRectToViewport, viewportSize } from '../../../shared/pdf';
import { rememberViewWidth } from './draw-page';
import { clampZoom, fitZoom, layoutPages, nextZoom, pageAt, pagesToDraw, visiblePages } from './page-layout';
import type { PdfPages } from './pdf-pages';
import type { ZoomMode } from './PdfToolbar';

export function usePdfViewport(pages: PdfPages, scroller: RefObject<HTMLDivElement | null>) {
  const geometries = useSyncExternalStore(pages.subscribe, () => pages.geometries);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  // Fitting the width fits the widest page; fitting the page fits the page shown when it was asked for.
  const [zoomSetting, setZoomSetting] = useState<{ mode: ZoomMode; value: number; page: number }>({ mode: 'width', value: 1, page: 0 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => {
      setSize({ width: element.clientWidth, height: element.clientHeight });
      rememberViewWidth(element.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [scroller]);

  const widest = useMemo(() => geometries.reduce((a, b) => (viewportSize(b, 1).width > viewportSize(a, 1).width ? b : a)), [geometries]);
  const zoom =
    zoomSetting.mode === 'custom' || size.width === 0
      ? zoomSetting.value
      : zoomSetting.mode === 'width'
        ? fitZoom(widest, size.width, size.height, 'width')
        : fitZoom(geometries[zoomSetting.page] ?? widest, size.width, size.height, 'page');
  const layout = useMemo(() => layoutPages(geometries, zoom), [geometries, zoom]);

  // Where we are, as a page and a fraction of it, so a new layout can keep it in view.
  const anchor = useRef<{ page: number; fraction: number } | null>(null);
  const layoutRef = useRef(layout);
  useLayoutEffect(() => {
    const element = scroller.current;
    const box = anchor.current && layout.boxes[anchor.current.page];
    if (element && box && anchor.current && layoutRef.current !== layout) {
      setScrollTop(scrollElement(element, box.top + anchor.current.fraction * box.height - 8));
    }
    layoutRef.current = layout;
  }, [layout, scroller]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const top = element.scrollTop;
        const boxes = layoutRef.current.boxes;
        const page = pageAt(boxes, top + 8);
        const box = boxes[page]!;
        anchor.current = { page, fraction: (top + 8 - box.top) / box.height };
        setScrollTop(top);
      });
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      element.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [scroller]);

  const visible = visiblePages(layout.boxes, scrollTop, Math.max(1, size.height));
  const drawn = pagesToDraw(visible, geometries.length);
  // The page the reader is on: the one covering the upper third of the view.
  const current = pageAt(layout.boxes, scrollTop + size.height / 3);

  const scrollTo = useCallback((top: number) => scrollRef(scroller, top), [scroller]);

  /** Go to a page; `y` is a height on it in PDF units (from an outline entry). */
  const goToPage = useCallback(
    (page: number, y?: number) => {
      const index = Math.max(0, Math.min(geometries.length - 1, page));
      const box = layout.boxes[index]!;
      const offset = y === undefined ? 0 : pdfRectToViewport(geometries[index]!, zoom, [0, y, 0, y]).top;
      scrollTo(box.top + offset - 8);
    },
    [geometries, layout, zoom, scrollTo],
  );

  /** Scroll so that a rectangle of a page sits in the upper third of the view. */
  const showRect = useCallback(
    (page: number, rect: PdfRect) => {
      const box = layout.boxes[page];
      if (!box) return;
      const placed = pdfRectToViewport(geometries[page]!, zoom, rect);
      scrollTo(box.top + placed.top - size.height / 3);
    },
    [geometries, layout, zoom, size.height, scrollTo],
  );

  const zoomBy = useCallback((direction: 1 | -1) => setZoomSetting({ mode: 'custom', value: nextZoom(zoom, direction), page: 0 }), [zoom]);
  const setZoom = useCallback((value: number) => setZoomSetting({ mode: 'custom', value: clampZoom(value), page: 0 }), []);
  const fit = useCallback((mode: 'width' | 'page') => setZoomSetting({ mode, value: zoom, page: current }), [zoom, current]);

  return { geometries, layout, zoom, zoomMode: zoomSetting.mode, zoomBy, setZoom, fit, visible, drawn, current, goToPage, showRect, size };
}

function scrollRef(scroller: RefObject<HTMLDivElement | null>, top: number): void {
  if (scroller.current) scrollElement(scroller.current, top);
}

/** Scrolls an element to `top` (clamped at 0) and returns where it ended up. */
function scrollElement(element: HTMLElement, top: number): number {
  element.scrollTop = Math.max(0, top);
  return element.scrollTop;
}
