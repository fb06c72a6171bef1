// The PDF page view, once the file is open: the toolbar, the side panel, and the pages in one
// continuous scroll, of which only those near the viewport are drawn. Selections become highlights
// through the shared popover; drags with the region tool become region annotations.
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PdfAreaSelector, PdfRect } from '../../../shared/model';
import { findSelector } from '../../../shared/model';
import { roundRect } from '../../../shared/pdf';
import { meaningColors } from '../../../shared/codebooks/colors';
import { describeMark } from '../../../shared/pdf/mark-contents';
import { useCodebook } from '../codebook/codebook-context';
import { useNotices } from '../ui/notices';
import type { DocumentViewProps, RevealTarget, TextRange } from '../reader/view-types';
import { describePdfSelection, selectorsFor } from './describe-selection';
import { firstArea, planDrawing, type DrawnArea } from './drawn-areas';
import { pageAt } from './page-layout';
import { PdfPage, type PageMarks } from './PdfPage';
import { PdfSidePanel, type SidePanel } from './PdfSidePanel';
import { PdfToolbar } from './PdfToolbar';
import type { PdfPages } from './pdf-pages';
import { Snapshots } from './snapshots';
import { firstPageOf, useFlash, useMatchRects, type FindState } from './useFindMarks';
import { useMissingAreas } from './useMissingAreas';
import { usePdfViewport } from './usePdfViewport';

const NO_AREAS: DrawnArea[] = [];
const NO_MARKS: PageMarks = { areas: NO_AREAS, matches: [], flash: [] };
/** Pages kept in the DOM (as empty boxes) beyond those drawn, so scrolling a little never rebuilds them. */
const MOUNT_MARGIN = 3;

export function PdfPagesView(props: DocumentViewProps & { pages: PdfPages; onFirstPageShown(): void }) {
  const { pages, text, anchoring, activeId, ref } = props;
  const { notify } = useNotices();
  // The pages are shown before the stored text arrives; they are compared with it once it has (before
  // any effect below reads them).
  useLayoutEffect(() => {
    if (text) pages.setText(text);
  }, [pages, text]);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const view = usePdfViewport(pages, scroller);
  const scanned = text !== null && text.text.trim() === '';
  const [sidePanel, setSidePanel] = useState<SidePanel | null>(null);
  const [regionTool, setRegionTool] = useState(false);
  const [find, setFind] = useState<FindState>({ matches: [], current: -1 });
  const [flash, setFlash] = useFlash();
  const { codebook } = useCodebook();
  // The marks are drawn over the page; each page also lists them in words for screen readers.
  const plan = useMemo(
    () =>
      planDrawing(anchoring, pages.count, {
        tint: meaningColors(codebook),
        describe: (annotation, kind) => {
          const coding = describeMark(kind === 'region' ? 'Region' : 'Highlight', annotation.body, codebook);
          const quote = findSelector(annotation, 'TextQuoteSelector')?.exact;
          return quote ? `${coding}. On: “${quote}”` : coding;
        },
      }),
    [anchoring, pages.count, codebook],
  );
  useMissingAreas(pages, text, plan.needed, props.onRetarget);
  const matchRects = useMatchRects(pages, text, find, view.drawn);
  const snapshots = useMemo(() => new Snapshots(pages), [pages]);

  const { onThumbnailSource } = props;
  useEffect(() => {
    onThumbnailSource?.((annotation) => {
      const area = firstArea(annotation);
      return area ? snapshots.region(area.page, area.rect) : Promise.resolve(null);
    });
    return () => onThumbnailSource?.(null);
  }, [snapshots, onThumbnailSource]);

  const { showRect, goToPage } = view;
  const showAreas = useCallback(
    (areas: PdfAreaSelector['areas'], mark: boolean) => {
      const first = areas[0];
      if (!first?.rects[0]) return;
      showRect(first.page, first.rects[0]);
      if (mark) setFlash(areas);
    },
    [showRect, setFlash],
  );
  const revealRange = useCallback(
    async (range: TextRange, mark: boolean) => {
      if (!text) return;
      const page = firstPageOf(text, range);
      const area = findSelector({ target: { selector: await selectorsFor(pages, text, range) } }, 'PdfAreaSelector');
      if (area) showAreas(area.areas, mark);
      else if (page !== null) goToPage(page);
    },
    [pages, text, showAreas, goToPage],
  );

  useImperativeHandle(
    ref,
    () => ({
      scrollContainer: () => scroller.current,
      reveal(target: RevealTarget) {
        if ('annotationId' in target) {
          const drawn: PdfAreaSelector['areas'] = [];
          for (const [page, list] of plan.byPage) {
            for (const area of list) if (area.id === target.annotationId) drawn.push({ page, rects: area.rects });
          }
          drawn.sort((a, b) => a.page - b.page);
          if (drawn.length > 0) return showAreas(drawn, true);
          const anchored = anchoring.anchored.find((a) => a.annotation.id === target.annotationId);
          if (anchored) void revealRange(anchored, true);
          return;
        }
        void revealRange(target, true);
      },
      showMatches(matches, current) {
        setFind({ matches, current });
        const match = matches[current];
        if (match) void revealRange(match, false);
      },
    }),
    [plan, anchoring, showAreas, revealRange],
  );

  const marks = useMemo(() => {
    const map = new Map<number, PageMarks>();
    const pagesWithMarks = new Set([...plan.byPage.keys(), ...matchRects.keys(), ...flash.map((a) => a.page)]);
    for (const page of pagesWithMarks) {
      map.set(page, {
        areas: plan.byPage.get(page) ?? NO_AREAS,
        matches: matchRects.get(page) ?? [],
        flash: flash.filter((a) => a.page === page).flatMap((a) => a.rects),
      });
    }
    return map;
  }, [plan, matchRects, flash]);

  async function onSelectionEnd(pointer?: { x: number; y: number }) {
    const selection = window.getSelection();
    if (regionTool || !selection || selection.isCollapsed || selection.rangeCount === 0 || !content.current) return;
    if (!text) return notify('info', 'The document’s text is still being read: select the passage again in a moment to highlight it.');
    const described = await describePdfSelection(pages, text, selection.getRangeAt(0), content.current, pointer);
    if (!described) return;
    if ('problem' in described) notify('error', described.problem);
    else props.onSelection(described);
  }

  // Escape leaves the region tool wherever the focus is (the popover it opened may have taken it).
  useEffect(() => {
    if (!regionTool) return;
    const onKey = (event: globalThis.KeyboardEvent) => event.key === 'Escape' && setRegionTool(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [regionTool]);

  const onRegion = useCallback(
    (page: number, rect: PdfRect, screen: DOMRect) =>
      props.onSelection({
        selectors: [{ type: 'PdfAreaSelector', areas: [{ page, rects: [roundRect(rect)] }] }],
        label: `Region on page ${page + 1}`,
        rect: screen,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onSelection is read when a region is drawn
    [props.onSelection],
  );

  // Until the first page is drawn, nothing else asks pdf.js's worker for work: not the pages around
  // it, not the sizes of all the others. The moment is marked for the benchmark (npm run bench:pdf).
  const [firstDrawn, setFirstDrawn] = useState(false);
  const { onFirstPageShown } = props;
  const firstShown = useRef(false);
  const onRendered = useCallback(() => {
    if (!firstShown.current) {
      firstShown.current = true;
      performance.mark('apostil:pdf-first-page');
      onFirstPageShown();
    }
    setFirstDrawn(true);
  }, [onFirstPageShown]);
  useEffect(() => {
    if (!firstDrawn) return;
    pages
      .loadGeometries()
      .catch(() => undefined) // pages keep the first page's size
      .finally(() => scroller.current?.setAttribute('data-page-sizes', 'loaded'));
  }, [firstDrawn, pages]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable) return;
    const mod = event.ctrlKey || event.metaKey;
    const last = pages.count - 1;
    // Where the view is now (keys pressed in quick succession come before React hears of the scroll).
    const element = scroller.current;
    const scrollTop = element?.scrollTop ?? 0;
    const current = pageAt(view.layout.boxes, scrollTop + (element?.clientHeight ?? 0) / 3);
    const scrolledIntoPage = scrollTop > (view.layout.boxes[current]?.top ?? 0) - 8 + 4;
    const actions: Record<string, () => void> = {
      PageDown: () => goToPage(Math.min(last, current + 1)),
      PageUp: () => goToPage(scrolledIntoPage ? current : Math.max(0, current - 1)),
      Home: () => goToPage(0),
      End: () => goToPage(last),
    };
    const zoomKeys: Record<string, () => void> = {
      '=': () => view.zoomBy(1),
      '+': () => view.zoomBy(1),
      '-': () => view.zoomBy(-1),
      '0': () => view.fit('width'),
    };
    const action = mod ? zoomKeys[event.key] : event.altKey ? undefined : actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const [firstMounted, lastMounted] = [Math.max(0, view.drawn[0] - MOUNT_MARGIN), Math.min(pages.count - 1, view.drawn[1] + MOUNT_MARGIN)];
  const contentWidth = Math.max(view.layout.width, view.size.width);
  const mounted: number[] = [];
  for (let i = firstMounted; i <= lastMounted; i++) mounted.push(i);

  return (
    <div className={`pdf-view${regionTool ? ' region-tool' : ''}`} onKeyDown={onKeyDown}>
      <PdfToolbar
        page={view.current}
        pageCount={pages.count}
        printedLabel={props.pageLabel?.(view.current)}
        onGo={goToPage}
        zoom={view.zoom}
        zoomMode={view.zoomMode}
        onZoom={view.zoomBy}
        onFit={view.fit}
        sidePanel={sidePanel !== null}
        onSidePanel={() => setSidePanel(sidePanel ? null : 'thumbnails')}
        regionTool={regionTool}
        onRegionTool={() => setRegionTool(!regionTool)}
      />
      {scanned && (
        <p className="pdf-notice" role="note">
          This PDF has no text layer: it looks like a scan. Its words cannot be selected, highlighted or searched, but you can
          mark regions of its pages (a paragraph, a figure, a table) and annotate them.{' '}
          {!regionTool && (
            <button type="button" onClick={() => setRegionTool(true)}>
              Mark a region
            </button>
          )}
        </p>
      )}
      {regionTool && !scanned && <p className="pdf-notice" role="note">Drag a rectangle on a page to mark a region. Press Escape when done.</p>}
      <div className="pdf-body">
        {sidePanel && (
          <PdfSidePanel
            panel={sidePanel}
            onPanel={setSidePanel}
            pages={pages}
            snapshots={snapshots}
            current={view.current}
            onGo={goToPage}
            pageLabel={props.pageLabel}
          />
        )}
        <div
          ref={scroller}
          className="pdf-scroll"
          tabIndex={0}
          aria-label="Pages"
          onMouseUp={(event) => void onSelectionEnd({ x: event.clientX, y: event.clientY })}
          onKeyUp={(event) => event.shiftKey && void onSelectionEnd()}
        >
          <div ref={content} className="pdf-pages" style={{ height: view.layout.height, width: contentWidth }}>
            {mounted.map((index) => {
              const box = view.layout.boxes[index]!;
              return (
                <PdfPage
                  key={index}
                  index={index}
                  pages={pages}
                  geometry={view.geometries[index]!}
                  box={box}
                  left={(contentWidth - box.width) / 2}
                  zoom={view.zoom}
                  draw={firstDrawn ? index >= view.drawn[0] && index <= view.drawn[1] : index === view.visible[0]}
                  marks={marks.get(index) ?? NO_MARKS}
                  activeId={activeId}
                  regionTool={regionTool}
                  onRegion={onRegion}
                  onAreaClick={props.onAnnotationClick}
                  onRendered={onRendered}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
