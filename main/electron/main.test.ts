// Boots main.ts against a fake Electron: the real services, settings and library on a temp folder,
// with every Electron object replaced by a recording stand-in. Checks the startup order (what must
// happen before ready), the wiring (protocol, session, IPC, window, events), and that quitting
// releases the library's lock.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../shared/api';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/csp';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const log: string[] = [];
  const listeners = (): Map<string, Listener[]> => new Map();
  const on = (map: Map<string, Listener[]>) => (name: string, listener: Listener) => {
    map.set(name, [...(map.get(name) ?? []), listener]);
  };
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const appListeners = listeners();
  const paths = new Map<string, string>();
  const app = {
    listeners: appListeners,
    isPackaged: false,
    name: 'Apostil',
    setName: vi.fn((name: string) => log.push(`setName:${name}`)),
    setPath: vi.fn((name: string, value: string) => {
      log.push(`setPath:${name}`);
      paths.set(name, value);
    }),
    getPath: (name: string) => paths.get(name) ?? '',
    enableSandbox: vi.fn(() => log.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: () => ready,
    on: on(appListeners),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const ipcHandlers = new Map<string, Listener>();
  // Vitest clears mock calls between tests, so what later tests inspect is kept here.
  const captured: { schemes?: unknown; protocolHandlers: Map<string, Listener> } = { protocolHandlers: new Map() };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly listeners = listeners();
    readonly options: Record<string, unknown>;
    readonly webContents = {
      listeners: listeners(),
      mainFrame: { url: 'app://apostil/index.html', parent: null, detached: false, processId: 3, routingId: 1 },
      on(name: string, listener: Listener) {
        on(this.listeners)(name, listener);
        return this;
      },
      setWindowOpenHandler: vi.fn(),
      send: vi.fn(),
      isDestroyed: () => false,
    };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
    loadURL = vi.fn(async () => undefined);
    once = (name: string, listener: Listener) => on(this.listeners)(name, listener);
    on = (name: string, listener: Listener) => on(this.listeners)(name, listener);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => true;
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1000, height: 700 });
  }
  const module = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((schemes: unknown) => {
        log.push('registerSchemesAsPrivileged');
        captured.schemes = schemes;
      }),
      handle: vi.fn((scheme: string, handler: Listener) => captured.protocolHandlers.set(scheme, handler)),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    dialog: { showMessageBox: vi.fn(), showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    screen: { getAllDisplays: () => [] },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
  };
  return { log, markReady, module, app, ipcHandlers, windows, captured };
});
vi.mock('electron', () => fake.module);

let base: string;
let libraryDir: string;
let dataDir: string;
const savedArgv = process.argv;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'apostil-main-'));
  libraryDir = path.join(base, 'library');
  dataDir = path.join(base, 'data');
  // electron-store (loaded by Node, outside vi.mock) imports the real 'electron' package: keep it from
  // trying to download the binary. It then finds no `app` and uses the absolute cwd it is given.
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= path.join(base, 'no-electron');
  process.argv = ['/path/to/Apostil', '--library', libraryDir, '--data-dir', dataDir, '--enable-logging'];
  await import('./main');
});
afterAll(async () => {
  process.argv = savedArgv;
  await rm(base, { recursive: true, force: true });
});

const window = () => {
  const first = fake.windows[0];
  if (!first) throw new Error('no window was created');
  return first;
};
const invoke = (channel: string, frame: unknown, args: unknown) => {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`nothing handles ${channel}`);
  return handler({ senderFrame: frame }, args);
};

describe('main.ts', () => {
  it('does what must precede ready before ready, and nothing else', () => {
    expect(fake.log).toEqual(['setName:Apostil', 'setPath:userData', 'enableSandbox', 'registerSchemesAsPrivileged']);
    expect(fake.app.getPath('userData')).toBe(dataDir);
    expect(fake.captured.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.app.listeners.has('second-instance')).toBe(true);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('once ready: hardens the session, serves the renderer, opens the library, registers IPC and opens the window', async () => {
    fake.markReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 });
    const session = fake.module.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.setPermissionCheckHandler).toHaveBeenCalled();
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(fake.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(existsSync(path.join(libraryDir, 'apostil.lock'))).toBe(true);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(CALL_NAMES.map((name) => `apostil:${name}`).sort());
    expect(fake.module.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(window().loadURL).toHaveBeenCalledWith('app://apostil/index.html');
    expect(window().options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(fake.module.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.app.exit).not.toHaveBeenCalled();
  });

  it('serves the renderer on app:// with the CSP header', async () => {
    const handler = fake.captured.protocolHandlers.get('app') as (request: Request) => Promise<Response>;
    const response = await handler(new Request('app://apostil/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
  });

  it('answers calls from the window, refuses others, and forwards events to the window', async () => {
    const info = await invoke('apostil:library.info', window().webContents.mainFrame, {});
    expect(info).toMatchObject({ ok: true, value: { path: path.resolve(libraryDir) } });

    const foreign = { ...window().webContents.mainFrame, url: 'https://example.org/' };
    expect(await invoke('apostil:library.info', foreign, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const imported = await invoke('apostil:documents.import', window().webContents.mainFrame, {
      name: 'note.txt',
      bytes: new TextEncoder().encode('A short note about the Paris Call.'),
    });
    expect(imported).toMatchObject({ ok: true, value: { status: 'imported' } });
    expect(window().webContents.send).toHaveBeenCalledWith('apostil:event', expect.objectContaining({ name: 'library.change', payload: expect.objectContaining({ kind: 'document.added' }) }));
  });

  it('brings the window back when Apostil is started a second time', () => {
    for (const listener of fake.app.listeners.get('second-instance') ?? []) listener({}, ['/Apostil'], '/');
    expect(window().restore).toHaveBeenCalled();
    expect(window().focus).toHaveBeenCalled();
  });

  it('refuses new windows, <webview> and navigation away from the app in every webContents', () => {
    const setWindowOpenHandler = vi.fn();
    const contentsListeners = new Map<string, Listener>();
    const contents = { setWindowOpenHandler, on: (name: string, listener: Listener) => contentsListeners.set(name, listener) };
    for (const listener of fake.app.listeners.get('web-contents-created') ?? []) listener({}, contents);
    const handler = setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown;
    expect(handler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const preventDefault = vi.fn();
    contentsListeners.get('will-attach-webview')?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    const navigate = (url: string) => {
      const prevent = vi.fn();
      contentsListeners.get('will-navigate')?.({ url, preventDefault: prevent });
      return prevent.mock.calls.length > 0;
    };
    expect(navigate('https://example.org/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://apostil/index.html')).toBe(false);
  });

  it('saves the window bounds when it closes, and releases the library when quitting', async () => {
    for (const listener of window().listeners.get('close') ?? []) listener();
    expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(true);

    const preventDefault = vi.fn();
    for (const listener of fake.app.listeners.get('will-quit') ?? []) listener({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(existsSync(path.join(libraryDir, 'apostil.lock'))).toBe(false);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
