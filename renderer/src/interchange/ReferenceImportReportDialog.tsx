// What a reference file import did, entry by entry: how many entries were new, completed a library
// entry, were kept beside a possible duplicate, or were refused, and for each refused one where it is
// in the file and why, so the user can fix it there and import the file again.
import type { ReferenceImportReport } from '../../../shared/interchange/types';
import { describeEntryPlace } from './reports';
import { useModalDialog } from '../ui/useModalDialog';

interface Props {
  fileName: string;
  report: ReferenceImportReport;
  onClose(): void;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function ReferenceImportReportDialog({ fileName, report, onClose }: Props) {
  const dialog = useModalDialog();
  const { added, completed, possibleDuplicates, unchanged, refused, keptEdits } = report;

  return (
    <dialog ref={dialog} className="metadata-dialog import-report" onClose={onClose} aria-labelledby="import-report-title">
      <h2 id="import-report-title">References imported from {fileName}</h2>
      <p className="hint">
        {report.format} file, {plural(report.entries, 'entry', 'entries')}.
      </p>
      <ul className="import-counts">
        <li>
          <strong>{plural(added.length, 'new reference', 'new references')}</strong>, waiting for their file.
        </li>
        {completed.length > 0 && (
          <li>
            <strong>{plural(completed.length, 'entry', 'entries')} completed</strong>: the same work (same DOI, or same title, year and first author) was already in the library
            {keptEdits > 0 ? `; ${plural(keptEdits, 'field you edited was', 'fields you edited were')} kept as you wrote ${keptEdits === 1 ? 'it' : 'them'}` : ''}.
          </li>
        )}
        {possibleDuplicates.length > 0 && (
          <li>
            <strong>{plural(possibleDuplicates.length, 'possible duplicate', 'possible duplicates')}</strong>, kept beside an entry with the same title: compare them under “Waiting for
            their file”.
          </li>
        )}
        {unchanged > 0 && <li>{plural(unchanged, 'entry was', 'entries were')} already up to date.</li>}
        <li>
          <strong>{plural(refused.length, 'entry', 'entries')} refused</strong>
          {refused.length > 0 ? ` (fix ${refused.length === 1 ? 'it' : 'them'} in the file and import it again; the other entries are not imported twice):` : '.'}
        </li>
      </ul>
      {refused.length > 0 && (
        <div className="refused-list" tabIndex={0} aria-label="Refused entries">
          <table>
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {refused.map((r, i) => (
                <tr key={i}>
                  <td>
                    {describeEntryPlace(r)}
                    {r.title && <span className="refused-title">{r.title}</span>}
                  </td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => dialog.current?.close()} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
