// Runs a long call as a task: a fresh task id, progress from 'task.progress' events, and cancel().
import { useCallback, useRef, useState } from 'react';
import { onEvent } from '../api/client';

export interface TaskProgress {
  done: number;
  total: number;
  label: string;
}

export function useTask() {
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(async <T,>(work: (taskId: string) => Promise<T>): Promise<T> => {
    const taskId = `task-${crypto.randomUUID()}`;
    current.current = taskId;
    setProgress({ done: 0, total: 1, label: 'Starting…' });
    const stop = onEvent((event) => {
      if (event.name !== 'task.progress') return;
      const payload = event.payload as { task: string } & TaskProgress;
      if (payload.task === taskId) setProgress({ done: payload.done, total: payload.total, label: payload.label });
    });
    try {
      return await work(taskId);
    } finally {
      stop();
      current.current = null;
      setProgress(null);
    }
  }, []);

  return { run, progress, runningId: current };
}
