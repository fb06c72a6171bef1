// Exporting from the library: what (bibliography, references, coded passages, annotations, a QDA
// project), for which part (the whole library, a collection or tag, chosen documents, the annotations
// a search finds), with
// progress and a Cancel button, then saved where the user chooses (desktop) or downloaded (browser).
import { useState, type FormEvent } from 'react';
import {
  BIBLIOGRAPHY_OUTPUTS,
  CITATION_STYLE_LABELS,
  CITATION_STYLES,
  DEFAULT_BIBLIOGRAPHY_OPTIONS,
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  type BibliographyOptions,
  type ExportFormat,
  type ExportScope,
} from '../../../shared/interchange/types';
import type { DocumentListing } from '../../../shared/model';
import { WHOLE_LIBRARY, type LibraryScope } from '../../../shared/collections/scope-functions';
import { ScopeSelect } from '../organise/ScopeSelect';
import { useOrganisation } from '../organise/useOrganisation';
import { call, errorMessage } from '../api/client';
import { AppError } from '../../../shared/errors';
import { useNotices } from '../ui/notices';
import { saveFile } from './save';
import { useTask } from './useTask';
import { useModalDialog } from '../ui/useModalDialog';

const OUTPUT_LABELS: Record<BibliographyOptions['output'], string> = { markdown: 'Markdown (.md)', html: 'Web page (.html)', docx: 'Word (.docx)' };

interface Props {
  documents: readonly DocumentListing[];
  /** Documents to preselect (the open one). */
  initialDocumentIds: string[];
  /** The part chosen when the dialog opens (the whole library if not given). */
  initialScope?: { kind: 'documents' } | LibraryScope;
  onClose(): void;
}

type ScopeChoice = 'library' | 'part' | 'documents' | 'search';

export function ExportDialog({ documents, initialDocumentIds, initialScope, onClose }: Props) {
  const dialog = useModalDialog();
  const { notify } = useNotices();
  const task = useTask();
  const [format, setFormat] = useState<ExportFormat>('bibliography');
  const [bibliography, setBibliography] = useState<BibliographyOptions>(DEFAULT_BIBLIOGRAPHY_OPTIONS);
  const organisation = useOrganisation();
  const [scopeKind, setScopeKind] = useState<ScopeChoice>(
    !initialScope || initialScope.kind === 'library' ? 'library' : initialScope.kind === 'documents' ? 'documents' : 'part',
  );
  const [part, setPart] = useState<LibraryScope>(initialScope && initialScope.kind !== 'documents' && initialScope.kind !== 'library' ? initialScope : { kind: 'unfiled' });
  const [chosen, setChosen] = useState<Set<string>>(new Set(initialDocumentIds));
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);

  const scope = (): ExportScope | string => {
    if (scopeKind === 'library') return WHOLE_LIBRARY;
    if (scopeKind === 'part') return part.kind === 'library' ? WHOLE_LIBRARY : part;
    if (scopeKind === 'documents') return chosen.size ? { kind: 'documents', documentIds: [...chosen] } : 'Choose at least one document.';
    return query.trim() ? { kind: 'search', query: query.trim() } : 'Type the words to search for.';
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const chosenScope = scope();
    if (typeof chosenScope === 'string') return setError(chosenScope);
    setError(null);
    try {
      const request = { format, scope: chosenScope, ...(format === 'bibliography' ? { bibliography } : {}) };
      const file = await task.run((taskId) => call('export.run', { taskId, request }));
      const where = await saveFile(file);
      if (where) {
        notify('info', `Exported ${file.fileName} to ${where}.`);
        onClose();
      }
    } catch (e) {
      if (e instanceof AppError && e.code === 'cancelled') notify('info', 'Export cancelled.');
      else setError(errorMessage(e));
    }
  }

  const running = task.progress !== null;
  return (
    <dialog ref={dialog} className="metadata-dialog export-dialog" onClose={onClose} onCancel={(e) => running && e.preventDefault()} aria-labelledby="export-title">
      <form onSubmit={submit}>
        <h2 id="export-title">Export</h2>
        <fieldset disabled={running}>
          <legend>What</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="radio">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {EXPORT_FORMAT_LABELS[f]}
            </label>
          ))}
        </fieldset>
        {format === 'bibliography' && (
          <>
            <div className="row three" role="group" aria-label="Bibliography options">
              <label>
                Citation style
                <select value={bibliography.style} onChange={(e) => setBibliography({ ...bibliography, style: e.target.value as BibliographyOptions['style'] })}>
                  {CITATION_STYLES.map((s) => (
                    <option key={s} value={s}>
                      {CITATION_STYLE_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Group passages
                <select value={bibliography.groupBy} onChange={(e) => setBibliography({ ...bibliography, groupBy: e.target.value as BibliographyOptions['groupBy'] })}>
                  <option value="source">by source</option>
                  <option value="principle">by principle</option>
                </select>
              </label>
              <label>
                File
                <select value={bibliography.output} onChange={(e) => setBibliography({ ...bibliography, output: e.target.value as BibliographyOptions['output'] })}>
                  {BIBLIOGRAPHY_OUTPUTS.map((o) => (
                    <option key={o} value={o}>
                      {OUTPUT_LABELS[o]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={bibliography.includeMemos ?? false} onChange={(e) => setBibliography({ ...bibliography, includeMemos: e.target.checked })} />
              Include each document’s memos beneath its reference
            </label>
          </>
        )}
        <fieldset disabled={running}>
          <legend>From</legend>
          <label className="radio">
            <input type="radio" name="scope" checked={scopeKind === 'library'} onChange={() => setScopeKind('library')} />
            The whole library ({documents.length === 1 ? '1 document' : `${documents.length} documents`})
          </label>
          <label className="radio">
            <input type="radio" name="scope" checked={scopeKind === 'part'} onChange={() => setScopeKind('part')} />
            A collection or tag only
          </label>
          {scopeKind === 'part' && organisation.status === 'ready' && (
            <ScopeSelect className="export-query" label="Collection or tag to export" scope={part} organisation={organisation.value} onChange={setPart} />
          )}
          <label className="radio">
            <input type="radio" name="scope" checked={scopeKind === 'documents'} onChange={() => setScopeKind('documents')} />
            Chosen documents ({chosen.size})
          </label>
          {scopeKind === 'documents' && (
            <ul className="export-documents">
              {documents.map((d) => (
                <li key={d.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(d.id)}
                      onChange={() => {
                        const next = new Set(chosen);
                        if (next.has(d.id)) next.delete(d.id);
                        else next.add(d.id);
                        setChosen(next);
                      }}
                    />
                    {d.metadata.title}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <label className="radio">
            <input type="radio" name="scope" checked={scopeKind === 'search'} onChange={() => setScopeKind('search')} />
            The annotations a search finds
          </label>
          {scopeKind === 'search' && (
            <input
              type="search"
              className="export-query"
              aria-label="Search for the annotations to export"
              placeholder="Words in the passages, notes, tags, principles or actors"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </fieldset>
        {task.progress && (
          <div className="export-progress" role="progressbar" aria-valuemin={0} aria-valuemax={task.progress.total} aria-valuenow={task.progress.done}>
            <span>{task.progress.label}</span>
            <progress max={task.progress.total} value={task.progress.done} />
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {running ? (
            <button type="button" onClick={() => task.runningId.current && void call('tasks.cancel', { taskId: task.runningId.current })}>
              Cancel export
            </button>
          ) : (
            <button type="button" onClick={onClose}>
              Close
            </button>
          )}
          <button type="submit" className="primary" disabled={running}>
            Export
          </button>
        </div>
      </form>
    </dialog>
  );
}
