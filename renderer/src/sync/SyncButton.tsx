// Sync through CouchDB in the top bar: a button that says how sync is doing (off, up to date, what
// waits, offline, conflicts) and opens the sync dialog. It follows main's 'sync.status' events.
import { Suspense, useEffect, useState } from 'react';
import type { SyncView } from '../../../shared/sync/sync-status';
import { call, errorMessage, onEvent } from '../api/client';
import { lazyNamed } from '../ui/lazy';
import './sync.css';

/** Loaded when first opened: the first screen does not need it. */
const SyncDialog = lazyNamed(() => import('./SyncDialog'), 'SyncDialog');

export function SyncButton() {
  const [view, setView] = useState<SyncView | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const stop = onEvent((event) => {
      if (event.name === 'sync.status') setView(event.payload as SyncView);
    });
    call('sync.status', {}).then(setView, (error: unknown) => setFailed(errorMessage(error)));
    return stop;
  }, []);

  const label = view ? describe(view) : failed ? 'Sync unavailable' : 'Sync';
  const troubled = !!view?.status && (view.status.conflicts > 0 || view.status.phase === 'offline');
  return (
    <>
      <button
        type="button"
        className={troubled ? 'status-button sync-button needs-attention' : 'status-button sync-button'}
        onClick={() => setOpen(true)}
        disabled={!view}
        title={failed ?? view?.status?.error ?? undefined}
        aria-haspopup="dialog"
      >
        {label}
      </button>
      <Suspense fallback={null}>{open && view && <SyncDialog view={view} onView={setView} onClose={() => setOpen(false)} />}</Suspense>
    </>
  );
}

/** The button's words: the most important thing first. */
export function describe(view: SyncView): string {
  const { status } = view;
  if (!view.connection || !status) return 'Sync: off';
  if (status.conflicts > 0) return `Sync: ${status.conflicts === 1 ? '1 conflict' : `${status.conflicts} conflicts`}`;
  if (status.phase === 'offline') return status.waiting ? `Sync: offline, ${status.waiting} waiting` : 'Sync: offline';
  if (status.waiting > 0) return `Sync: ${status.waiting} waiting`;
  if (status.phase === 'idle' && status.lastSync) return `Synced ${new Date(status.lastSync).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  return 'Syncing…';
}
