// The passages behind a chart mark: quote, source and page, links. Clicking one opens it in the reader.
import type { CodedPassage } from '../../../shared/analysis';
import type { LibraryDocument } from '../../../shared/model';
import { LinkChips } from '../annotations/LinkChips';

interface Props {
  title: string;
  passages: CodedPassage[];
  documents: ReadonlyMap<string, LibraryDocument>;
  onOpen(passage: CodedPassage): void;
  onClose(): void;
}

export function PassageList({ title, passages, documents, onOpen, onClose }: Props) {
  return (
    <aside className="drilldown" aria-label="Passages">
      <header className="drilldown-head">
        <h2>{title}</h2>
        <button type="button" className="icon" aria-label="Close the passage list" onClick={onClose}>
          ×
        </button>
      </header>
      <ul className="drilldown-list">
        {passages.map((p) => {
          const document = documents.get(p.documentId);
          return (
            <li key={p.annotationId}>
              <button type="button" className="passage" onClick={() => onOpen(p)} title="Open in the reader">
                <span className={`passage-quote hl-edge-${p.color}`}>{p.quote || 'A region of the page'}</span>
                <span className="passage-source">
                  {document?.metadata.title ?? 'Unknown source'}
                  {document?.metadata.date ? ` · ${document.metadata.date.slice(0, 4)}` : ''}
                  {p.page !== null ? ` · p. ${p.page}` : ''}
                </span>
              </button>
              <LinkChips body={{ color: p.color, note: p.note, tags: p.tags, principles: p.principles, actors: p.actors }} />
              {p.note && <p className="passage-note">{p.note}</p>}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
