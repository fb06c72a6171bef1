// Long work (exports, imports of annotation files) that reports progress and can be cancelled. The
// renderer names each task with an id it chose, so it can cancel a task while the call is running.
import { AppError } from '../../shared/errors';
import type { EventBus } from './events';

export interface TaskHandle {
  readonly signal: AbortSignal;
  /** Reports progress as a 'task.progress' event, and throws AppError('cancelled') once cancelled. */
  progress(done: number, total: number, label: string): void;
  /** Throws AppError('cancelled') if the task was cancelled. */
  check(): void;
}

export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly events: Pick<EventBus, 'emit'>) {}

  async run<T>(taskId: string, work: (task: TaskHandle) => Promise<T>): Promise<T> {
    if (this.running.has(taskId)) throw new AppError('invalid-input', `A task with id ${taskId} is already running.`);
    const controller = new AbortController();
    this.running.set(taskId, controller);
    const check = () => {
      if (controller.signal.aborted) throw new AppError('cancelled', 'Cancelled: nothing was written.');
    };
    const handle: TaskHandle = {
      signal: controller.signal,
      check,
      progress: (done, total, label) => {
        check();
        this.events.emit('task.progress', { task: taskId, done, total, label });
      },
    };
    try {
      return await work(handle);
    } finally {
      this.running.delete(taskId);
    }
  }

  /** Cancels a running task; returns false if there is none with that id (it may have finished). */
  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    controller?.abort();
    return controller !== undefined;
  }
}

/** Lets other callers (and the event loop) in between steps of long work, so a cancel can arrive. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
