// Progress of (re)building the search index, from main's 'task.progress' events.
import { useEffect, useState } from 'react';
import type { ApiEvent } from '../../../shared/api';
import { onEvent } from '../api/client';

export interface IndexProgress {
  done: number;
  total: number;
  label: string;
}

const INDEX_TASK = 'search-index';

export function useIndexProgress(): IndexProgress | null {
  const [progress, setProgress] = useState<IndexProgress | null>(null);
  useEffect(
    () =>
      onEvent((event) => {
        if (event.name !== 'task.progress') return;
        const { task, done, total, label } = (event as ApiEvent<'task.progress'>).payload;
        if (task !== INDEX_TASK) return;
        setProgress(done >= total ? null : { done, total, label });
      }),
    [],
  );
  return progress;
}
