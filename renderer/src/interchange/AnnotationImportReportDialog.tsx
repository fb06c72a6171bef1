// What an annotation file import did, when there is more to say than a count: entries left out (and
// why), a collection whose other pages are elsewhere, and annotations for documents Apostil could not
// find — for those the user can choose a document and import them there.
import { useState, type FormEvent } from 'react';
import type { AnnotationImportAssignment, AnnotationImportReport } from '../../../shared/interchange/types';
import type { DocumentListing } from '../../../shared/model';
import { DialogFooter } from '../ui/DialogFooter';
import { useModalDialog } from '../ui/useModalDialog';

interface Props {
  fileName: string;
  report: AnnotationImportReport;
  documents: readonly DocumentListing[];
  /** Imports the file again with the documents chosen for the unmatched targets. */
  onAssign(assign: AnnotationImportAssignment[]): Promise<void>;
  onClose(): void;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function AnnotationImportReportDialog({ fileName, report, documents, onAssign, onClose }: Props) {
  const dialog = useModalDialog();
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function assign(event: FormEvent) {
    event.preventDefault();
    const assignments = report.unmatched.flatMap((u, i) => (chosen[i] ? [{ source: u.source, documentId: chosen[i]! }] : []));
    if (assignments.length === 0) return setError('Choose a document for at least one of them, or close.');
    setBusy(true);
    setError(null);
    try {
      await onAssign(assignments);
      dialog.current?.close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="metadata-dialog import-report" onClose={onClose} aria-labelledby="annotation-report-title">
      <form onSubmit={assign}>
        <h2 id="annotation-report-title">Annotations imported from {fileName}</h2>
        {report.notice && (
          <p className="field-note" role="note">
            {report.notice}
          </p>
        )}
        <ul className="import-counts">
          <li>
            <strong>{plural(report.imported, 'annotation', 'annotations')} imported</strong>
            {report.reanchored ? `, ${report.reanchored} of them found by their quote` : ''}
            {report.orphaned ? `; ${report.orphaned} could not be placed and ${report.orphaned === 1 ? 'is' : 'are'} listed under “Could not be placed” in ${report.orphaned === 1 ? 'its' : 'their'} document` : ''}.
          </li>
          {report.alreadyPresent > 0 && <li>{plural(report.alreadyPresent, 'annotation was', 'annotations were')} already in the library.</li>}
          {report.codebookAdded.length > 0 && <li>Added to the codebook: {report.codebookAdded.join(', ')}.</li>}
        </ul>
        {report.skipped.length > 0 && (
          <>
            <h3 className="report-heading">Left out</h3>
            <ul className="import-counts">
              {report.skipped.map((s) => (
                <li key={s.reason}>
                  {plural(s.count, 'entry', 'entries')}: {s.reason}.
                </li>
              ))}
            </ul>
          </>
        )}
        {report.unmatched.length > 0 && (
          <>
            <h3 className="report-heading">For documents not found in the library</h3>
            <p className="hint">Choose the document they belong to, and they are imported there; what was imported already is not doubled.</p>
            <table className="compare-table">
              <tbody>
                {report.unmatched.map((u, i) => (
                  <tr key={i}>
                    <th scope="row">
                      {plural(u.count, 'annotation', 'annotations')} {u.source === null ? (u.count === 1 ? 'that names no document' : 'that name no document') : `for ${u.title ? `“${u.title}”` : u.source}`}
                      {u.source !== null && u.title && <span className="refused-title">{u.source}</span>}
                    </th>
                    <td>
                      <select aria-label={`Document for the annotations ${u.source === null ? 'that name no document' : `for ${u.title ?? u.source}`}`} value={chosen[i] ?? ''} onChange={(e) => setChosen({ ...chosen, [i]: e.target.value })}>
                        <option value="">Leave them out</option>
                        {documents.map((d) => (
                          <option key={d.id} value={d.id}>
                            {d.metadata.title}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <DialogFooter dialog={dialog} error={error} closeLabel="Close">
          {report.unmatched.length > 0 && (
            <button type="submit" className="primary" disabled={busy}>
              Import into the chosen documents
            </button>
          )}
        </DialogFooter>
      </form>
    </dialog>
  );
}
