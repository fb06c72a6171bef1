// The desktop app's entry point (bundled to dist/main/electron/main.js): wires Electron to the same
// services browser mode uses (main/host/cli.ts follows the same steps). Everything before the first
// `await` runs before Electron is ready, which some calls require (the scheme, paths, the sandbox).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, protocol, safeStorage, screen, session, shell } from 'electron';
import { createDispatcher } from '../api/dispatch';
import { openApp, type AppServices } from '../services/app';
import { createHandlers } from '../services/handlers';
import { defaultLibraryDir, userDataDir } from '../services/paths';
import type { SettingsService } from '../services/settings';
import { parseCommandLine, userArguments } from './args';
import { openDesktopSettings } from './desktop-settings';
import { createSenderCheck, forwardEvents, registerAppIpc } from './ipc';
import { menuTemplate } from './menu';
import { openLibraryWithRecovery, type LibraryProblem } from './open-library';
import { isAppUrl } from './origin';
import { registerAppScheme, serveRenderer } from './protocol';
import { createSaveDialog } from './save-dialog';
import { hardenSession } from './session';
import { desktopSecretStore } from './sync-secrets';
import { askToLeaveUnsaved, askToOpenExternal, createMainWindow } from './window';

const HERE = path.dirname(fileURLToPath(import.meta.url)); // dist/main/electron
const PRELOAD_PATH = path.join(HERE, 'preload.cjs');
const RENDERER_DIR = path.join(HERE, '..', '..', 'renderer');

const commandLine = parseCommandLine(userArguments(process.argv, process.defaultApp === true));
const development = !app.isPackaged;

// ---- Before ready ----------------------------------------------------------------------------------
app.setName('Apostil');
// The same folder browser mode uses (main/services/paths.ts), unless --data-dir says otherwise.
app.setPath('userData', commandLine.dataDir ?? userDataDir());
app.enableSandbox();
registerAppScheme(protocol);

const windows = new Set<BrowserWindow>();

if (!app.requestSingleInstanceLock()) {
  // Another Apostil runs with this user-data folder: it is told (second-instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = windows;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  // Whatever the page does, no webContents may open windows, attach <webview>s or leave app://apostil/.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
  });
  start().catch((error: unknown) => {
    dialog.showErrorBox('Apostil could not start', messageOf(error));
    app.exit(1);
  });
}

// ---- After ready -----------------------------------------------------------------------------------
async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, (url) => {
    if (development) console.warn(`Apostil blocked a request to ${url}`);
  });
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The app's pages are missing from ${RENDERER_DIR}. Run "npm run build" first.`);
  }
  // Originals are served once a library is open (below).
  let library: AppServices | null = null;
  serveRenderer(protocol, RENDERER_DIR, () => library?.store ?? null);

  const settings = openDesktopSettings(app.getPath('userData'));
  if (settings.notice) {
    await dialog.showMessageBox({
      type: 'warning',
      title: 'Settings reset',
      message: 'Apostil could not read its settings and started with the defaults.',
      detail: settings.notice,
    });
  }

  const opened = await openLibraryWithRecovery(
    commandLine.library ?? settings.get().lastLibrary ?? defaultLibraryDir(),
    // The search index, the analysis and the background check of the files start once the window has its list.
    (libraryPath) => openApp({ libraryPath, settings, sync: { dataDir: app.getPath('userData'), secrets: desktopSecretStore(app.getPath('userData'), safeStorage) }, background: 'after-list' }),
    askAboutLibrary,
  );
  if (!opened) {
    app.exit(1);
    return;
  }
  if (opened.chosenByUser) settings.update({ lastLibrary: opened.libraryPath });
  const services = opened.app;
  library = services;
  for (const problem of services.store.problems) console.warn(`Library: ${problem.path}: ${problem.message}`);

  const chooseSaveTarget = createSaveDialog(
    dialog,
    () => BrowserWindow.getFocusedWindow() ?? [...windows].find((window) => !window.isDestroyed()) ?? null,
    () => app.getPath('downloads'),
  );
  const dispatch = createDispatcher(createHandlers(services, { chooseSaveTarget }), {
    onInternalError: (name, error) => console.error(`Unexpected error in ${name}:`, error),
  });
  const unregisterIpc = registerAppIpc(
    dispatch,
    createSenderCheck(() => [...windows].filter((window) => !window.isDestroyed()).map((window) => window.webContents.mainFrame)),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        appName: app.name,
        development,
        showLibraryFolder: () => void shell.openPath(services.store.paths.root),
      }),
    ),
  );

  openWindow(services, settings);
  app.on('activate', () => {
    if (windows.size === 0) openWindow(services, settings);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Release the library (its lock) before leaving. (Electron turns SIGINT/SIGTERM into a quit too; a
  // lock left by a killed process is taken over as stale on the next start.)
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    unregisterIpc();
    services
      .close()
      .catch((error: unknown) => console.error('Closing the library failed:', error))
      .finally(() => app.quit());
  });
}

function openWindow(services: AppServices, settings: SettingsService): void {
  const window = createMainWindow({
    BrowserWindow,
    preloadPath: PRELOAD_PATH,
    settings,
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    openLink: (parent, url) => {
      askToOpenExternal(dialog, shell, parent, url).catch((error: unknown) => console.error(`Could not open ${url}:`, error));
    },
    confirmLeave: (parent) => askToLeaveUnsaved(dialog, parent),
    onLoadFailed: (error) => console.error('The Apostil window could not load:', error),
  });
  windows.add(window);
  const stopEvents = forwardEvents(services.events, window.webContents);
  window.on('closed', () => {
    windows.delete(window);
    stopEvents();
  });
}

/** Shows what went wrong; returns another folder to try, or null to quit. */
async function askAboutLibrary(problem: LibraryProblem): Promise<string | null> {
  for (;;) {
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Apostil',
      message: problem.title,
      detail: problem.detail,
      buttons: ['Choose Another Folder…', 'Quit'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0) return null;
    const choice = await dialog.showOpenDialog({
      title: 'Choose a library folder',
      buttonLabel: 'Open Library',
      properties: ['openDirectory', 'createDirectory'],
    });
    const folder = choice.filePaths[0];
    if (!choice.canceled && folder) return folder;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
