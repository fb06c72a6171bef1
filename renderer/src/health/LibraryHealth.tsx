// The library health view: a button in the top bar that says whether the check at open found
// anything, and a dialog that lists each finding (what, what Apostil did, where the data was kept)
// and everything kept aside so far. When the check found problems, a notice says so once at start.
import { useEffect, useRef, useState } from 'react';
import type { LibraryHealth } from '../../../shared/health';
import { call } from '../api/client';
import { useNotices } from '../ui/notices';
import { useAsync } from '../ui/useAsync';
import { HealthDialog } from './HealthDialog';
import './health.css';

export function LibraryHealthButton() {
  const { notify } = useNotices();
  const [state] = useAsync(() => call('library.health', {}), 'health');
  const [open, setOpen] = useState(false);
  const announced = useRef(false);
  const health: LibraryHealth | null = state.status === 'ready' ? state.value : null;
  const count = health?.issues.length ?? 0;

  useEffect(() => {
    if (!health || count === 0 || announced.current) return;
    announced.current = true;
    notify(
      'error',
      `Apostil found ${count === 1 ? 'a problem' : `${count} problems`} in the library and kept the affected data aside.`,
      { label: 'Show', run: () => setOpen(true) },
    );
  }, [health, count, notify]);

  if (state.status === 'error') {
    return (
      <button type="button" className="health-button health-unknown" title={state.message} disabled>
        Library health unknown
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className={count > 0 ? 'health-button health-problems' : 'health-button'}
        onClick={() => setOpen(true)}
        disabled={!health}
        aria-haspopup="dialog"
      >
        {count > 0 ? `Library health: ${count === 1 ? '1 problem' : `${count} problems`}` : 'Library health'}
      </button>
      {open && health && <HealthDialog health={health} onClose={() => setOpen(false)} />}
    </>
  );
}
