// Browser mode's event stream from the host (server-sent events on /api/events). It is read with
// fetch, because EventSource cannot send the session token, and a broken connection is opened again
// after a short wait, as EventSource would. (client.ts keeps one stream for the whole page.)
import type { ApiEvent } from '../../../shared/api';
import { authHeaders } from './http-session';

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 5_000;

/** Streams main's events to `listener` until the returned function is called. */
export function subscribeHttpEvents(listener: (event: ApiEvent) => void): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  void (async () => {
    let wait = FIRST_RETRY_MS;
    while (!signal.aborted) {
      try {
        const response = await fetch('api/events', { headers: await authHeaders(), signal, cache: 'no-store', credentials: 'omit' });
        if (response.ok && response.body) {
          wait = FIRST_RETRY_MS;
          const parser = new EventStreamParser();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            for (const data of parser.push(value)) deliver(data, listener);
          }
        }
      } catch {
        // The host went away, or the page closed the stream: try again below unless closed.
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, LAST_RETRY_MS);
    }
  })();
  return () => controller.abort();
}

function deliver(data: string, listener: (event: ApiEvent) => void): void {
  let event: ApiEvent;
  try {
    event = JSON.parse(data) as ApiEvent;
  } catch {
    return;
  }
  listener(event);
}

/** Splits a text/event-stream into the data of its events (comments and other fields are skipped). */
export class EventStreamParser {
  private buffer = '';

  push(text: string): string[] {
    this.buffer += text.replace(/\r\n?/g, '\n');
    const events: string[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''));
      if (data.length) events.push(data.join('\n'));
    }
    return events;
  }
}
