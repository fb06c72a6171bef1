// The PDF page view behind the reader's view interface: opens the file (asking for the password of
// an encrypted one), says clearly when a file cannot be shown, and otherwise shows its pages.
import { useState } from 'react';
import type { DocumentViewProps } from '../reader/view-types';
import { PdfPagesView } from './PdfPagesView';
import { usePdfDocument } from './usePdfDocument';
import './pdf.css';

export function PdfView(props: DocumentViewProps & { onTextView(): void }) {
  const { document, text } = props.opened;
  const state = usePdfDocument(document.id, document.originalName, text);
  if (state.status === 'ready') return <PdfPagesView {...props} pages={state.pages} />;
  return (
    <div className="pdf-view">
      <div className="pdf-message">
        {state.status === 'loading' && <p className="loading">Opening the pages…</p>}
        {state.status === 'password' && (
          <PasswordForm key={state.wrong ? 'wrong' : 'ask'} fileName={document.originalName} wrong={state.wrong} onSubmit={state.submit} onTextView={props.onTextView} />
        )}
        {state.status === 'error' && (
          <div role="alert" className="pdf-error">
            <h2>The pages cannot be shown</h2>
            <p>{state.message}</p>
            <button type="button" onClick={props.onTextView}>
              Read the text instead
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

function PasswordForm(props: { fileName: string; wrong: boolean; onSubmit(password: string): void; onTextView(): void }) {
  const [password, setPassword] = useState('');
  return (
    <form
      className="pdf-password"
      aria-label="PDF password"
      onSubmit={(event) => {
        event.preventDefault();
        if (password) props.onSubmit(password);
      }}
    >
      <h2>This PDF is password-protected</h2>
      <p>
        Enter the password of “{props.fileName}” to show its pages. Apostil keeps it only while the document is open and never
        stores it.
      </p>
      {props.wrong && (
        <p className="form-error" role="alert">
          That password is not right. Check it (passwords are case-sensitive) and try again.
        </p>
      )}
      <label>
        Password
        <input type="password" autoFocus autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={props.onTextView}>
          Read the text instead
        </button>
        <button type="submit" className="primary" disabled={!password}>
          Open
        </button>
      </div>
    </form>
  );
}
