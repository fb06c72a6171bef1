// Defining the library's document variables: a name and a type (text, a list of choices, a number, a
// date), renaming them, changing a list's choices, and deleting one with its values.
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import { VARIABLE_TYPE_LABELS, VARIABLE_TYPES, type DocumentVariable, type DocumentVariables, type VariableEdit, type VariableType } from '../../../shared/variables';
import { useModalDialog } from '../ui/useModalDialog';

interface Props {
  variables: DocumentVariables;
  /** Runs an edit; rejects with why when it was refused. */
  onEdit(edit: VariableEdit): Promise<unknown>;
  onClose(): void;
}

type Edit = (edit: VariableEdit) => Promise<boolean>;

const splitChoices = (text: string) => text.split(/\n/).map((c) => c.trim()).filter(Boolean);

export function VariablesDialog({ variables, onEdit, onClose }: Props) {
  const dialog = useModalDialog();
  const [name, setName] = useState('');
  const [type, setType] = useState<VariableType>('choice');
  const [choices, setChoices] = useState('');
  const [error, setError] = useState<string | null>(null);

  // A refusal is said inside the dialog: the page behind a modal dialog cannot be reached.
  const edit: Edit = async (change) => {
    try {
      await onEdit(change);
      setError(null);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await edit({ op: 'create', name: name.trim(), type, choices: type === 'choice' ? splitChoices(choices) : [] });
    if (!ok) return;
    setName('');
    setChoices('');
  };

  return (
    <dialog ref={dialog} className="metadata-dialog variables-dialog" aria-labelledby="variables-title" onClose={onClose}>
      <h2 id="variables-title">Document variables</h2>
      <p className="hint">Fields every document can have (country, actor type, language…): set them in a document’s details, or for the selected documents at once.</p>
      {variables.variables.length === 0 ? (
        <p className="empty-hint">No variables yet.</p>
      ) : (
        <ul className="variable-list">
          {variables.variables.map((v) => (
            <VariableRow key={v.id} variable={v} used={Object.values(variables.values).filter((own) => own[v.id] !== undefined).length} onEdit={edit} />
          ))}
        </ul>
      )}
      <form className="variable-new" onSubmit={(e) => void create(e)}>
        <h3>New variable</h3>
        <div className="row">
          <label>
            Name
            <input required value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Type
            <select value={type} onChange={(e) => setType(e.target.value as VariableType)}>
              {VARIABLE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {VARIABLE_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {type === 'choice' && (
          <label>
            Choices <span className="hint">one per line</span>
            <textarea rows={4} value={choices} onChange={(e) => setChoices(e.target.value)} />
          </label>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            Add variable
          </button>
        </div>
      </form>
    </dialog>
  );
}

function VariableRow({ variable, used, onEdit }: { variable: DocumentVariable; used: number; onEdit: Edit }) {
  const [name, setName] = useState(variable.name);
  const [choices, setChoices] = useState(variable.choices.join('\n'));
  const [deleting, setDeleting] = useState(false);
  const changed = name.trim() !== variable.name || splitChoices(choices).join('\n') !== variable.choices.join('\n');
  const save = (event: FormEvent) => {
    event.preventDefault();
    void onEdit({ op: 'update', id: variable.id, name: name.trim(), choices: variable.type === 'choice' ? splitChoices(choices) : [] });
  };
  return (
    <li>
      <form onSubmit={save}>
        <div className="row">
          <label>
            Name <span className="hint">{VARIABLE_TYPE_LABELS[variable.type]} · {used === 1 ? '1 document' : `${used} documents`}</span>
            <input required value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          {variable.type === 'choice' && (
            <label>
              Choices <span className="hint">one per line</span>
              <textarea rows={3} value={choices} onChange={(e) => setChoices(e.target.value)} />
            </label>
          )}
        </div>
        <div className="dialog-actions">
          {deleting ? (
            <>
              <span role="alert">Delete “{variable.name}” and its values on {used === 1 ? '1 document' : `${used} documents`}?</span>
              <button type="button" className="small" onClick={() => setDeleting(false)}>
                Keep it
              </button>
              <button type="button" className="small danger" onClick={() => void onEdit({ op: 'delete', id: variable.id })}>
                Delete
              </button>
            </>
          ) : (
            <button type="button" className="small danger" onClick={() => setDeleting(true)}>
              Delete…
            </button>
          )}
          <button type="submit" className="small" disabled={!changed || !name.trim()}>
            Save changes
          </button>
        </div>
      </form>
    </li>
  );
}
