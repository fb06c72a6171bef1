// The main window: hardened webPreferences, navigation locked to app://apostil/, new windows refused,
// external http(s) links opened in the user's browser only after they confirm, and the window's
// bounds kept in the settings. Electron objects are passed in, so this is unit-tested with fakes.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  Rectangle,
  Shell,
  WebContents,
} from 'electron';
import { CALL_NAMES } from '../../shared/api';
import type { WindowBounds } from '../../shared/settings';
import type { SettingsService } from '../services/settings';
import { callsArgument } from './channels';
import { APP_ENTRY_URL, isAppUrl, isExternalLink } from './origin';

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 860 };
const MIN_WIDTH = 720;
const MIN_HEIGHT = 480;

export function mainWindowOptions(preloadPath: string, bounds: WindowBounds | null): BrowserWindowConstructorOptions {
  const { width, height, x, y } = bounds ?? DEFAULT_BOUNDS;
  return {
    width,
    height,
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Apostil',
    show: false,
    webPreferences: {
      preload: preloadPath,
      // The preload's list of calls: the contract's, one function each (see channels.ts).
      additionalArguments: [callsArgument(CALL_NAMES)],
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
      safeDialogs: true,
      spellcheck: true,
    },
  };
}

/**
 * Keeps a saved window on screen: bounds that no longer overlap any display (a monitor was unplugged)
 * lose their position, and a size larger than every display shrinks to the largest work area.
 */
export function fitBounds(saved: WindowBounds | null, workAreas: readonly Rectangle[]): WindowBounds | null {
  if (!saved || !(saved.width > 0) || !(saved.height > 0)) return null;
  if (workAreas.length === 0) return saved;
  const maxWidth = Math.max(...workAreas.map((area) => area.width));
  const maxHeight = Math.max(...workAreas.map((area) => area.height));
  const width = Math.max(MIN_WIDTH, Math.min(saved.width, maxWidth));
  const height = Math.max(MIN_HEIGHT, Math.min(saved.height, maxHeight));
  if (saved.x === undefined || saved.y === undefined) return { width, height };
  const rect = { x: saved.x, y: saved.y, width, height };
  // At least 100×50 pixels of the window (its title bar, say) must be on some display.
  const visible = workAreas.some((area) => overlap(rect, area, 'x', 'width') >= 100 && overlap(rect, area, 'y', 'height') >= 50);
  return visible ? rect : { width, height };
}

function overlap(a: Rectangle, b: Rectangle, start: 'x' | 'y', size: 'width' | 'height'): number {
  return Math.min(a[start] + a[size], b[start] + b[size]) - Math.max(a[start], b[start]);
}

/**
 * The page may only ever show app://apostil/. Navigations and redirects elsewhere are cancelled,
 * window.open and target=_blank are refused, <webview> cannot attach; an http(s) link is handed to
 * `openLink` (which asks the user) instead.
 */
export function guardNavigation(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  openLink: (url: string) => void,
): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    if (isExternalLink(event.url)) openLink(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) openLink(url);
    return { action: 'deny' };
  });
}

/** Asks before opening an external link in the browser; opens it only if the user agrees. */
export async function askToOpenExternal(
  dialog: Pick<Dialog, 'showMessageBox'>,
  shell: Pick<Shell, 'openExternal'>,
  parent: BrowserWindow | null,
  url: string,
): Promise<boolean> {
  if (!isExternalLink(url)) return false;
  const options = {
    type: 'question' as const,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: url.length > 500 ? `${url.slice(0, 500)}…` : url,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(url);
  return true;
}

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  settings: Pick<SettingsService, 'get' | 'update'>;
  /** The work areas of the connected displays (screen.getAllDisplays()). */
  workAreas: () => Rectangle[];
  openLink: (window: BrowserWindow, url: string) => void;
  /** Asked when the page says a change is still being saved (it cancelled 'beforeunload'): true to close anyway. */
  confirmLeave: (window: BrowserWindow) => boolean;
  onLoadFailed?: (error: unknown) => void;
}

/** The question asked when the window is closed while a change is still on its way to the library. */
export function askToLeaveUnsaved(dialog: Pick<Dialog, 'showMessageBoxSync'>, parent: BrowserWindow): boolean {
  const response = dialog.showMessageBoxSync(parent, {
    type: 'warning',
    buttons: ['Wait', 'Close Anyway'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Still saving',
    message: 'Apostil is still saving your last change.',
    detail: 'Wait a moment and close again, or close now and lose that change.',
  });
  return response === 1;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const bounds = fitBounds(deps.settings.get().window, deps.workAreas());
  const window = new deps.BrowserWindow(mainWindowOptions(deps.preloadPath, bounds));
  guardNavigation(window.webContents, (url) => deps.openLink(window, url));
  window.once('ready-to-show', () => window.show());
  // Electron shows no dialog of its own when the page cancels unloading: without this the window would
  // just stay open, or (had the page not cancelled) a queued save would be lost.
  window.webContents.on('will-prevent-unload', (event) => {
    if (deps.confirmLeave(window)) event.preventDefault();
  });
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    deps.settings.update({ window: { x, y, width, height } });
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => deps.onLoadFailed?.(error));
  return window;
}
