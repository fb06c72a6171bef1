// The list of documents in the library, with the import button, import progress and import problems.
import { useRef, type ReactNode } from 'react';
import type { DocumentListing } from '../../../shared/model';
import { DocumentList } from './DocumentList';
import { ACCEPTED_FILES, type ImportFailure, type ImportProgress } from './useImporter';

interface Props {
  documents: readonly DocumentListing[];
  openId: string | null;
  onOpen(id: string): void;
  onImport(files: File[]): void;
  progress: ImportProgress | null;
  onCancelImport(): void;
  failures: ImportFailure[];
  onDismissFailures(): void;
  /** Shown below the documents (references waiting for their file, saved searches). */
  children?: ReactNode;
}

export function LibraryPanel(props: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <nav className="library" aria-label="Library">
      <div className="library-head">
        <h2>Library</h2>
        <button type="button" className="primary" onClick={() => input.current?.click()} disabled={!!props.progress}>
          Import…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          hidden
          data-testid="import-input"
          onChange={(event) => {
            props.onImport([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </div>
      {props.progress && (
        <div className="import-progress" role="progressbar" aria-valuemin={0} aria-valuemax={props.progress.total} aria-valuenow={props.progress.done}>
          <div className="import-progress-label">
            Importing {props.progress.done + 1} of {props.progress.total}: <span className="file-name">{props.progress.current}</span>
          </div>
          <progress max={props.progress.total} value={props.progress.done} />
          <button type="button" onClick={props.onCancelImport}>
            Cancel
          </button>
        </div>
      )}
      {props.failures.length > 0 && (
        <div className="import-failures" role="alert">
          <div className="import-failures-head">
            <strong>
              {props.failures.length === 1 ? 'One file was not imported' : `${props.failures.length} files were not imported`}
            </strong>
            <button type="button" className="icon" aria-label="Dismiss" onClick={props.onDismissFailures}>
              ×
            </button>
          </div>
          <ul>
            {props.failures.map((failure) => (
              <li key={failure.name}>
                <span className="file-name">{failure.name}</span>: {failure.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <DocumentList documents={props.documents} openId={props.openId} onOpen={props.onOpen} />
      {props.children}
      <p className="drop-hint">Drop PDF, HTML, Markdown or text files anywhere to import them.</p>
    </nav>
  );
}
