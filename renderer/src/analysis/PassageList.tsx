// The passages behind a chart mark: quote, source and page, links. Clicking one opens it in the reader.
// They come from main a page at a time; a change to the library reads the first page again.
import { useEffect, useState } from 'react';
import type { AnalysisFilter, AnalysisPassagesPage, CodedPassage, PassageSelector } from '../../../shared/analysis';
import type { DocumentListing } from '../../../shared/model';
import type { LibraryScope } from '../../../shared/collections/scope';
import { call, errorMessage, onLibraryChange } from '../api/client';
import { LinkChips } from '../annotations/LinkChips';
import { PassageButton } from './PassageButton';

const PAGE = 50;

interface Props {
  title: string;
  filter: AnalysisFilter;
  /** A collection or tag only. */
  scope: LibraryScope;
  selector: PassageSelector;
  documents: ReadonlyMap<string, DocumentListing>;
  onOpen(passage: CodedPassage): void;
  onClose(): void;
}

export function PassageList({ title, filter, scope, selector, documents, onOpen, onClose }: Props) {
  const [changes, setChanges] = useState(0);
  const [page, setPage] = useState<AnalysisPassagesPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  useEffect(() => onLibraryChange((change) => change.kind !== 'references.changed' && setChanges((n) => n + 1)), []);
  // The first page, again when the mark or the library changes.
  useEffect(() => {
    let current = true;
    call('analysis.passages', { filter, scope, selector, offset: 0, limit: PAGE }).then(
      (value) => current && (setPage(value), setError(null)),
      (e: unknown) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [filter, scope, selector, changes]);
  const showMore = async () => {
    if (!page || more) return;
    setMore(true);
    try {
      const next = await call('analysis.passages', { filter, scope, selector, offset: page.passages.length, limit: PAGE });
      setPage({ total: next.total, passages: [...page.passages, ...next.passages] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setMore(false);
    }
  };

  return (
    <aside className="drilldown" aria-label="Passages">
      <header className="drilldown-head">
        <h2>{title}</h2>
        <button type="button" className="icon" aria-label="Close the passage list" onClick={onClose}>
          ×
        </button>
      </header>
      {error && <p className="form-error">The passages could not be read: {error}</p>}
      {!page && !error && <p className="loading">Reading the passages…</p>}
      <ul className="drilldown-list">
        {page?.passages.map((p) => {
          return (
            <li key={p.annotationId}>
              <PassageButton passage={p} document={documents.get(p.documentId)} withYear onOpen={onOpen} />
              <LinkChips body={{ color: p.color, note: p.note, tags: p.tags, principles: p.principles, actors: p.actors }} />
              {p.note && <p className="passage-note">{p.note}</p>}
            </li>
          );
        })}
      </ul>
      {page && page.total > page.passages.length && (
        <p className="drilldown-more">
          {page.passages.length} of {page.total} passages.{' '}
          <button type="button" onClick={() => void showMore()} disabled={more}>
            Show {Math.min(PAGE, page.total - page.passages.length)} more
          </button>
        </p>
      )}
    </aside>
  );
}
