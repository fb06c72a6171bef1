// The Links view: every link between passages, filtered by relation and by document, drawn as a graph of
// the documents they join, and listed: each passage opens where it is, each link can be deleted (with
// Undo). Links that lost a passage outside Apostil are listed as broken (Library health explains them).
import { useMemo, useState } from 'react';
import type { EndView, ListedLink } from '../../../shared/links/model';
import { LinkGraph, relationColor } from './LinkGraph';
import { useLinks } from './links-context';
import { shortQuote } from './PassageLinks';
import { LabelledSelect } from '../ui/LabelledSelect';
import { RelationsEditor } from './RelationsEditor';
import './links.css';

export function LinksView() {
  const { state, titleOf, follow, remove } = useLinks();
  const [relation, setRelation] = useState('');
  const [documentId, setDocumentId] = useState<string | null>(null);
  const links = useMemo(() => (state.status === 'ready' ? state.value.links : []), [state]);
  const relations = state.status === 'ready' ? state.value.relations : [];
  const byRelation = useMemo(() => (relation ? links.filter((l) => l.relation === relation) : links), [links, relation]);
  const shown = useMemo(
    () => (documentId ? byRelation.filter((l) => l.from.documentId === documentId || l.to.documentId === documentId) : byRelation),
    [byRelation, documentId],
  );
  const documents = useMemo(
    () => [...new Set(links.flatMap((l) => [l.from.documentId, l.to.documentId]))].sort((a, b) => titleOf(a).localeCompare(titleOf(b))),
    [links, titleOf],
  );

  if (state.status === 'loading') return <p className="loading">Reading the links…</p>;
  if (state.status === 'error') return <p className="form-error">The links could not be read: {state.message}</p>;
  const broken = links.filter((l) => l.status === 'orphaned').length;

  return (
    <main className="links-view" aria-labelledby="links-title">
      <header className="links-header">
        <h1 id="links-title">Links between passages</h1>
        <div className="links-filters">
          <LabelledSelect label="Relation" choices={relations} value={relation} onChange={setRelation} anyLabel="All relations" />
          <label>
            Document
            <select value={documentId ?? ''} onChange={(event) => setDocumentId(event.target.value || null)}>
              <option value="">All documents</option>
              {documents.map((id) => (
                <option key={id} value={id}>
                  {titleOf(id)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <RelationsEditor relations={relations} used={(r) => links.filter((l) => l.relation === r).length} />
      </header>
      {links.length === 0 ? (
        <p className="empty-hint">
          No links yet. Open a document, choose a highlight and use <strong>Link to…</strong> to link it to a passage of any document: it
          supports, contradicts, elaborates… the other.
        </p>
      ) : (
        <>
          <LinkGraph links={byRelation} relations={relations} titleOf={titleOf} selected={documentId} onSelect={setDocumentId} />
          <p className="links-count" role="status">
            {shown.length === links.length ? `${links.length} link${links.length === 1 ? '' : 's'}` : `${shown.length} of ${links.length} links`}
            {broken > 0 && ` · ${broken} broken (a passage is missing: see Library health)`}
          </p>
          <table className="links-table">
            <thead>
              <tr>
                <th scope="col">Passage</th>
                <th scope="col">Relation</th>
                <th scope="col">Linked passage</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((link) => (
                <tr key={link.id} className={`status-${link.status}`}>
                  <td>
                    <End end={link.from} titleOf={titleOf} follow={follow} />
                  </td>
                  <td>
                    <span className="relation-chip" style={{ borderColor: relationColor(relations, link.relation) }}>
                      {link.relation} →
                    </span>
                  </td>
                  <td>
                    <End end={link.to} titleOf={titleOf} follow={follow} />
                  </td>
                  <td className="link-note">{link.note}</td>
                  <td>
                    <DeleteButton link={link} onDelete={remove} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}

function End({ end, titleOf, follow }: { end: EndView; titleOf(id: string): string; follow(end: EndView): void }) {
  return (
    <div className="link-end">
      {end.quote === null ? (
        <span className="link-missing">{shortQuote(null)}</span>
      ) : (
        <button type="button" className="link-follow" onClick={() => follow(end)}>
          {shortQuote(end.quote, 140)}
        </button>
      )}
      <span className="link-document">{titleOf(end.documentId)}</span>
    </div>
  );
}

function DeleteButton({ link, onDelete }: { link: ListedLink; onDelete(link: ListedLink): Promise<void> }) {
  return (
    <button type="button" className="danger" onClick={() => void onDelete(link)} aria-label={`Delete the link “${link.relation}” (${shortQuote(link.from.quote, 40)})`}>
      Delete
    </button>
  );
}
