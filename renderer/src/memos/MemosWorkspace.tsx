// The Memos view: every memo, filtered by what it is about, on the left; the chosen memo on the right,
// its title, what it is about, and its Markdown beside a live preview. Saved with Save (or Ctrl/Cmd+S);
// going to another memo saves the one being written first. Deleting offers Undo.
import { useMemo, useState } from 'react';
import type { MemoEdit } from '../../../shared/memos/edit';
import { MEMO_TARGET_KINDS, sameTarget } from '../../../shared/memos/memo-functions';
import type { Memo, MemoTarget, MemoTargetKind } from '../../../shared/memos/model';
import type { DocumentListing } from '../../../shared/model';
import { call, errorMessage } from '../api/client';
import { useCodebook } from '../codebook/codebook-context';
import { useNotices } from '../ui/notices';
import { MemoPreview } from './MemoPreview';
import { useMemos } from './memos-context';
import './memos.css';

type Filter = 'all' | MemoTargetKind | 'about';
const FILTER_LABELS: Record<Exclude<Filter, 'about'>, string> = {
  all: 'All memos',
  project: 'Project memos',
  document: 'On documents',
  principle: 'On principles',
  actor: 'On actors',
};
const KIND_LABELS: Record<MemoTargetKind, string> = { project: 'The project', document: 'A document', principle: 'A principle', actor: 'An actor' };

interface Draft {
  /** null: a memo not yet saved. */
  id: string | null;
  title: string;
  body: string;
  target: MemoTarget;
}

const draftOf = (memo: Memo): Draft => ({ id: memo.id, title: memo.title, body: memo.body, target: memo.target });

export function MemosWorkspace({ documents }: { documents: readonly DocumentListing[] }) {
  const { memos, label, request } = useMemos();
  const { notify } = useNotices();
  const [filter, setFilter] = useState<Filter>('all');
  const [about, setAbout] = useState<MemoTarget | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useMemo(() => (memos.status === 'ready' ? memos.value : []), [memos]);
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);

  const open = (next: Draft | null) => {
    setDraft(next);
    setSaved(next?.id ? next : null);
    setError(null);
  };

  // A request from elsewhere (the reader, the codebook): its memos, one of them, or a new one about it.
  // Taken in while rendering, once per request (its nonce), as React advises for state that follows a prop.
  const [handled, setHandled] = useState<number | null>(null);
  if (request && request.nonce !== handled) {
    setHandled(request.nonce);
    if (request.target) {
      setFilter('about');
      setAbout(request.target);
    }
    const memo = request.memoId ? list.find((m) => m.id === request.memoId) : undefined;
    if (memo) open(draftOf(memo));
    else if (request.create) open({ id: null, title: '', body: '', target: request.target ?? { kind: 'project' } });
  }

  const shown = list.filter((m) => (filter === 'all' ? true : filter === 'about' ? about !== null && sameTarget(m.target, about) : m.target.kind === filter));

  const save = async (): Promise<boolean> => {
    if (!draft || !dirty) return true;
    const edit: MemoEdit = draft.id
      ? { op: 'update', id: draft.id, title: draft.title.trim(), body: draft.body, target: draft.target }
      : { op: 'create', title: draft.title.trim(), body: draft.body, target: draft.target };
    if (!edit.title) {
      setError('A memo needs a title: write one before saving.');
      return false;
    }
    try {
      const memo = await call('memos.edit', { edit });
      const next = draftOf(memo);
      // Keep what was typed while the save was under way.
      setDraft((current) => (current && (current.id === draft.id || current.id === null) ? { ...current, id: memo.id } : current));
      setSaved(next);
      setError(null);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };

  const choose = async (next: Draft) => {
    if (dirty && !(await save())) return;
    open(next);
  };

  const remove = async () => {
    if (!draft?.id) return open(null);
    const memo = list.find((m) => m.id === draft.id);
    try {
      await call('memos.edit', { edit: { op: 'delete', id: draft.id } });
      open(null);
      if (memo) {
        notify('info', `Memo “${memo.title}” deleted.`, {
          label: 'Undo',
          run: () => void call('memos.edit', { edit: { op: 'restore', memo } }).then(() => open(draftOf(memo)), (e: unknown) => notify('error', errorMessage(e))),
        });
      }
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  return (
    <section className="workspace-view memos-view" aria-label="Memos">
      <header className="workspace-head">
        <h1>Memos</h1>
        <button type="button" className="primary" onClick={() => void choose({ id: null, title: '', body: '', target: filter === 'about' && about ? about : { kind: 'project' } })}>
          New memo
        </button>
      </header>
      <div className="memos-panes">
        <nav className="memo-list" aria-label="Memo list">
          <label className="commit-field">
            <span className="legend">Show</span>
            <select value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
              {(Object.keys(FILTER_LABELS) as (keyof typeof FILTER_LABELS)[]).map((f) => (
                <option key={f} value={f}>
                  {FILTER_LABELS[f]}
                </option>
              ))}
              {about && <option value="about">About {label(about).replace(/^[^:]*: /, '')}</option>}
            </select>
          </label>
          {memos.status === 'error' && <p className="form-error">The memos could not be read: {memos.message}</p>}
          {memos.status === 'ready' && shown.length === 0 && (
            <p className="empty-hint">{list.length === 0 ? 'No memos yet. A memo holds your thinking about a source, a code or the whole project.' : 'No memo here.'}</p>
          )}
          <ul>
            {shown.map((memo) => (
              <li key={memo.id}>
                <button type="button" className="memo-item" aria-current={draft?.id === memo.id ? 'true' : undefined} onClick={() => void choose(draftOf(memo))}>
                  <span className="memo-item-title">{memo.title}</span>
                  <span className="memo-item-about">
                    {label(memo.target)} · {new Date(memo.modified).toLocaleDateString()}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {draft ? (
          <MemoEditor draft={draft} dirty={dirty} error={error} documents={documents} onChange={setDraft} onSave={() => void save()} onDelete={() => void remove()} />
        ) : (
          <p className="empty-hint memo-none">Choose a memo on the left, or start a new one.</p>
        )}
      </div>
    </section>
  );
}

function MemoEditor(props: {
  draft: Draft;
  dirty: boolean;
  error: string | null;
  documents: readonly DocumentListing[];
  onChange(draft: Draft): void;
  onSave(): void;
  onDelete(): void;
}) {
  const { draft, dirty, error, documents, onChange, onSave, onDelete } = props;
  return (
    <form
      className="memo-editor"
      aria-label={draft.id ? `Memo “${draft.title}”` : 'New memo'}
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault();
          onSave();
        }
      }}
    >
      <label className="commit-field">
        <span className="legend">Title</span>
        <input value={draft.title} maxLength={500} autoFocus={!draft.id} onChange={(event) => onChange({ ...draft, title: event.target.value })} />
      </label>
      <TargetField target={draft.target} documents={documents} onChange={(target) => onChange({ ...draft, target })} />
      <div className="memo-body">
        <label className="commit-field">
          <span className="legend">Text (Markdown)</span>
          <textarea value={draft.body} onChange={(event) => onChange({ ...draft, body: event.target.value })} placeholder="**Bold**, *italic*, # headings, - lists, > quotes" />
        </label>
        <div className="commit-field">
          <span className="legend">Preview</span>
          <MemoPreview body={draft.body} label="Preview" />
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="memo-actions">
        <button type="submit" className="primary" disabled={!dirty}>
          {draft.id ? 'Save' : 'Save memo'}
        </button>
        <span className="hint">{dirty ? 'Not saved yet (Ctrl+S saves).' : 'Saved.'}</span>
        <button type="button" onClick={onDelete}>
          {draft.id ? 'Delete' : 'Discard'}
        </button>
      </div>
    </form>
  );
}

/** What the memo is about: the kind, then which document, principle or actor. */
function TargetField({ target, documents, onChange }: { target: MemoTarget; documents: readonly DocumentListing[]; onChange(target: MemoTarget): void }) {
  const { codebook } = useCodebook();
  const choices: Record<MemoTargetKind, { id: string; name: string }[]> = {
    project: [],
    document: documents.map((d) => ({ id: d.id, name: d.metadata.title })),
    principle: codebook.principles.map((p) => ({ id: p.id, name: p.name })),
    actor: codebook.actors.map((a) => ({ id: a.id, name: a.name })),
  };
  const targetId = target.kind === 'document' ? target.documentId : target.kind === 'principle' ? target.principleId : target.kind === 'actor' ? target.actorId : '';
  const make = (kind: MemoTargetKind, id: string | undefined): MemoTarget | null => {
    if (kind === 'project') return { kind };
    if (!id) return null;
    return kind === 'document' ? { kind, documentId: id } : kind === 'principle' ? { kind, principleId: id } : { kind, actorId: id };
  };
  const options = choices[target.kind];
  return (
    <fieldset className="memo-target">
      <legend>About</legend>
      <select aria-label="What the memo is about" value={target.kind} onChange={(event) => {
        const kind = event.target.value as MemoTargetKind;
        const next = make(kind, choices[kind][0]?.id);
        if (next) onChange(next);
      }}>
        {MEMO_TARGET_KINDS.map((kind) => (
          <option key={kind} value={kind} disabled={kind !== 'project' && choices[kind].length === 0}>
            {KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      {target.kind !== 'project' && (
        <select aria-label={`Which ${target.kind}`} value={targetId} onChange={(event) => onChange(make(target.kind, event.target.value)!)}>
          {!options.some((o) => o.id === targetId) && <option value={targetId}>(no longer there)</option>}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </fieldset>
  );
}
