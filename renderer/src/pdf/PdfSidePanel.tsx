// The page view's side panel: page thumbnails (drawn only while in sight) and the document's outline
// when it has one. Choosing either goes to that place.
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import type { PdfPages } from './pdf-pages';
import type { Snapshots } from './snapshots';

export type SidePanel = 'thumbnails' | 'outline';

interface Props {
  panel: SidePanel;
  onPanel(panel: SidePanel): void;
  pages: PdfPages;
  snapshots: Snapshots;
  current: number;
  onGo(page: number, y?: number): void;
  /** The printed label of a page (from 0), when the document has its own numbering. */
  pageLabel?(index: number): string;
}

export function PdfSidePanel({ panel, onPanel, pages, snapshots, current, onGo, pageLabel }: Props) {
  return (
    <aside className="pdf-side" aria-label="Pages and outline">
      <div className="pdf-side-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={panel === 'thumbnails'} onClick={() => onPanel('thumbnails')}>
          Pages
        </button>
        <button type="button" role="tab" aria-selected={panel === 'outline'} onClick={() => onPanel('outline')}>
          Outline
        </button>
      </div>
      {panel === 'thumbnails' ? (
        <Thumbnails pages={pages} snapshots={snapshots} current={current} onGo={onGo} pageLabel={pageLabel} />
      ) : (
        <Outline pdf={pages.pdf} onGo={onGo} />
      )}
    </aside>
  );
}

const THUMB_WIDTH = 110;

function Thumbnails({ pages, snapshots, current, onGo, pageLabel }: Omit<Props, 'panel' | 'onPanel'>) {
  const list = useRef<HTMLOListElement>(null);
  const [shown, setShown] = useState<Set<number>>(() => new Set());
  useEffect(() => {
    const root = list.current;
    if (!root) return;
    const observer = new IntersectionObserver(
      (entries) =>
        setShown((before) => {
          const next = new Set(before);
          for (const entry of entries) {
            const index = Number((entry.target as HTMLElement).dataset.thumb);
            if (entry.isIntersecting) next.add(index);
            else next.delete(index);
          }
          return next;
        }),
      { root, rootMargin: '200px 0px' },
    );
    root.querySelectorAll('[data-thumb]').forEach((item) => observer.observe(item));
    return () => observer.disconnect();
  }, [pages]);
  useEffect(() => {
    list.current?.querySelector(`[data-thumb="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  const first = pages.geometries[0]!;
  const ratio = Math.abs(first.view[3] - first.view[1]) / Math.abs(first.view[2] - first.view[0]);
  return (
    <ol ref={list} className="pdf-thumbnails">
      {pages.geometries.map((_, index) => {
        const label = pageLabel?.(index) ?? String(index + 1);
        const printed = label === String(index + 1) ? '' : ` (printed ${label})`;
        return (
          <li key={index} data-thumb={index}>
            <button type="button" aria-label={`Go to page ${index + 1}${printed}`} aria-current={index === current ? 'page' : undefined} onClick={() => onGo(index)}>
              {shown.has(index) ? <Thumbnail snapshots={snapshots} index={index} /> : <span className="pdf-thumb-blank" style={{ height: THUMB_WIDTH * ratio }} />}
              <span className="pdf-thumb-number">{label}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function Thumbnail({ snapshots, index }: { snapshots: Snapshots; index: number }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void snapshots.page(index, THUMB_WIDTH).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [snapshots, index]);
  return url ? <img src={url} alt="" width={THUMB_WIDTH} /> : <span className="pdf-thumb-blank" />;
}

interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

function Outline({ pdf, onGo }: { pdf: PDFDocumentProxy; onGo(page: number, y?: number): void }) {
  const [outline, setOutline] = useState<OutlineNode[] | null | 'loading'>('loading');
  useEffect(() => {
    let live = true;
    pdf.getOutline().then(
      (items) => live && setOutline((items as OutlineNode[] | null) ?? null),
      () => live && setOutline(null),
    );
    return () => {
      live = false;
    };
  }, [pdf]);
  if (outline === 'loading') return <p className="hint pdf-side-note">Reading the outline…</p>;
  if (!outline || outline.length === 0) return <p className="hint pdf-side-note">This PDF has no outline.</p>;
  const go = async (dest: OutlineNode['dest']) => {
    const target = await resolveDestination(pdf, dest);
    if (target) onGo(target.page, target.y);
  };
  const render = (nodes: OutlineNode[]) => (
    <ul>
      {nodes.map((node, i) => (
        <li key={i}>
          <button type="button" onClick={() => void go(node.dest)}>
            {node.title}
          </button>
          {node.items.length > 0 && render(node.items)}
        </li>
      ))}
    </ul>
  );
  return <nav className="pdf-outline">{render(outline)}</nav>;
}

/** The page (from 0) and, when the destination says, the height on it (PDF units) an outline entry points to. */
async function resolveDestination(pdf: PDFDocumentProxy, dest: OutlineNode['dest']): Promise<{ page: number; y?: number } | null> {
  const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
  if (!Array.isArray(explicit) || explicit.length === 0) return null;
  const [ref, kind, , top] = explicit as [unknown, { name?: string } | undefined, unknown, unknown];
  let page: number | null = null;
  if (typeof ref === 'number' && Number.isInteger(ref)) page = ref;
  else if (ref && typeof ref === 'object') page = await pdf.getPageIndex(ref as Parameters<PDFDocumentProxy['getPageIndex']>[0]).catch(() => null);
  if (page === null) return null;
  return kind?.name === 'XYZ' && typeof top === 'number' ? { page, y: top } : { page };
}
