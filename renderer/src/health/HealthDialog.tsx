// The library health report: findings of the check at open and of the background check of every file,
// how far that check is, then everything kept aside so far.
import { HEALTH_ISSUE_TITLES, type HealthIssue, type LibraryHealth, type LibraryVerification, type QuarantineEntry } from '../../../shared/health';
import { DialogFooter } from '../ui/DialogFooter';
import { useModalDialog } from '../ui/useModalDialog';
import type { CheckProgress } from './useLibraryCheck';

interface Props {
  health: LibraryHealth;
  /** The background check's progress while it runs. */
  checking: CheckProgress | null;
  onClose(): void;
}

export function HealthDialog({ health, checking, onClose }: Props) {
  const dialog = useModalDialog();
  const { issues, quarantine } = health;

  return (
    <dialog ref={dialog} className="metadata-dialog report-dialog health-dialog" onClose={onClose} aria-labelledby="health-title">
      {/* Focus starts at the top, not on the Close button at the end of a long report. */}
      <h2 id="health-title" tabIndex={-1} autoFocus>
        Library health
      </h2>
      <p className="health-summary">
        {issues.length === 0
          ? 'No problem was found in the library’s files.'
          : `${issues.length === 1 ? 'One problem was' : `${issues.length} problems were`} found in the library’s files. Nothing was deleted: what could not be used was kept aside, with a note that says how to put it back.`}
      </p>
      <Verification verification={health.verification} checking={checking} />
      {issues.length > 0 && (
        <ul className="card-list health-issues" aria-label="Problems found">
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
          <ul className="card-list health-quarantine" aria-label="Kept aside">
            {quarantine.map((entry) => (
              <Kept key={entry.folder} entry={entry} />
            ))}
          </ul>
        </>
      )}
      <DialogFooter dialog={dialog} closeLabel="Close" closeIsPrimary />
    </dialog>
  );
}

/** How the files were checked: at open (all, or only those changed), then each file's content in the background. */
function Verification({ verification, checking }: { verification: LibraryVerification; checking: CheckProgress | null }) {
  const { openCheck, filesRead, state, finishedAt } = verification;
  const atOpen =
    openCheck === 'full'
      ? `When the library was opened, every file was read and checked (${count(filesRead, 'file')}).`
      : `When the library was opened, only the files changed since the last check were read (${count(filesRead, 'file')}); the others were known by their size and date.`;
  const progress = checking ?? (state === 'running' ? { done: verification.done, total: verification.total } : null);
  return (
    <div className="health-verification">
      <p>{atOpen}</p>
      {progress ? (
        <div className="health-progress">
          <label htmlFor="health-progress-bar">
            Checking the content of every file: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
          </label>
          <progress id="health-progress-bar" max={progress.total} value={progress.done} />
        </div>
      ) : state === 'done' && finishedAt ? (
        <p>The content of every file was checked against the last check at {new Date(finishedAt).toLocaleTimeString()}.</p>
      ) : state === 'waiting' ? (
        <p>The content of every file will be checked in the background.</p>
      ) : null}
    </div>
  );
}

function count(n: number, what: string): string {
  return `${n.toLocaleString()} ${what}${n === 1 ? '' : 's'}`;
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
