import type { BrowserWindow, BrowserWindowConstructorOptions, Dialog, Shell, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../shared/api';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { callsArgument } from './channels';
import { APP_ENTRY_URL } from './origin';
import { askToLeaveUnsaved, askToOpenExternal, createMainWindow, fitBounds, guardNavigation, mainWindowOptions } from './window';

describe('mainWindowOptions', () => {
  it('sets every hardening flag', () => {
    const prefs = mainWindowOptions('/app/preload.cjs', null).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(prefs?.spellcheck).toBe(true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    // The only renderer argument is the contract's call list for the preload.
    expect(prefs?.additionalArguments).toEqual([callsArgument(CALL_NAMES)]);
  });

  it('starts hidden (shown when ready) and uses saved bounds', () => {
    expect(mainWindowOptions('/p', null)).toMatchObject({ show: false, width: 1280, height: 860 });
    const options = mainWindowOptions('/p', { x: 10, y: 20, width: 900, height: 700 });
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
    expect(mainWindowOptions('/p', { width: 900, height: 700 })).not.toHaveProperty('x');
  });
});

describe('fitBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('keeps bounds that are on a display', () => {
    expect(fitBounds({ x: 100, y: 100, width: 1000, height: 800 }, screen)).toEqual({ x: 100, y: 100, width: 1000, height: 800 });
  });
  it('drops the position of a window left on a display that is gone', () => {
    expect(fitBounds({ x: 3000, y: 100, width: 1000, height: 800 }, screen)).toEqual({ width: 1000, height: 800 });
  });
  it('shrinks a window larger than every display', () => {
    expect(fitBounds({ width: 5000, height: 3000 }, screen)).toEqual({ width: 1920, height: 1080 });
  });
  it('ignores nonsense', () => {
    expect(fitBounds(null, screen)).toBeNull();
    expect(fitBounds({ width: 0, height: 100 }, screen)).toBeNull();
  });
});

type Listener = (event: { url: string; preventDefault: () => void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string) => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as WebContents,
    navigate: (url: string) => fire('will-navigate', url),
    preventUnload: () => fire('will-prevent-unload', ''),
    redirect: (url: string) => fire('will-redirect', url),
    attachWebview: () => fire('will-attach-webview', ''),
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('guardNavigation', () => {
  it('lets the page navigate within app://apostil/', () => {
    const openLink = vi.fn();
    const page = fakeContents();
    guardNavigation(page.contents, openLink);
    expect(page.navigate('app://apostil/index.html')).toBe(false);
    expect(page.redirect('app://apostil/index.html')).toBe(false);
    expect(openLink).not.toHaveBeenCalled();
  });

  it('cancels navigation away from the app, offering http(s) links to the browser', () => {
    const openLink = vi.fn();
    const page = fakeContents();
    guardNavigation(page.contents, openLink);
    expect(page.navigate('https://example.org/paper')).toBe(true);
    expect(openLink).toHaveBeenCalledWith('https://example.org/paper');
    openLink.mockClear();
    for (const url of ['file:///etc/passwd', 'app://evil/', 'javascript:alert(1)', 'smb://host/share']) {
      expect(page.navigate(url)).toBe(true);
    }
    expect(openLink).not.toHaveBeenCalled();
  });

  it('cancels redirects away from the app', () => {
    const openLink = vi.fn();
    const page = fakeContents();
    guardNavigation(page.contents, openLink);
    expect(page.redirect('https://example.org/')).toBe(true);
    expect(openLink).not.toHaveBeenCalled();
  });

  it('denies every window.open, offering http(s) links to the browser', () => {
    const openLink = vi.fn();
    const page = fakeContents();
    guardNavigation(page.contents, openLink);
    expect(page.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledWith('https://example.org/');
    expect(page.open('app://apostil/index.html')).toEqual({ action: 'deny' });
    expect(page.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach a <webview>', () => {
    const page = fakeContents();
    guardNavigation(page.contents, vi.fn());
    expect(page.attachWebview()).toBe(true);
  });
});

describe('askToOpenExternal', () => {
  const parent = {} as BrowserWindow;
  const setup = (response: number) => ({
    dialog: { showMessageBox: vi.fn(async () => ({ response, checkboxChecked: false })) },
    shell: { openExternal: vi.fn(async () => undefined) },
  });

  it('opens the link only when the user confirms', async () => {
    const yes = setup(0);
    expect(await askToOpenExternal(yes.dialog as unknown as Dialog, yes.shell as unknown as Shell, parent, 'https://example.org/')).toBe(true);
    expect(yes.dialog.showMessageBox).toHaveBeenCalledWith(parent, expect.objectContaining({ detail: 'https://example.org/', cancelId: 1 }));
    expect(yes.shell.openExternal).toHaveBeenCalledWith('https://example.org/');

    const no = setup(1);
    expect(await askToOpenExternal(no.dialog as unknown as Dialog, no.shell as unknown as Shell, parent, 'https://example.org/')).toBe(false);
    expect(no.shell.openExternal).not.toHaveBeenCalled();
  });

  it('never offers anything but http(s)', async () => {
    const yes = setup(0);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'app://apostil/']) {
      expect(await askToOpenExternal(yes.dialog as unknown as Dialog, yes.shell as unknown as Shell, parent, url)).toBe(false);
    }
    expect(yes.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(yes.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('createMainWindow', () => {
  it('builds the window from the options, loads the app and saves its bounds on close', async () => {
    const created: BrowserWindowConstructorOptions[] = [];
    const events = new Map<string, () => void>();
    const page = fakeContents();
    class FakeWindow {
      webContents = page.contents;
      constructor(options: BrowserWindowConstructorOptions) {
        created.push(options);
      }
      loadURL = vi.fn(async () => undefined);
      show = vi.fn();
      once = (name: string, listener: () => void) => events.set(name, listener);
      on = (name: string, listener: () => void) => events.set(name, listener);
      getNormalBounds = () => ({ x: 5, y: 6, width: 1000, height: 700 });
    }
    let settings: Settings = { ...DEFAULT_SETTINGS, window: { x: 50, y: 60, width: 1100, height: 750 } };
    const openLink = vi.fn();
    let leave = false;
    const window = createMainWindow({
      BrowserWindow: FakeWindow as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow,
      preloadPath: '/app/preload.cjs',
      settings: {
        get: () => settings,
        update: (patch) => (settings = { ...settings, ...patch }),
      },
      workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
      openLink,
      confirmLeave: () => leave,
    }) as unknown as FakeWindow;

    expect(created[0]).toMatchObject({ x: 50, y: 60, width: 1100, height: 750, webPreferences: { sandbox: true, preload: '/app/preload.cjs' } });
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    events.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalled();
    expect(page.navigate('https://example.org/')).toBe(true);
    expect(openLink).toHaveBeenCalledWith(window, 'https://example.org/');
    events.get('close')?.();
    expect(settings.window).toEqual({ x: 5, y: 6, width: 1000, height: 700 });
    // The page still saving: the window stays unless the user chooses to close anyway.
    expect(page.preventUnload()).toBe(false);
    leave = true;
    expect(page.preventUnload()).toBe(true);
  });
});

describe('askToLeaveUnsaved', () => {
  it('closes only when the user chooses Close Anyway', () => {
    const parent = {} as BrowserWindow;
    const asked: unknown[] = [];
    const answering = (response: number) => ({
      showMessageBoxSync: (...args: unknown[]) => {
        asked.push(args);
        return response;
      },
    });
    expect(askToLeaveUnsaved(answering(0) as unknown as Pick<Dialog, 'showMessageBoxSync'>, parent)).toBe(false);
    expect(askToLeaveUnsaved(answering(1) as unknown as Pick<Dialog, 'showMessageBoxSync'>, parent)).toBe(true);
    expect(asked[0]).toEqual([parent, expect.objectContaining({ buttons: ['Wait', 'Close Anyway'], cancelId: 0, message: 'Apostil is still saving your last change.' })]);
  });
});
