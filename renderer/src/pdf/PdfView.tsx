// The PDF page view behind the reader's view interface: opens the file (asking for the password of
// an encrypted one), says clearly when a file cannot be shown, and otherwise shows its pages.
import type { DocumentViewProps } from '../reader/view-types';
import { PasswordForm } from '../ui/PasswordPrompt';
import { PdfPagesView } from './PdfPagesView';
import { usePdfDocument } from './usePdfDocument';
import './pdf.css';

export function PdfView(props: DocumentViewProps & { onTextView(): void }) {
  const { document } = props.opened;
  const state = usePdfDocument(document.id, document.originalName);
  if (state.status === 'ready') return <PdfPagesView {...props} pages={state.pages} onFirstPageShown={state.firstPageShown} />;
  return (
    <div className="pdf-view">
      <div className="pdf-message">
        {state.status === 'loading' && <p className="loading">Opening the pages…</p>}
        {state.status === 'password' && (
          <PdfPasswordForm key={state.wrong ? 'wrong' : 'ask'} fileName={document.originalName} wrong={state.wrong} onSubmit={state.submit} onTextView={props.onTextView} />
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

function PdfPasswordForm(props: { fileName: string; wrong: boolean; onSubmit(password: string): void; onTextView(): void }) {
  return (
    <PasswordForm
      className="pdf-password"
      label="PDF password"
      title="This PDF is password-protected"
      message={
        <>
          <p>
            Enter the password of “{props.fileName}” to show its pages. Apostil keeps it only while the document is open and never
            stores it.
          </p>
          {props.wrong && (
            <p className="form-error" role="alert">
              That password is not right. Check it (passwords are case-sensitive) and try again.
            </p>
          )}
        </>
      }
      cancelLabel="Read the text instead"
      onCancel={props.onTextView}
      onSubmit={props.onSubmit}
    />
  );
}
