// The library's change events: a store publishes each change once, after its write succeeded, and every
// subscriber sees every change, in publication order (the store publishes from its one-at-a-time write
// queue). Subscribers are called synchronously: one that needs async work queues it itself, in order.
// One that throws neither undoes the write nor keeps the change from the others: it is logged.
import type { LibraryChange } from '../../../shared/library-changes';

export type ChangeListener = (change: LibraryChange) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly log: (message: string) => void = (message) => console.error(message)) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: LibraryChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.log(`A follower of library changes failed on ${change.kind}: ${(error as Error).message}`);
      }
    }
  }
}
