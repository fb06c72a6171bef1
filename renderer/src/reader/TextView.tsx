// The reading view of a document's extracted text: every block renders exactly its slice of the text
// (so DOM selections map to text offsets), with highlights drawn as <mark> runs that may overlap.
import { memo, useEffect, useMemo, type CSSProperties, type ReactNode } from 'react';
import type { DocumentText, HighlightColor, TextBlock } from '../../../shared/model';
import { pageHeading } from '../../../shared/pdf/page-labels';
import { segmentRange, type HighlightRange } from './segments';

export interface DrawnHighlight extends HighlightRange {
  color: HighlightColor;
  /** What a screen reader says of the highlight: its principles, actors, tags and note. */
  description: string;
  /** Its principle's colour, when colour follows meaning (it then replaces `color`). */
  tint?: string | null;
}

interface Props {
  text: DocumentText;
  highlights: DrawnHighlight[];
  activeId: string | null;
  onHighlightClick(id: string): void;
  /** The printed label of the page at an index (from 0), for a PDF's page headings. */
  pageLabel?(index: number): string;
}

const TAGS = { h1: 'h2', h2: 'h3', h3: 'h4', p: 'p', li: 'li', quote: 'blockquote', pre: 'pre' } as const;

export const TextView = memo(function TextView({ text, highlights, activeId, onHighlightClick, pageLabel }: Props) {
  const byBlock = useMemo(() => bucketByBlock(text.blocks, highlights), [text.blocks, highlights]);
  const colors = useMemo(() => new Map(highlights.map((h) => [h.id, h])), [highlights]);
  // The view reports when a text is drawn (for bench:start).
  useEffect(() => void performance.mark('apostil:text-drawn'), [text]);
  const descriptions = useMemo(() => new Map(highlights.map((h) => [h.id, h.description])), [highlights]);

  const renderBlock = (block: TextBlock, index: number) => {
    const Tag = TAGS[block.type];
    const segments = segmentRange(block.start, block.end, byBlock[index] ?? []);
    return (
      <Tag key={block.start} className={`block block-${block.type}`} data-start={block.start}>
        {segments.map((segment) => {
          const slice = text.text.slice(segment.start, segment.end);
          if (segment.ids.length === 0) return slice;
          const top = segment.ids[segment.ids.length - 1]!;
          const { color, tint } = colors.get(top)!;
          const classes = ['hl', tint ? 'hl-tint' : `hl-${color}`];
          if (segment.ids.length > 1) classes.push('hl-overlap');
          if (activeId && segment.ids.includes(activeId)) classes.push('hl-active');
          return (
            <mark
              key={segment.start}
              className={classes.join(' ')}
              style={tint ? ({ '--hl-tint': tint } as CSSProperties) : undefined}
              data-annotation-ids={segment.ids.join(' ')}
              aria-description={segment.ids.map((id) => descriptions.get(id) || 'Highlight').join('. Also: ')}
              onClick={(event) => {
                // A click that ends a selection is a new highlight, not a click on this one.
                if (window.getSelection()?.isCollapsed !== false) {
                  event.stopPropagation();
                  onHighlightClick(activeId && segment.ids.includes(activeId) && segment.ids.length > 1 ? nextId(segment.ids, activeId) : top);
                }
              }}
            >
              {slice}
            </mark>
          );
        })}
      </Tag>
    );
  };

  return <div className="text-view">{groupBlocks(text, renderBlock, pageLabel)}</div>;
});

/** Cycles through overlapping highlights on repeated clicks. */
function nextId(ids: string[], current: string): string {
  return ids[(ids.indexOf(current) + 1) % ids.length]!;
}

function bucketByBlock(blocks: TextBlock[], highlights: HighlightRange[]): HighlightRange[][] {
  const buckets: HighlightRange[][] = blocks.map(() => []);
  for (const h of highlights) {
    // Binary search for the first block that ends after the highlight starts.
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid]!.end <= h.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < blocks.length && blocks[i]!.start < h.end; i++) buckets[i]!.push(h);
  }
  return buckets;
}

/** Wraps runs of list items in <ul> and, for PDFs, starts each page with its printed number. */
function groupBlocks(text: DocumentText, render: (block: TextBlock, index: number) => ReactNode, pageLabel?: (index: number) => string): ReactNode[] {
  const out: ReactNode[] = [];
  let list: ReactNode[] = [];
  const closeList = () => {
    if (list.length) out.push(<ul key={`ul-${out.length}`}>{list}</ul>);
    list = [];
  };
  let page = 0;
  text.blocks.forEach((block, index) => {
    if (text.pages) {
      while (page < text.pages.length && text.pages[page]!.start <= block.start) {
        closeList();
        out.push(
          <div key={`page-${page}`} className="page-label" data-page={page + 1} aria-hidden="true">
            {pageHeading(pageLabel?.(page) ?? String(page + 1), page)}
          </div>,
        );
        page++;
      }
    }
    if (block.type === 'li') list.push(render(block, index));
    else {
      closeList();
      out.push(render(block, index));
    }
  });
  closeList();
  return out;
}
