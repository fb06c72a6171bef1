// The renderer's one way to reach main: window.apostil (the Electron preload) when present, the HTTP
// bridge in browser mode. Calls resolve to their value or throw an AppError with main's code and message.
import type { ApiBridge, ApiEvent, CallArgs, CallName, CallResult, PreloadApi } from '../../../shared/api';
import { AppError, type ApiResult } from '../../../shared/errors';
import type { LibraryChange } from '../../../shared/library-changes';
import { createHttpBridge, subscribeHttpEvents } from './http-bridge';
import { authHeaders } from './http-session';

declare global {
  interface Window {
    apostil?: PreloadApi;
  }
}

const bridge: ApiBridge = window.apostil?.calls ?? createHttpBridge();

export async function call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const fn = bridge[name] as unknown as (args: CallArgs<K>) => Promise<ApiResult<CallResult<K>>>;
  return valueOf(await fn(args));
}

/** A call's value, or its error thrown as an AppError with main's code and message. */
export function valueOf<K extends CallName>(result: ApiResult<CallResult<K>>): CallResult<K> {
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value;
}

const listeners = new Set<(event: ApiEvent) => void>();
let unsubscribe: (() => void) | null = null;

/** Every event main pushes, through one subscription to main however many parts of the page listen. */
export function onEvent(listener: (event: ApiEvent) => void): () => void {
  listeners.add(listener);
  const relay = (event: ApiEvent) => {
    for (const each of [...listeners]) each(event);
  };
  unsubscribe ??= window.apostil ? window.apostil.onEvent(relay) : subscribeHttpEvents(relay);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

/** The library's changes, in the order main's store published them. */
export function onLibraryChange(listener: (change: LibraryChange) => void): () => void {
  return onEvent((event) => {
    if (event.name === 'library.change') listener(event.payload as LibraryChange);
  });
}

export interface ChangeRecorder {
  /** Hands the changes recorded so far to `listener`, then every later one, until the returned stop. */
  deliverTo(listener: (change: LibraryChange) => void): () => void;
  /** Stops recording for good. */
  stop(): void;
}

/**
 * Starts recording the library's changes before something is read from main, so that nothing published
 * while it is read is missed: the reader applies the recorded changes (again, harmlessly, if what it
 * read already shows them) and follows on from there without a gap.
 */
export function recordLibraryChanges(): ChangeRecorder {
  let buffered: LibraryChange[] = [];
  let live: ((change: LibraryChange) => void) | null = null;
  const stop = onLibraryChange((change) => (live ? live(change) : buffered.push(change)));
  return {
    deliverTo(listener) {
      const recorded = buffered;
      buffered = [];
      for (const change of recorded) listener(change);
      live = listener;
      return () => {
        if (live === listener) live = null;
      };
    },
    stop,
  };
}

/**
 * A GET of one of main's resources by its path relative to the app (a document's original, read in
 * ranges): app://apostil/<path> in the desktop app, the host's /<path> in browser mode, signed there.
 */
export async function fetchFromMain(path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  const signature = window.apostil ? {} : await authHeaders();
  return fetch(path, { headers: { ...signature, ...headers }, signal, cache: 'no-store', credentials: 'omit' });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
