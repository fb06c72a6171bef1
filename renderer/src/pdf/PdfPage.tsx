// One page of the page view. Near the viewport it has a canvas (redrawn at each zoom, swapped in only
// when complete), pdf.js's selectable text layer, and the annotations and find matches drawn from
// their PDF rectangles; far from it, it is an empty box of the right size, holding no memory.
import { memo, useEffect, useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import type { PdfRect } from '../../../shared/model';
import { pdfRectToViewport, viewportBoxToPdf, type PageGeometry, type ViewportBox } from '../../../shared/pdf';
import type { DrawnArea } from './drawn-areas';
import type { PageBox } from './page-layout';
import type { PdfPages } from './pdf-pages';
import { drawPage, takeFirstPageDrawn, type PageDrawing } from './draw-page';
import { renderTextLayer } from './text-layer';

export interface PageMarks {
  areas: readonly DrawnArea[];
  /** Find matches on this page; the current one is drawn stronger. */
  matches: readonly { rects: PdfRect[]; current: boolean }[];
  /** A passage marked briefly after a jump to it. */
  flash: readonly PdfRect[];
}

interface Props {
  index: number;
  pages: PdfPages;
  geometry: PageGeometry;
  box: PageBox;
  left: number;
  zoom: number;
  draw: boolean;
  marks: PageMarks;
  activeId: string | null;
  regionTool: boolean;
  onRegion(page: number, rect: PdfRect, screen: DOMRect): void;
  onAreaClick(id: string): void;
  onRendered(page: number): void;
}

/** Gives a canvas's pixels back at once rather than when it is collected. */
function releaseCanvases(host: HTMLElement): void {
  for (const canvas of host.querySelectorAll('canvas')) {
    canvas.width = 0;
    canvas.height = 0;
  }
}

export const PdfPage = memo(function PdfPage(props: Props) {
  const { index, pages, geometry, box, zoom, draw, marks, activeId, regionTool } = props;
  const canvasHost = useRef<HTMLDivElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Whether the canvas has been drawn since the page came near the viewport: its text layer waits for
  // that, so the picture comes first.
  const [paint, setPaint] = useState({ draw, painted: false });
  if (paint.draw !== draw) setPaint({ draw, painted: false });
  const painted = paint.draw === draw && paint.painted;
  const onRendered = useRef(props.onRendered);
  useEffect(() => {
    onRendered.current = props.onRendered;
  });

  // The canvas: drawn off-screen at the new zoom, then swapped in.
  useEffect(() => {
    if (!draw) return;
    let cancelled = false;
    let drawing: PageDrawing | null = null;
    (async () => {
      const page = await pages.page(index);
      if (cancelled) return;
      // Page 1 may have been drawn ahead, while the reader was being set up (draw-page.ts).
      const ahead = index === 0 ? await takeFirstPageDrawn(pages.pdf, zoom) : null;
      let canvas = ahead?.canvas;
      if (canvas) performance.mark('apostil:pdf-first-page-drawn-ahead');
      else {
        if (cancelled) return;
        drawing = drawPage(page, zoom);
        canvas = (await drawing.done).canvas;
      }
      const host = canvasHost.current;
      if (cancelled || !host) {
        canvas.width = canvas.height = 0;
        return;
      }
      releaseCanvases(host);
      host.replaceChildren(canvas);
      setFailed(null);
      setPaint({ draw: true, painted: true });
      host.parentElement?.setAttribute('data-rendered', 'true');
      onRendered.current(index);
    })().catch((error: unknown) => {
      if (!cancelled && (error as Error)?.name !== 'RenderingCancelledException') {
        setFailed(`Page ${index + 1} could not be drawn: ${(error as Error)?.message ?? String(error)}`);
      }
    });
    return () => {
      cancelled = true;
      drawing?.cancel();
    };
  }, [draw, zoom, index, pages]);

  // Leaving the neighbourhood of the viewport: give the canvas and pdf.js's page resources back.
  useEffect(() => {
    if (draw) return;
    const host = canvasHost.current;
    if (host) releaseCanvases(host);
    host?.replaceChildren();
    host?.parentElement?.removeAttribute('data-rendered');
    void pages
      .page(index)
      .then((page) => page.cleanup())
      .catch(() => undefined);
  }, [draw, index, pages]);

  // The text layer: laid out once while the page is drawn; the zoom rescales it through CSS.
  useEffect(() => {
    const container = textLayer.current;
    if (!draw || !painted || !container) return;
    let cancelled = false;
    let cancel: (() => void) | null = null;
    (async () => {
      const [info, page] = await Promise.all([pages.loadText(index), pages.page(index)]);
      if (cancelled) return;
      const layer = await renderTextLayer(pages.pdfjs, container, info, page.getViewport({ scale: zoom }));
      if (cancelled) layer.cancel();
      else cancel = layer.cancel;
    })().catch(() => undefined); // no text layer: the page still shows, it just cannot be selected
    return () => {
      cancelled = true;
      cancel?.();
    };
    // The zoom is read once: later zooms rescale the layer through --total-scale-factor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draw, painted, index, pages]);

  const place = (rect: PdfRect): CSSProperties => {
    const b = pdfRectToViewport(geometry, zoom, rect);
    return { left: b.left, top: b.top, width: b.width, height: b.height };
  };

  const onClick = (event: PointerEvent<HTMLDivElement>) => {
    if (regionTool || window.getSelection()?.isCollapsed === false) return;
    const bounds = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    const hit = [...marks.areas].reverse().find((area) =>
      area.rects.some((rect) => {
        const b = pdfRectToViewport(geometry, zoom, rect);
        return x >= b.left && x <= b.left + b.width && y >= b.top && y <= b.top + b.height;
      }),
    );
    if (hit) props.onAreaClick(hit.id);
  };

  const style = {
    top: box.top,
    left: props.left,
    width: box.width,
    height: box.height,
    '--total-scale-factor': zoom * (geometry.userUnit ?? 1),
  } as CSSProperties;

  return (
    <div
      className={draw ? 'pdf-page drawn' : 'pdf-page'}
      data-page-index={index}
      aria-label={`Page ${index + 1}`}
      role="region"
      style={style}
      onPointerUp={onClick}
    >
      <div ref={canvasHost} className="pdf-canvas" />
      <div className="pdf-marks" aria-hidden="true">
        {marks.matches.map((match, i) =>
          match.rects.map((rect, k) => <div key={`m${i}-${k}`} className={match.current ? 'pdf-find current' : 'pdf-find'} style={place(rect)} />),
        )}
        {marks.areas.map((area) =>
          area.rects.map((rect, k) => (
            <div
              key={`${area.id}-${k}`}
              data-annotation-id={area.id}
              className={`pdf-${area.kind} ${area.tint ? 'hl-tint' : `hl-${area.color}`}${area.id === activeId ? ' active' : ''}`}
              style={area.tint ? ({ ...place(rect), '--hl-tint': area.tint } as CSSProperties) : place(rect)}
            />
          )),
        )}
        {marks.flash.map((rect, k) => (
          <div key={`f${k}`} className="pdf-flash" style={place(rect)} />
        ))}
      </div>
      <div ref={textLayer} className="textLayer" />
      <MarksInWords index={index} areas={marks.areas} />
      {regionTool && <RegionDrawer geometry={geometry} zoom={zoom} onDone={(rect, screen) => props.onRegion(index, rect, screen)} />}
      {failed && <p className="pdf-page-error">{failed}</p>}
      {!draw && <span className="pdf-page-number">{index + 1}</span>}
    </div>
  );
});

/** The page's highlights and regions as a list a screen reader reads after the page's text. */
function MarksInWords({ index, areas }: { index: number; areas: readonly DrawnArea[] }) {
  const seen = new Set<string>();
  const unique = areas.filter((area) => !seen.has(area.id) && seen.add(area.id));
  if (unique.length === 0) return null;
  return (
    <ul className="visually-hidden" aria-label={`Highlights on page ${index + 1}`}>
      {unique.map((area) => (
        <li key={area.id} data-annotation-id={area.id}>
          {area.description}
        </li>
      ))}
    </ul>
  );
}

/** Drag a rectangle on the page to mark a region. */
function RegionDrawer({ geometry, zoom, onDone }: { geometry: PageGeometry; zoom: number; onDone(rect: PdfRect, screen: DOMRect): void }) {
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const box = (d: NonNullable<typeof drag>): ViewportBox => ({
    left: Math.min(d.x0, d.x1),
    top: Math.min(d.y0, d.y1),
    width: Math.abs(d.x1 - d.x0),
    height: Math.abs(d.y1 - d.y0),
  });
  const at = (event: PointerEvent<HTMLDivElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    return { x: Math.min(bounds.width, Math.max(0, event.clientX - bounds.left)), y: Math.min(bounds.height, Math.max(0, event.clientY - bounds.top)) };
  };
  return (
    <div
      className="pdf-region-drawer"
      data-testid="region-drawer"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        const { x, y } = at(event);
        setDrag({ x0: x, y0: y, x1: x, y1: y });
      }}
      onPointerMove={(event) => drag && setDrag({ ...drag, x1: at(event).x, y1: at(event).y })}
      onPointerUp={(event) => {
        if (!drag) return;
        const done = box({ ...drag, x1: at(event).x, y1: at(event).y });
        setDrag(null);
        if (done.width < 6 || done.height < 6) return; // a click, not a drag
        const bounds = event.currentTarget.getBoundingClientRect();
        onDone(viewportBoxToPdf(geometry, zoom, done), new DOMRect(bounds.left + done.left, bounds.top + done.top, done.width, done.height));
      }}
    >
      {drag && <div className="pdf-region-draft" style={box(drag)} />}
    </div>
  );
}
