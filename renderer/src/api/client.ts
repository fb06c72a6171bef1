// The renderer's one way to reach main: window.apostil (the Electron preload) when present, the HTTP
// bridge in browser mode. Calls resolve to their value or throw an AppError with main's code and message.
import type { ApiBridge, ApiEvent, CallArgs, CallName, CallResult, PreloadApi } from '../../../shared/api';
import { AppError, type ApiResult } from '../../../shared/errors';
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

export function onEvent(listener: (event: ApiEvent) => void): () => void {
  return window.apostil ? window.apostil.onEvent(listener) : subscribeHttpEvents(listener);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
