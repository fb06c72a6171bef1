// The questions a structural change asks before it is made: what becomes of a deleted code's passages
// (uncode them, or recode them to another code), which code to merge into, and which passages move to
// the new half of a split. Each answer is one edit, undoable.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { CodedPassage } from '../../../shared/analysis';
import type { PassageDisposition } from '../../../shared/codebooks/edits';
import type { DocumentListing } from '../../../shared/model';
import { useModalDialog } from '../ui/useModalDialog';

export interface CodeChoice {
  id: string;
  /** The name as the list shows it (a principle with its path: "Security › Supply chain"). */
  label: string;
}

type Kind = 'principle' | 'actor';

function Dialog(props: { title: string; onClose(): void; onSubmit(): Promise<void> | void; submitLabel: string; danger?: boolean; disabled?: boolean; children: ReactNode }) {
  const dialog = useModalDialog();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await props.onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className="metadata-dialog code-dialog" aria-labelledby={titleId} onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={busy || props.disabled}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function CodeSelect({ label, choices, value, onChange }: { label: string; choices: CodeChoice[]; value: string; onChange(id: string): void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)} required>
        <option value="" disabled>
          Choose…
        </option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DeleteCodeDialog(props: { kind: Kind; name: string; passages: number; choices: CodeChoice[]; onDelete(passages: PassageDisposition | undefined): Promise<void>; onClose(): void }) {
  const { kind, name, passages, choices } = props;
  const [how, setHow] = useState<'uncode' | 'recode'>('uncode');
  const [target, setTarget] = useState('');
  const n = `${passages} passage${passages === 1 ? '' : 's'}`;
  return (
    <Dialog
      title={`Delete “${name}”?`}
      submitLabel="Delete"
      danger
      disabled={passages > 0 && how === 'recode' && !target}
      onClose={props.onClose}
      onSubmit={() => props.onDelete(passages === 0 ? undefined : how === 'uncode' ? 'uncode' : { recodeTo: target })}
    >
      {passages === 0 ? (
        <p>No passage is coded with it. {kind === 'principle' ? 'Principles inside it move up to take its place.' : ''}</p>
      ) : (
        <fieldset className="choice-list">
          <legend>
            “{name}” codes {n}. What becomes of {passages === 1 ? 'it' : 'them'}?
          </legend>
          <label>
            <input type="radio" name="disposition" checked={how === 'uncode'} onChange={() => setHow('uncode')} /> Uncode {passages === 1 ? 'it' : 'them'}: the
            highlights stay, without this {kind}
          </label>
          <label>
            <input type="radio" name="disposition" checked={how === 'recode'} onChange={() => setHow('recode')} disabled={choices.length === 0} /> Recode{' '}
            {passages === 1 ? 'it' : 'them'} to another {kind}
          </label>
          {how === 'recode' && <CodeSelect label={`Recode to`} choices={choices} value={target} onChange={setTarget} />}
        </fieldset>
      )}
      <p className="hint">You can undo this.</p>
    </Dialog>
  );
}

export function MergeCodeDialog(props: { kind: Kind; name: string; passages: number; choices: CodeChoice[]; onMerge(targetId: string): Promise<void>; onClose(): void }) {
  const [target, setTarget] = useState('');
  const chosen = props.choices.find((c) => c.id === target);
  return (
    <Dialog title={`Merge “${props.name}” into…`} submitLabel="Merge" disabled={!target} onClose={props.onClose} onSubmit={() => props.onMerge(target)}>
      <CodeSelect label={`The ${props.kind} that stays`} choices={props.choices} value={target} onChange={setTarget} />
      <p>
        {props.passages} passage{props.passages === 1 ? '' : 's'} coded with “{props.name}” will be coded with {chosen ? `“${chosen.label}”` : 'it'}
        {props.kind === 'actor' ? `, and “${props.name}” and its aliases become its aliases` : ', and what is inside it moves into it'}.
      </p>
      <p className="hint">You can undo this.</p>
    </Dialog>
  );
}

export function SplitCodeDialog(props: {
  kind: Kind;
  name: string;
  passages: CodedPassage[];
  documents: ReadonlyMap<string, DocumentListing>;
  onSplit(name: string, annotationIds: string[]): Promise<void>;
  onClose(): void;
}) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setChosen((set) => (set.has(id) ? new Set([...set].filter((x) => x !== id)) : new Set([...set, id])));
  return (
    <Dialog
      title={`Split “${props.name}”`}
      submitLabel={`Move ${chosen.size} passage${chosen.size === 1 ? '' : 's'}`}
      disabled={!name.trim() || chosen.size === 0}
      onClose={props.onClose}
      onSubmit={() => props.onSplit(name.trim(), [...chosen])}
    >
      <label>
        Name of the new {props.kind}
        <input type="text" value={name} onChange={(event) => setName(event.target.value)} required autoFocus />
      </label>
      <fieldset className="choice-list split-passages">
        <legend>Pick the passages that move to it</legend>
        {props.passages.length === 0 && <p className="hint">No passage is coded with “{props.name}” yet.</p>}
        {props.passages.map((p) => (
          <label key={p.annotationId}>
            <input type="checkbox" checked={chosen.has(p.annotationId)} onChange={() => toggle(p.annotationId)} />
            <span>
              <span className="split-quote">{p.quote || 'A region of a page'}</span>
              <span className="hint"> · {props.documents.get(p.documentId)?.metadata.title ?? 'Unknown source'}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}
