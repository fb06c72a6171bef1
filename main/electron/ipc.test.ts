import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, contract } from '../../shared/api';
import { createDispatcher, type Handlers } from '../api/dispatch';
import { EventBus } from '../services/events';
import { callChannel, EVENT_CHANNEL } from './channels';
import { createSenderCheck, forwardEvents, registerAppIpc, registerIpc, type IpcMainLike } from './ipc';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

// ipc.ts imports Electron's ipcMain; the real module would try to fetch the Electron binary.
const electronIpc = vi.hoisted(() => ({ handle: vi.fn(), removeHandler: vi.fn() }));
vi.mock('electron', () => ({ ipcMain: electronIpc }));

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeHandler>();
  readonly registrations: string[] = [];
  handle(channel: string, listener: InvokeHandler): void {
    this.registrations.push(channel);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, frame: WebFrameMain | null, args: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler({ senderFrame: frame } as IpcMainInvokeEvent, args));
  }
}

interface FrameOptions {
  url?: string;
  parent?: WebFrameMain | null;
  detached?: boolean;
  processId?: number;
  routingId?: number;
}
function frame(options: FrameOptions = {}): WebFrameMain {
  return {
    url: options.url ?? 'app://apostil/index.html',
    parent: options.parent ?? null,
    detached: options.detached ?? false,
    processId: options.processId ?? 4,
    routingId: options.routingId ?? 1,
  } as unknown as WebFrameMain;
}

function spyHandlers(): Handlers {
  return Object.fromEntries(CALL_NAMES.map((name) => [name, vi.fn(async () => `result of ${name}`)])) as unknown as Handlers;
}

describe('registerIpc', () => {
  let ipc: FakeIpcMain;
  let handlers: Handlers;
  const mainFrame = frame();
  const check = createSenderCheck(() => [mainFrame]);

  beforeEach(() => {
    ipc = new FakeIpcMain();
    handlers = spyHandlers();
    registerIpc(ipc, createDispatcher(handlers), check);
  });

  it('registers every call of the contract exactly once, on apostil:<name>', () => {
    expect(ipc.registrations).toHaveLength(Object.keys(contract).length);
    expect(new Set(ipc.registrations).size).toBe(ipc.registrations.length);
    expect([...ipc.registrations].sort()).toEqual(Object.keys(contract).map((name) => `apostil:${name}`).sort());
    for (const name of CALL_NAMES) expect(ipc.registrations).toContain(callChannel(name));
  });

  it('dispatches a valid call from the app window to its handler', async () => {
    const result = await ipc.invoke('apostil:documents.open', frame(), { id: 'doc-1' });
    expect(result).toEqual({ ok: true, value: 'result of documents.open' });
    expect(handlers['documents.open']).toHaveBeenCalledWith({ id: 'doc-1' });
  });

  it('treats a missing payload as an empty one', async () => {
    expect(await ipc.invoke('apostil:documents.list', frame(), undefined)).toEqual({ ok: true, value: 'result of documents.list' });
  });

  it.each([
    ['documents.open', { id: '../../etc/passwd' }],
    ['documents.open', { id: 42 }],
    ['documents.open', {}],
    ['documents.list', { unexpected: true }],
    ['search.query', { query: 'x', limit: 100_000 }],
    ['settings.update', { patch: { lastLibrary: '/tmp/elsewhere' } }],
    ['documents.import', { name: 'a.pdf', bytes: 'not bytes' }],
    ['codebook.edit', 'a string'],
    ['codebook.edit', { edit: { kind: 'principle.move', id: 'x', parentId: null, index: -1 } }],
  ] as const)('refuses %s with %j as invalid-input before any service sees it', async (name, args) => {
    const result = await ipc.invoke(`apostil:${name}`, frame(), args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    for (const spy of Object.values(handlers)) expect(spy).not.toHaveBeenCalled();
  });

  const untrusted: [string, WebFrameMain | null][] = [
    ['no frame', null],
    ['a web page', frame({ url: 'https://evil.example/index.html' })],
    ['a file: page', frame({ url: 'file:///tmp/index.html' })],
    ['another host on our scheme', frame({ url: 'app://evil/index.html' })],
    ['our URL with credentials', frame({ url: 'app://user:pw@apostil/index.html' })],
    ['our URL with a port', frame({ url: 'app://apostil:8080/index.html' })],
    ['an empty URL', frame({ url: '' })],
    ['a subframe of our page', frame({ parent: mainFrame, routingId: 9 })],
    ['a subframe claiming to be the main frame', frame({ parent: mainFrame })],
    ['the top frame of another webContents', frame({ processId: 7, routingId: 3 })],
    ['a detached frame', frame({ detached: true })],
  ];
  it.each(untrusted)('refuses a call from %s with forbidden', async (_label, sender) => {
    const result = await ipc.invoke('apostil:documents.list', sender, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const spy of Object.values(handlers)) expect(spy).not.toHaveBeenCalled();
  });

  it('refuses when inspecting the frame throws (a disposed frame)', async () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
      detached: false,
    } as unknown as WebFrameMain;
    expect(await ipc.invoke('apostil:documents.list', disposed, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('accepts a distinct WebFrameMain object standing for the same frame', async () => {
    const sameFrame = frame({ url: 'app://apostil/index.html#/reader' });
    expect(await ipc.invoke('apostil:documents.list', sameFrame, {})).toMatchObject({ ok: true });
  });
});

describe('registerIpc unregister', () => {
  it('removes every handler it registered', () => {
    const ipc = new FakeIpcMain();
    const unregister = registerIpc(ipc, createDispatcher(spyHandlers()), () => true);
    expect(ipc.handlers.size).toBe(CALL_NAMES.length);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('registerAppIpc', () => {
  it("registers on Electron's ipcMain", () => {
    const unregister = registerAppIpc(createDispatcher(spyHandlers()), () => true);
    expect(electronIpc.handle).toHaveBeenCalledTimes(CALL_NAMES.length);
    unregister();
    expect(electronIpc.removeHandler).toHaveBeenCalledTimes(CALL_NAMES.length);
  });
});

describe('forwardEvents', () => {
  it("sends each event on 'apostil:event' until unsubscribed, and skips a destroyed webContents", () => {
    const bus = new EventBus();
    let destroyed = false;
    const contents = { send: vi.fn(), isDestroyed: () => destroyed };
    const stop = forwardEvents(bus, contents);
    bus.emit('library.change', { kind: 'document.deleted', documentId: 'a' });
    expect(contents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { name: 'library.change', payload: { kind: 'document.deleted', documentId: 'a' } });
    destroyed = true;
    bus.emit('library.change', { kind: 'document.deleted', documentId: 'b' });
    expect(contents.send).toHaveBeenCalledTimes(1);
    destroyed = false;
    stop();
    bus.emit('library.change', { kind: 'document.deleted', documentId: 'c' });
    expect(contents.send).toHaveBeenCalledTimes(1);
  });
});
