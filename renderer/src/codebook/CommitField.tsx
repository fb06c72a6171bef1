// A text field that saves when the user is done with it (on leaving it, or Enter in a one-line field),
// not on every keystroke: each save is one undoable step. Escape puts back what is saved. A value
// changed elsewhere (undo, another window) replaces the draft unless the user is typing in it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  label: string;
  value: string;
  multiline?: boolean;
  placeholder?: string;
  /** Returns false when the value was refused, so the draft is kept for the user to correct. */
  onCommit(value: string): Promise<boolean> | boolean;
}

export function CommitField({ label, value, multiline, placeholder, onCommit }: Props) {
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);

  const commit = async () => {
    editing.current = false;
    if (draft === value) return;
    if (!multiline && !draft.trim()) return setDraft(value); // a name cannot be emptied
    if (!(await onCommit(multiline ? draft : draft.trim()))) editing.current = true;
  };
  const common = {
    value: draft,
    placeholder,
    onChange: (event: { target: { value: string } }) => {
      editing.current = true;
      setDraft(event.target.value);
    },
    onBlur: () => void commit(),
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        editing.current = false;
        setDraft(value);
      } else if (event.key === 'Enter' && !multiline) {
        event.preventDefault();
        void commit();
      }
    },
  };
  return (
    <label className="commit-field">
      <span className="legend">{label}</span>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
    </label>
  );
}
