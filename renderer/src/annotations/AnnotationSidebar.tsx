// The annotations of the open document, in reading order, with those that could not be placed in the
// text (orphans) listed apart: never hidden, never deleted, and each can be re-attached to a new
// selection. PDF annotations show their page; regions show a picture of the region.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Annotation, AnnotationBody } from '../../../shared/model';
import { describeAnchoring } from './anchoring-note';
import { findSelector } from '../../../shared/model';
import { suggestActors } from '../../../shared/codebooks';
import { meaningColors } from '../../../shared/codebooks/colors';
import { useCodebook } from '../codebook/codebook-context';
import { AnnotationEditor } from './AnnotationEditor';
import { CitationActions, useCopyWithCitation } from './CitationActions';
import { LinkChips } from './LinkChips';
import { PassageLinks } from '../links/PassageLinks';

export type RegionThumbnail = (annotation: Annotation) => Promise<string | null>;

interface Props {
  placed: Annotation[];
  orphaned: { annotation: Annotation; reason: string }[];
  /** Highlights not placed yet: the document's text they are found in is on its way. */
  waiting?: number;
  activeId: string | null;
  onSelect(id: string | null): void;
  onChange(id: string, patch: Partial<AnnotationBody>): void;
  onDelete(annotation: Annotation): void;
  /** The printed label of the page an annotation is on, for PDFs. */
  pageLabelOf?(annotation: Annotation): string | null;
  regionThumbnail?: RegionThumbnail | null;
  /** Start re-attaching an orphan to the next selection. */
  onReattach?(annotation: Annotation): void;
  /** Changes whenever the document's details (and so its citation) change. */
  citeVersion?: string;
  /** Shown under the heading (the coder filter and blind-coding notice). */
  header?: ReactNode;
}

export function AnnotationSidebar({ placed, orphaned, waiting = 0, activeId, onSelect, onChange, onDelete, pageLabelOf, regionThumbnail, onReattach, citeVersion = '', header }: Props) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!activeId) return;
    list.current?.querySelector(`[data-annotation-id="${CSS.escape(activeId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const card = (annotation: Annotation, orphanReason?: string) => (
    <AnnotationCard
      key={annotation.id}
      annotation={annotation}
      active={annotation.id === activeId}
      orphanReason={orphanReason}
      page={pageLabelOf?.(annotation) ?? null}
      thumbnail={regionThumbnail ?? null}
      citeVersion={citeVersion}
      onReattach={orphanReason !== undefined && onReattach ? () => onReattach(annotation) : undefined}
      onSelect={() => onSelect(annotation.id === activeId ? null : annotation.id)}
      onChange={(patch) => onChange(annotation.id, patch)}
      onDelete={() => onDelete(annotation)}
    />
  );

  return (
    <aside className="sidebar" aria-label="Annotations">
      <h2>
        Annotations <span className="count">{placed.length + waiting}</span>
      </h2>
      {header}
      <div ref={list} className="sidebar-list">
        {waiting > 0 && (
          <p className="hint" role="status">
            Finding {waiting === 1 ? 'one highlight' : `${waiting} highlights`} in the document’s text…
          </p>
        )}
        {placed.length === 0 && orphaned.length === 0 && waiting === 0 && (
          <p className="empty-hint">Select text in the document to highlight a passage and link it to principles and actors.</p>
        )}
        <ul className="cards">{placed.map((a) => card(a))}</ul>
        {orphaned.length > 0 && (
          <section className="orphans" aria-label="Annotations that could not be placed">
            <h3>Could not be placed ({orphaned.length})</h3>
            <p className="hint">
              The text these were attached to has changed. They are kept here: re-attach one to a new selection, or delete it.
            </p>
            <ul className="cards">{orphaned.map((o) => card(o.annotation, o.reason))}</ul>
          </section>
        )}
      </div>
    </aside>
  );
}

interface CardProps {
  annotation: Annotation;
  active: boolean;
  orphanReason?: string;
  /** The printed page label. */
  page: string | null;
  thumbnail: RegionThumbnail | null;
  citeVersion: string;
  onReattach?(): void;
  onSelect(): void;
  onChange(patch: Partial<AnnotationBody>): void;
  onDelete(): void;
}

function AnnotationCard({ annotation, active, orphanReason, page, thumbnail, citeVersion, onReattach, onSelect, onChange, onDelete }: CardProps) {
  const { codebook } = useCodebook();
  const quote = findSelector(annotation, 'TextQuoteSelector')?.exact;
  const region = quote === undefined;
  const { body } = annotation;
  const citing = useCopyWithCitation(annotation, active && !orphanReason, citeVersion);
  const tint = meaningColors(codebook)(annotation);
  return (
    <li className={active ? 'card active' : 'card'} data-annotation-id={annotation.id} onKeyDown={orphanReason ? undefined : citing.onKeyDown}>
      <button
        type="button"
        className={tint ? 'card-quote' : `card-quote hl-edge-${body.color}`}
        style={tint ? { borderLeftColor: tint } : undefined}
        onClick={onSelect}
        aria-expanded={active}
        draggable={citing.cited !== null}
        onDragStart={citing.onDragStart}
        title={orphanReason ? undefined : 'Ctrl+C (⌘C) copies the quote with its citation'}
      >
        {page !== null && <span className="card-page">p. {page}</span>}
        {region ? <RegionPicture annotation={annotation} thumbnail={thumbnail} /> : quote}
      </button>
      {annotation.author && (
        <p className="card-author">
          {annotation.author}, {new Date(annotation.created).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}
        </p>
      )}
      {orphanReason && <p className="hint orphan-reason">{orphanReason}</p>}
      {!orphanReason && annotation.anchoring && <p className="hint anchoring-note">{describeAnchoring(annotation.anchoring)}</p>}
      {onReattach && (
        <button type="button" className="reattach" onClick={onReattach}>
          Re-attach to a new selection…
        </button>
      )}
      {!active && <LinkChips body={body} />}
      {!active && body.note && <p className="card-note">{body.note}</p>}
      <PassageLinks annotation={annotation} active={active} />
      {active && (
        <>
          <AnnotationEditor body={body} suggestedActors={quote ? suggestActors(quote, codebook) : []} onChange={onChange} />
          {!orphanReason && <CitationActions citing={citing} />}
          <div className="card-actions">
            <button type="button" className="danger" onClick={onDelete}>
              Delete
            </button>
            <button type="button" onClick={onSelect}>
              Done
            </button>
          </div>
        </>
      )}
    </li>
  );
}

function RegionPicture({ annotation, thumbnail }: { annotation: Annotation; thumbnail: RegionThumbnail | null }) {
  const [url, setUrl] = useState<string | null>(null);
  const area = findSelector(annotation, 'PdfAreaSelector');
  const key = JSON.stringify(area?.areas[0] ?? null);
  useEffect(() => {
    let live = true;
    if (thumbnail) void thumbnail(annotation).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
    // Drawn again only when the region itself (or the source of pictures) changes, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [thumbnail, key]);
  return (
    <span className="region-card">
      {url ? <img src={url} alt="The marked region" className="region-thumbnail" /> : <span className="region-placeholder">Region</span>}
    </span>
  );
}

