// Browser mode's bridge: the same one-function-per-call shape as the Electron preload, over HTTP to
// the host on 127.0.0.1 (the per-launch token travels in a same-site cookie).
import { CALL_NAMES, type ApiBridge, type ApiEvent } from '../../../shared/api';
import type { ApiResult } from '../../../shared/errors';
import { decodeWire, encodeWire } from '../../../shared/wire';

export function createHttpBridge(): ApiBridge {
  const bridge: Partial<Record<string, (args: unknown) => Promise<ApiResult<unknown>>>> = {};
  for (const name of CALL_NAMES) {
    bridge[name] = async (args) => {
      let response: Response;
      try {
        response = await fetch(`api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: encodeWire(args ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Apostil is not reachable. Is `npm run web` still running?' } };
      }
      if (!response.ok) {
        return { ok: false, error: { code: 'forbidden', message: (await response.text()) || `HTTP ${response.status}` } };
      }
      return decodeWire(await response.text()) as ApiResult<unknown>;
    };
  }
  return bridge as ApiBridge;
}

export function subscribeHttpEvents(listener: (event: ApiEvent) => void): () => void {
  const source = new EventSource('api/events');
  source.onmessage = (message) => listener(JSON.parse(message.data as string) as ApiEvent);
  return () => source.close();
}
