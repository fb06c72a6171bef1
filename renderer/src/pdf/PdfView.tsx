// The PDF page view behind the reader's view interface: opens the file (asking for the password of
// an encrypted one), says clearly when a file cannot be shown, and otherwise shows its pages.
import { useLayoutEffect, useRef } from 'react';
import type { DocumentViewProps } from '../reader/view-types';
import { rememberViewWidth } from './draw-page';
import { PasswordForm } from '../ui/PasswordPrompt';
import { PdfPagesView } from './PdfPagesView';
import { usePdfDocument } from './usePdfDocument';
import './pdf.css';

export function PdfView(props: DocumentViewProps & { onTextView(): void }) {
  const { document } = props.opened;
  const state = usePdfDocument(document.id, document.originalName);
  if (state.status === 'ready') return <PdfPagesView {...props} pages={state.pages} onFirstPageShown={state.firstPageShown} />;
  if (state.status === 'loading') return <PdfOpening />;
  return (
    <div className="pdf-view">
      <div className="pdf-message">
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

/**
 * While pdf.js reads the file: the pages' area as the page view will lay it out, measured so that
 * page 1 is drawn ahead at the zoom the page view will show it at, even in the first page view of
 * the session (draw-page.ts).
 */
function PdfOpening() {
  const area = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (area.current) rememberViewWidth(area.current.clientWidth);
  }, []);
  return (
    <div className="pdf-view">
      <div className="pdf-body">
        <div ref={area} className="pdf-scroll" data-testid="pdf-opening">
          <div className="pdf-message">
            <p className="loading">Opening the pages…</p>
          </div>
        </div>
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
