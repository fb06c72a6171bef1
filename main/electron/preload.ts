// The sandboxed preload (bundled to one CommonJS file). It exposes `window.apostil`: one function per
// call of the contract (never a generic send(channel)) and `onEvent`, which hands the page only the
// event itself, never Electron's IpcRendererEvent. The call names are the contract's CALL_NAMES, which
// main passes in the renderer's argv (see channels.ts): this file does not change when a call is
// added, and the bundle does not carry the contract's schemas (zod) only to learn their names.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiBridge, ApiEvent, CallName, PreloadApi } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { callChannel, EVENT_CHANNEL, readCallsArgument } from './channels';

function createCalls(names: readonly CallName[]): ApiBridge {
  const calls: Record<string, (args: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const name of names) {
    const channel = callChannel(name);
    calls[name] = (args) =>
      (ipcRenderer.invoke(channel, args) as Promise<ApiResult<unknown>>).catch(
        (error: unknown): ApiResult<unknown> => ({
          ok: false,
          error: { code: 'internal', message: `Apostil could not reach its main process: ${messageOf(error)}` },
        }),
      );
  }
  return Object.freeze(calls) as unknown as ApiBridge;
}

function onEvent(listener: (event: ApiEvent) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
  const relay = (_event: IpcRendererEvent, apiEvent: ApiEvent) => listener(apiEvent);
  ipcRenderer.on(EVENT_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const names = readCallsArgument(process.argv);
if (names.length === 0) console.error('Apostil: the window was opened without its call list; no calls are available.');
const api: PreloadApi = { calls: createCalls(names), onEvent };
contextBridge.exposeInMainWorld('apostil', api);
