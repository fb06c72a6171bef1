// The annotations of the open document, in reading order, with those that could not be placed in the
// text (orphans) listed apart: never hidden, never deleted.
import { useEffect, useRef } from 'react';
import type { Annotation, AnnotationBody } from '../../../shared/model';
import { findSelector } from '../../../shared/model';
import { suggestActors } from '../../../shared/codebooks';
import { useCodebook } from '../codebook/codebook-context';
import { AnnotationEditor } from './AnnotationEditor';
import { LinkChips } from './LinkChips';

interface Props {
  placed: Annotation[];
  orphaned: { annotation: Annotation; reason: string }[];
  activeId: string | null;
  onSelect(id: string | null): void;
  onChange(id: string, patch: Partial<AnnotationBody>): void;
  onDelete(annotation: Annotation): void;
}

export function AnnotationSidebar({ placed, orphaned, activeId, onSelect, onChange, onDelete }: Props) {
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
      onSelect={() => onSelect(annotation.id === activeId ? null : annotation.id)}
      onChange={(patch) => onChange(annotation.id, patch)}
      onDelete={() => onDelete(annotation)}
    />
  );

  return (
    <aside className="sidebar" aria-label="Annotations">
      <h2>
        Highlights <span className="count">{placed.length}</span>
      </h2>
      <div ref={list} className="sidebar-list">
        {placed.length === 0 && orphaned.length === 0 && (
          <p className="empty-hint">Select text in the document to highlight a passage and link it to principles and actors.</p>
        )}
        <ul className="cards">{placed.map((a) => card(a))}</ul>
        {orphaned.length > 0 && (
          <section className="orphans" aria-label="Annotations that could not be placed">
            <h3>Could not be placed ({orphaned.length})</h3>
            <p className="hint">The text these passages were attached to has changed. They are kept here.</p>
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
  onSelect(): void;
  onChange(patch: Partial<AnnotationBody>): void;
  onDelete(): void;
}

function AnnotationCard({ annotation, active, orphanReason, onSelect, onChange, onDelete }: CardProps) {
  const { codebook } = useCodebook();
  const quote = findSelector(annotation, 'TextQuoteSelector')?.exact ?? 'Region';
  const { body } = annotation;
  return (
    <li className={active ? 'card active' : 'card'} data-annotation-id={annotation.id}>
      <button type="button" className={`card-quote hl-edge-${body.color}`} onClick={onSelect} aria-expanded={active}>
        {quote}
      </button>
      {orphanReason && <p className="hint orphan-reason">{orphanReason}</p>}
      {!active && <LinkChips body={body} />}
      {!active && body.note && <p className="card-note">{body.note}</p>}
      {active && (
        <>
          <AnnotationEditor body={body} suggestedActors={suggestActors(quote, codebook)} onChange={onChange} />
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
