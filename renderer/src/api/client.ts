// The renderer's one way to reach main: window.apostil (the Electron preload) when present, the HTTP
// bridge in browser mode. Calls resolve to their value or throw an AppError with main's code and message.
import type { ApiBridge, ApiEvent, CallArgs, CallName, CallResult, PreloadApi } from '../../../shared/api';
import { AppError, type ApiResult } from '../../../shared/errors';
import type { LibraryChange } from '../../../shared/library-changes';
import { createHttpBridge, subscribeHttpEvents } from './http-bridge';

declare global {
  interface Window {
    apostil?: PreloadApi;
  }
}

const bridge: ApiBridge = window.apostil?.calls ?? createHttpBridge();

export async function call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const fn = bridge[name] as unknown as (args: CallArgs<K>) => Promise<ApiResult<CallResult<K>>>;
  const result = await fn(args);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as CallResult<K>;
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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
