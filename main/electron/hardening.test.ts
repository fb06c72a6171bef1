// The Electron hardening checklist of the security issue, one assertion per item, each against the
// real configuration (window options, session rules, protocol, IPC registration, packaging fuses).
// Other tests in this folder go into each piece in depth; this file is the list a reviewer reads.
import { readFileSync } from 'node:fs';
import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { CALL_NAMES } from '../../shared/api';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/csp';
import { repoRoot } from '../test-support/corpus';
import { serveAppRequest } from './app-files';
import { registerIpc, type IpcMainLike } from './ipc';
import { APP_ENTRY_URL } from './origin';
import { APP_SCHEME_DEFINITION } from './protocol';
import { hardenSession, type SessionLike } from './session';
import { askToOpenExternal, guardNavigation, mainWindowOptions } from './window';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));

const prefs = mainWindowOptions('/app/preload.cjs', null).webPreferences!;

describe('Electron hardening', () => {
  it('context isolation is on', () => expect(prefs.contextIsolation).toBe(true));
  it('the renderer is sandboxed', () => expect(prefs.sandbox).toBe(true));
  it('node integration is off everywhere (page, workers, subframes)', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('web security is on, insecure content and <webview> are off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('every app page is served with a strict CSP with no remote source', async () => {
    const response = await serveAppRequest({ url: 'app://apostil/no-such-page', method: 'GET' }, repoRoot);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).not.toMatch(/https?:|wss?:|\*|unsafe-/);
  });

  it('navigation away from the app and new windows are denied; links go to the browser only after confirmation', async () => {
    const handlers = new Map<string, (event: { url: string; preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, handler: (event: { url: string; preventDefault(): void }) => void) => handlers.set(name, handler),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    } as unknown as WebContents;
    const offered: string[] = [];
    guardNavigation(contents, (url) => offered.push(url));
    const navigate = (url: string) => {
      const preventDefault = vi.fn();
      handlers.get('will-navigate')?.({ url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://example.org/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(offered).toEqual(['https://example.org/', 'https://example.org/']);

    const shell = { openExternal: vi.fn(async () => undefined) };
    const refuse = { showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })) };
    await askToOpenExternal(refuse as never, shell as never, null, 'https://example.org/');
    expect(refuse.showMessageBox).toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('every permission request and check is denied', () => {
    const installed: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (installed.request = h),
      setPermissionCheckHandler: (h: never) => (installed.check = h),
      setDevicePermissionHandler: (h: never) => (installed.device = h),
      webRequest: { onBeforeRequest: (h: never) => (installed.beforeRequest = h) },
    } as unknown as SessionLike;
    hardenSession(session);
    const callback = vi.fn();
    (installed.request as unknown as (...args: unknown[]) => void)({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect((installed.check as unknown as (...args: unknown[]) => boolean)({}, 'clipboard-read', 'app://apostil', {})).toBe(false);
    expect((installed.device as unknown as (...args: unknown[]) => boolean)({})).toBe(false);
  });

  it("the app's pages come from the app:// scheme, never file://", () => {
    expect(APP_ENTRY_URL).toBe('app://apostil/index.html');
    expect(APP_SCHEME_DEFINITION).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    const main = readFileSync(`${repoRoot}/main/electron/main.ts`, 'utf8');
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
  });

  it('every IPC message is checked for its sender frame before anything else', async () => {
    const channels = new Map<string, (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>>();
    const ipc: IpcMainLike = {
      handle: (channel: string, listener: never) => void channels.set(channel, listener),
      removeHandler: vi.fn(),
    };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    const checked: (WebFrameMain | null)[] = [];
    registerIpc(ipc, dispatch, (frame) => {
      checked.push(frame);
      return false;
    });
    expect(channels.size).toBe(CALL_NAMES.length);
    const stranger = { url: 'https://evil.example/' } as WebFrameMain;
    for (const [, listener] of channels) {
      expect(await listener({ senderFrame: stranger } as IpcMainInvokeEvent, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(checked).toHaveLength(CALL_NAMES.length);
    expect(dispatch).not.toHaveBeenCalled();
  });

  describe('Electron fuses of the packaged app (electron-builder.yml)', () => {
    const config = parse(readFileSync(`${repoRoot}/electron-builder.yml`, 'utf8')) as {
      asar?: boolean;
      electronFuses?: Record<string, boolean>;
    };
    const fuses = config.electronFuses ?? {};
    it('cannot be run as plain Node (no ELECTRON_RUN_AS_NODE)', () => expect(fuses.runAsNode).toBe(false));
    it('ignores NODE_OPTIONS and --inspect arguments', () => {
      expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false);
      expect(fuses.enableNodeCliInspectArguments).toBe(false);
    });
    it('checks the integrity of its ASAR archive and loads the app only from it', () => {
      expect(config.asar).toBe(true);
      expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true);
      expect(fuses.onlyLoadAppFromAsar).toBe(true);
    });
    it('gives file:// no extra privileges and encrypts cookies', () => {
      expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
      expect(fuses.enableCookieEncryption).toBe(true);
    });
  });
});
