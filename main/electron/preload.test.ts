import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, contract, type ApiEvent } from '../../shared/api';
import type { PreloadApi as ExposedApi } from '../../shared/api';
import { mainWindowOptions } from './window';

// Stand-ins for Electron's renderer-side modules: capture what the preload exposes and sends.
const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

let api: ExposedApi;

/** Loads the preload as a sandboxed renderer would, with `argv` as its process.argv. */
async function importPreloadWithArgv(argv: string[]): Promise<void> {
  const saved = process.argv;
  process.argv = argv;
  try {
    await import('./preload');
  } finally {
    process.argv = saved;
  }
}

beforeAll(async () => {
  // The renderer's argv as Electron builds it from the main window's webPreferences.
  const rendererArgs = mainWindowOptions('/app/preload.cjs', null).webPreferences?.additionalArguments ?? [];
  await importPreloadWithArgv(['/electron', '--type=renderer', ...rendererArgs]);
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, value] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, ExposedApi];
  expect(key).toBe('apostil');
  api = value;
});

describe('preload', () => {
  it('exposes only calls and onEvent', () => {
    expect(Object.keys(api).sort()).toEqual(['calls', 'onEvent']);
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('invoke');
  });

  it('exposes one function per call of the contract, and nothing else', () => {
    expect(Object.keys(api.calls).sort()).toEqual(Object.keys(contract).sort());
    for (const name of CALL_NAMES) expect(typeof api.calls[name]).toBe('function');
  });

  it("invokes each call's own channel with its arguments", async () => {
    for (const name of CALL_NAMES) {
      electron.ipcRenderer.invoke.mockClear();
      const call = api.calls[name] as (args: unknown) => Promise<unknown>;
      const result = await call({ probe: name });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(`apostil:${name}`, { probe: name });
      expect(result).toEqual({ ok: true, value: { channel: `apostil:${name}`, args: { probe: name } } });
    }
  });

  it('turns a failed invoke (no handler, main gone) into an error value', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'apostil:documents.list'"));
    expect(await api.calls['documents.list']({})).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('No handler registered') },
    });
  });

  it('delivers events without the IpcRendererEvent, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith('apostil:event', expect.any(Function));
    const relay = electron.ipcRenderer.on.mock.calls.at(-1)?.[1] as (event: unknown, payload: ApiEvent) => void;
    const ipcEvent = { sender: { secret: 'ipcRenderer' }, ports: [] };
    const apiEvent: ApiEvent = { name: 'library.change', payload: { kind: 'document.deleted', documentId: 'd1' } };
    relay(ipcEvent, apiEvent);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([apiEvent]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('apostil:event', relay);
  });

  it('exposes no calls when the window was opened without the call list', async () => {
    vi.resetModules();
    electron.contextBridge.exposeInMainWorld.mockClear();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await importPreloadWithArgv(['/electron', '--type=renderer']);
    const [, bare] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, ExposedApi];
    expect(Object.keys(bare.calls)).toEqual([]);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => api.onEvent('nope' as unknown as () => void)).toThrow(TypeError);
  });
});
