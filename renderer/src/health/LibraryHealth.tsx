// The library health view: a button in the top bar that says whether the check at open (or the check
// of every file's content that follows it, in the background) found anything, and a dialog that lists
// each finding (what, what Apostil did, where the data was kept) and everything kept aside so far.
// When a check found problems, a notice says so once.
import { Suspense, useEffect, useRef, useState } from 'react';
import type { LibraryHealth } from '../../../shared/health';
import { call } from '../api/client';
import { useNotices } from '../ui/notices';
import { useAsync } from '../ui/useAsync';
import { lazyNamed } from '../ui/lazy';
import { useLibraryCheck } from './useLibraryCheck';
import './health.css';

/** Loaded when first opened: the first screen does not need it. */
const HealthDialog = lazyNamed(() => import('./HealthDialog'), 'HealthDialog');

export function LibraryHealthButton() {
  const { notify } = useNotices();
  const [state, reload] = useAsync(() => call('library.health', {}), 'health');
  // While the background check runs, its progress; when it ends, the report is fetched again.
  const checking = useLibraryCheck(reload);
  const [open, setOpen] = useState(false);
  /** How many problems a notice has told of (a later check may find more). */
  const announced = useRef(0);
  const health: LibraryHealth | null = state.status === 'ready' ? state.value : null;
  const count = health?.issues.length ?? 0;

  useEffect(() => {
    if (!health || count <= announced.current) return;
    announced.current = count;
    notify(
      'error',
      `Apostil found ${count === 1 ? 'a problem' : `${count} problems`} in the library and kept the affected data aside.`,
      { label: 'Show', run: () => setOpen(true) },
    );
  }, [health, count, notify]);

  if (state.status === 'error') {
    return (
      <button type="button" className="status-button health-button health-unknown" title={state.message} disabled>
        Library health unknown
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className={count > 0 ? 'status-button health-button needs-attention' : 'status-button health-button'}
        onClick={() => setOpen(true)}
        disabled={!health}
        aria-haspopup="dialog"
      >
        {count > 0 ? `Library health: ${count === 1 ? '1 problem' : `${count} problems`}` : 'Library health'}
        {checking && <span className="health-checking"> · checking files {percent(checking.done, checking.total)}</span>}
      </button>
      <Suspense fallback={null}>{open && health && <HealthDialog health={health} checking={checking} onClose={() => setOpen(false)} />}</Suspense>
    </>
  );
}

function percent(done: number, total: number): string {
  return `${Math.floor((100 * done) / Math.max(1, total))} %`;
}
