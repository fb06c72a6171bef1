// Events main pushes to the renderer (over IPC or server-sent events). Services emit; transports listen.
import type { ApiEvent, ApiEvents, EventName } from '../../shared/api';

export type EventListener = (event: ApiEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: ApiEvents[K]): void {
    for (const listener of this.listeners) listener({ name, payload } as ApiEvent);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
