// The library health report: findings of the check at open, then everything kept aside so far.
import { useEffect, useRef } from 'react';
import { HEALTH_ISSUE_TITLES, type HealthIssue, type LibraryHealth, type QuarantineEntry } from '../../../shared/health';

interface Props {
  health: LibraryHealth;
  onClose(): void;
}

export function HealthDialog({ health, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const { issues, quarantine } = health;

  return (
    <dialog ref={dialog} className="metadata-dialog health-dialog" onClose={onClose} aria-labelledby="health-title">
      {/* Focus starts at the top, not on the Close button at the end of a long report. */}
      <h2 id="health-title" tabIndex={-1} autoFocus>
        Library health
      </h2>
      <p className="health-summary">
        {issues.length === 0
          ? 'Every file of the library was read without a problem when it was opened.'
          : `When the library was opened, ${issues.length === 1 ? 'one problem was' : `${issues.length} problems were`} found. Nothing was deleted: what could not be used was kept aside, with a note that says how to put it back.`}
      </p>
      {issues.length > 0 && (
        <ul className="health-issues" aria-label="Problems found at open">
          {issues.map((issue, i) => (
            <Issue key={`${issue.path}-${i}`} issue={issue} />
          ))}
        </ul>
      )}
      <h3>Kept aside</h3>
      {quarantine.length === 0 ? (
        <p className="empty-hint">Nothing has been kept aside in this library.</p>
      ) : (
        <>
          <p className="health-where">
            In <span className="file-name">{health.quarantinePath}</span>, one folder per finding, each with a NOTE.txt.
          </p>
          <ul className="health-quarantine" aria-label="Kept aside">
            {quarantine.map((entry) => (
              <Kept key={entry.folder} entry={entry} />
            ))}
          </ul>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

function Issue({ issue }: { issue: HealthIssue }) {
  return (
    <li className={`health-issue health-${issue.kind}`}>
      <strong>{HEALTH_ISSUE_TITLES[issue.kind]}</strong>
      <p>{issue.message}</p>
      <p className="health-action">{issue.action}</p>
      {issue.keptAt && (
        <p className="health-kept">
          Kept in <span className="file-name">{issue.keptAt}</span>
        </p>
      )}
    </li>
  );
}

function Kept({ entry }: { entry: QuarantineEntry }) {
  const title = entry.kind === 'unknown' ? 'Kept aside' : HEALTH_ISSUE_TITLES[entry.kind];
  return (
    <li>
      <span className="file-name">{entry.folder.replace(/^quarantine\//, '')}</span>
      <span className="health-kept-what">
        {title}
        {entry.originalPath ? ` (from ${entry.originalPath})` : ''}
        {entry.foundAt ? `, ${new Date(entry.foundAt).toLocaleString()}` : ''}
      </span>
    </li>
  );
}
