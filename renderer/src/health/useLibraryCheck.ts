// Progress of the background check of the library's files, from main's 'task.progress' events.
import { useEffect, useState } from 'react';
import type { ApiEvent } from '../../../shared/api';
import { LIBRARY_CHECK_TASK } from '../../../shared/health';
import { onEvent } from '../api/client';

export interface CheckProgress {
  done: number;
  total: number;
}

/** The check's progress while it runs (null otherwise); `onFinished` runs when it ends. */
export function useLibraryCheck(onFinished: () => void): CheckProgress | null {
  const [progress, setProgress] = useState<CheckProgress | null>(null);
  useEffect(
    () =>
      onEvent((event) => {
        if (event.name !== 'task.progress') return;
        const { task, done, total } = (event as ApiEvent<'task.progress'>).payload;
        if (task !== LIBRARY_CHECK_TASK) return;
        if (done >= total) {
          setProgress(null);
          onFinished();
        } else setProgress({ done, total });
      }),
    [onFinished],
  );
  return progress;
}
