// The top bar's Coder menu: who codes on this installation (recorded with every new highlight) and
// the blind-coding switch, which hides the other coders' highlights in the reader.
import { useState, type FormEvent } from 'react';
import { useCoderSettings } from './coder-settings';
import './coders.css';

export function CoderMenu() {
  const { coderName, blindCoding, update } = useCoderSettings();
  return (
    <details className="coder-menu">
      <summary>
        Coder: <strong>{coderName ?? 'not set'}</strong>
        {blindCoding && <span className="blind-badge"> · blind</span>}
      </summary>
      <div className="coder-menu-panel">
        <CoderNameForm />
        <label className="blind-switch">
          <input type="checkbox" checked={blindCoding} disabled={coderName === null} onChange={(e) => void update({ blindCoding: e.target.checked })} />
          Blind coding: show only my highlights
        </label>
        {coderName === null && <p className="hint">Set your name to code blind.</p>}
      </div>
    </details>
  );
}

/** The coder name field with its Save button; also offered in the reader on the first highlight. */
export function CoderNameForm({ onSaved, autoFocus = false }: { onSaved?(): void; autoFocus?: boolean }) {
  const { coderName, update } = useCoderSettings();
  const [text, setText] = useState(coderName ?? '');
  const [seen, setSeen] = useState(coderName);
  const [problem, setProblem] = useState<string | null>(null);
  if (seen !== coderName) {
    setSeen(coderName);
    setText(coderName ?? '');
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The rule (and zod with it) is loaded when a name is given, not with the page's first load.
    const { coderNameSchema } = await import('../../../shared/coders/coders');
    const parsed = coderNameSchema.safeParse(text);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'This name cannot be used.');
      return;
    }
    setProblem(null);
    if (await update({ coderName: parsed.data })) onSaved?.();
  };
  return (
    <form className="coder-name-form" onSubmit={(e) => void submit(e)}>
      <label>
        Your name as a coder
        <input
          value={text}
          autoFocus={autoFocus}
          maxLength={100}
          aria-invalid={problem !== null}
          aria-describedby="coder-name-help"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit">Save</button>
      <p id="coder-name-help" className="hint">
        {problem ?? 'Recorded with every highlight you make from now on, so agreement between coders can be measured.'}
      </p>
    </form>
  );
}
