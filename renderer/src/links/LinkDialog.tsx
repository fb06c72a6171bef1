// "Link to…": choose another highlight (searched for across the library, as the search box does, with
// its fields: principle:, doc:, tag:…), the relation between the two and an optional note.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { EndView } from '../../../shared/links/model';
import type { SearchHit } from '../../../shared/search/types';
import { call, errorMessage } from '../api/client';
import { useModalDialog } from '../ui/useModalDialog';
import { useLinks } from './links-context';
import { shortQuote } from './PassageLinks';
import { LabelledSelect } from '../ui/LabelledSelect';

export function LinkDialog({ from, onClose }: { from: EndView; onClose(): void }) {
  const dialog = useModalDialog();
  const titleId = useId();
  const { state, edit, titleOf } = useLinks();
  const relations = state.status === 'ready' ? state.value.relations : [];
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [chosen, setChosen] = useState<SearchHit | null>(null);
  const [picked, setRelation] = useState<string | null>(null);
  const relation = picked ?? relations[0] ?? '';
  const [reversed, setReversed] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Each keystroke searches; an answer to an older query is dropped.
  const asked = useRef(0);
  const search = (text: string) => {
    setQuery(text);
    const ask = ++asked.current;
    if (!text.trim()) {
      setHits(null);
      setSearchError(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    call('search.query', { query: text, limit: 30, typing: true })
      .then(
        (results) => {
          if (ask !== asked.current) return;
          setSearchError(results.error ? results.error.message : null);
          setHits(results.annotations.filter((h) => h.annotationId && h.annotationId !== from.annotationId));
        },
        (e: unknown) => ask === asked.current && setSearchError(errorMessage(e)),
      )
      .finally(() => ask === asked.current && setSearching(false));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen?.annotationId) return;
    const other = { documentId: chosen.documentId, annotationId: chosen.annotationId };
    const here = { documentId: from.documentId, annotationId: from.annotationId };
    setBusy(true);
    try {
      await edit({ op: 'create', from: reversed ? other : here, to: reversed ? here : other, relation, note }, { throwErrors: true });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="metadata-dialog link-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Link this passage to another</h2>
        <p className="link-from">{shortQuote(from.quote, 160)}</p>
        <label>
          Find the other highlight
          <input
            type="search"
            value={query}
            autoFocus
            placeholder='Words of the passage or its note, principle:…, doc:"…"'
            onChange={(event) => search(event.target.value)}
          />
        </label>
        {searchError && <p className="form-error">{searchError}</p>}
        <fieldset className="link-candidates">
          <legend>Highlights{hits ? ` (${hits.length})` : ''}</legend>
          {searching && <p className="hint">Searching…</p>}
          {!searching && hits === null && <p className="hint">Type to search the highlights of every document.</p>}
          {!searching && hits?.length === 0 && <p className="hint">No highlight matches.</p>}
          {hits?.map((hit) => (
            <label key={hit.annotationId} className={chosen?.annotationId === hit.annotationId ? 'candidate chosen' : 'candidate'}>
              <input type="radio" name="link-target" checked={chosen?.annotationId === hit.annotationId} onChange={() => setChosen(hit)} />
              <span className="candidate-quote">{hit.snippet}</span>
              <span className="candidate-source">
                {titleOf(hit.documentId)}
                {hit.page !== null ? `, p. ${hit.pageLabel ?? hit.page}` : ''}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="row">
          <LabelledSelect label="Relation" choices={relations} value={relation} onChange={setRelation} />
          <label>
            Direction
            <select value={reversed ? 'in' : 'out'} onChange={(event) => setReversed(event.target.value === 'in')}>
              <option value="out">This passage {relation} the chosen one</option>
              <option value="in">The chosen one {relation} this passage</option>
            </select>
          </label>
        </div>
        <label>
          Note (optional)
          <textarea rows={2} value={note} maxLength={5000} onChange={(event) => setNote(event.target.value)} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !chosen || !relation}>
            Link
          </button>
        </div>
      </form>
    </dialog>
  );
}
