// The sync dialog: connect this library to a CouchDB database (or disconnect it), how sync is doing,
// and the conflicts the server holds, each with its versions side by side to keep one or merge them.
import { useEffect, useState, type FormEvent } from 'react';
import type { SyncConflict, SyncView } from '../../../shared/sync/sync-status';
import { call, errorMessage } from '../api/client';
import { DialogFooter } from '../ui/DialogFooter';
import { useModalDialog } from '../ui/useModalDialog';

interface Props {
  view: SyncView;
  onView(view: SyncView): void;
  onClose(): void;
}

export function SyncDialog({ view, onView, onClose }: Props) {
  const dialog = useModalDialog();
  return (
    <dialog ref={dialog} className="metadata-dialog report-dialog sync-dialog" onClose={onClose} aria-labelledby="sync-title">
      <h2 id="sync-title" tabIndex={-1} autoFocus>
        Sync with a CouchDB server
      </h2>
      {view.connection ? <Connected view={view} onView={onView} /> : <ConnectForm onView={onView} />}
      <DialogFooter dialog={dialog} closeLabel="Close" closeIsPrimary />
    </dialog>
  );
}

function ConnectForm({ onView }: { onView(view: SyncView): void }) {
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onView(await call('sync.connect', { url, username, password }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="sync-form" onSubmit={(event) => void submit(event)}>
      <p>
        Everyone connected to the same database sees what the others do, and works offline in between. The password is kept on this
        computer only, never in the library.
      </p>
      <label>
        Database address
        <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://couch.example.org/policy-group" />
      </label>
      <label>
        User name
        <input type="text" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && (
        <p className="sync-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}

function Connected({ view, onView }: { view: SyncView; onView(view: SyncView): void }) {
  const { connection, status } = view;
  const [error, setError] = useState<string | null>(null);
  const disconnect = async () => {
    try {
      onView(await call('sync.disconnect', {}));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <>
      <p className="sync-connection">
        This library syncs with <span className="file-name">{connection!.url}</span>
        {connection!.username ? ` as ${connection!.username}` : ''}.{' '}
        <button type="button" onClick={() => void disconnect()}>
          Disconnect
        </button>
      </p>
      {status && (
        <dl className="sync-status" aria-label="Sync status">
          <dt>Last synced</dt>
          <dd>{status.lastSync ? new Date(status.lastSync).toLocaleString() : 'Not yet'}</dd>
          <dt>Waiting to be sent</dt>
          <dd>{status.waiting === 0 ? 'Nothing' : `${status.waiting} change${status.waiting === 1 ? '' : 's'}`}</dd>
          {status.error && (
            <>
              <dt>Problem</dt>
              <dd className="sync-error">{status.error}</dd>
            </>
          )}
        </dl>
      )}
      {status && status.notAppliedCount > 0 && (
        <>
          <h3>Not applied here yet</h3>
          <ul className="card-list sync-list" aria-label="Not applied here yet">
            {status.notApplied.map((item) => (
              <li key={item.id}>
                <span className="file-name">{item.id}</span>: {item.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {status && status.notSent.length > 0 && (
        <>
          <h3>Not sent</h3>
          <ul className="card-list sync-list" aria-label="Not sent">
            {status.notSent.map((item) => (
              <li key={item.id}>
                <span className="file-name">{item.id}</span>: {item.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="sync-error" role="alert">
          {error}
        </p>
      )}
      <Conflicts count={status?.conflicts ?? 0} onView={onView} />
    </>
  );
}

function Conflicts({ count, onView }: { count: number; onView(view: SyncView): void }) {
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (count === 0) return;
    let current = true;
    call('sync.conflicts', {}).then(
      (list) => current && (setConflicts(list), setError(null)),
      (failure: unknown) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [count]);
  const resolve = async (id: string, choice: { rev: string } | { merge: true }) => {
    try {
      onView(await call('sync.resolve', { id, choice }));
      setConflicts((list) => list?.filter((c) => c.id !== id) ?? null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <>
      <h3>Conflicts</h3>
      {error && (
        <p className="sync-error" role="alert">
          {error}
        </p>
      )}
      {count === 0 ? (
        <p className="empty-hint">No conflicts: nothing was changed in two places at once.</p>
      ) : !conflicts ? (
        <p className="loading">Reading the conflicting versions…</p>
      ) : (
        <ul className="card-list sync-conflicts" aria-label="Conflicts">
          {conflicts.map((conflict) => (
            <li key={conflict.id} className="sync-conflict">
              <p className="sync-conflict-label">
                {conflict.label}: changed in two places. Both versions are kept until you choose.
              </p>
              <ol className="sync-versions">
                {conflict.versions.map((version, i) => (
                  <li key={version.rev}>
                    <p>
                      <strong>Version {i + 1}</strong>
                      {version.winner ? ' (shown now)' : ''}: {version.summary}
                    </p>
                    <button type="button" onClick={() => void resolve(conflict.id, { rev: version.rev })}>
                      Keep version {i + 1}
                    </button>
                  </li>
                ))}
              </ol>
              {conflict.merge && (
                <button type="button" onClick={() => void resolve(conflict.id, { merge: true })}>
                  Merge them ({conflict.merge})
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
