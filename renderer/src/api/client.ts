// The renderer's one way to reach main: window.apostil (the Electron preload) when present, the HTTP
// bridge in browser mode. Calls resolve to their value or throw an ApiCallError with the message.
import type { ApiBridge, ApiEvent, CallArgs, CallName, CallResult, PreloadApi } from '../../../shared/api';
import type { ApiResult, ErrorCode } from '../../../shared/errors';
import { createHttpBridge, subscribeHttpEvents } from './http-bridge';

declare global {
  interface Window {
    apostil?: PreloadApi;
  }
}

export class ApiCallError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

const bridge: ApiBridge = window.apostil?.calls ?? createHttpBridge();

export async function call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const fn = bridge[name] as unknown as (args: CallArgs<K>) => Promise<ApiResult<CallResult<K>>>;
  const result = await fn(args);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value as CallResult<K>;
}

export function onEvent(listener: (event: ApiEvent) => void): () => void {
  return window.apostil ? window.apostil.onEvent(listener) : subscribeHttpEvents(listener);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
