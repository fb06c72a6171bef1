// `npm run web`: open a library and serve Apostil to a browser on 127.0.0.1 with a per-launch token.
//   node dist/main/host.js [--library DIR] [--port N] [--data-dir DIR]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../api/dispatch';
import { openApp } from '../services/app';
import { EventBus } from '../services/events';
import { createHandlers } from '../services/handlers';
import { defaultLibraryDir, userDataDir } from '../services/paths';
import { openHostSettings } from '../services/settings';
import { hostSecretStore } from '../services/sync/secrets';
import { saveCodeCache } from './code-cache';
import { dispatchWhenOpen } from './opening';
import { startHost } from './server';

/** How long after the library opened the code cache is written (code-cache.ts). */
const CODE_CACHE_DELAY_MS = 3_000;

/** pdf.js 6 and electron-store 12 need Node 22.12 (package.json's engines); older ones fail obscurely. */
function checkNodeVersion(): void {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return;
  console.error(
    `Apostil needs Node.js 22.12 or newer, and this is Node.js ${process.versions.node}. Start it with "npm run web", which runs on the Node 22 that "npm ci" installs into the project.`,
  );
  process.exit(1);
}

async function main(): Promise<void> {
  checkNodeVersion();
  const { values } = parseArgs({
    options: {
      library: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? userDataDir();
  const settings = openHostSettings(dataDir);
  if (settings.notice) console.warn(settings.notice);
  const libraryPath = path.resolve(values.library ?? settings.get().lastLibrary ?? defaultLibraryDir());
  // The address is served (and printed) while the library opens, so the browser loads the page at the
  // same time: calls wait for the open, and fail in words if it fails.
  const events = new EventBus();
  const opening = openApp({
    libraryPath,
    settings,
    sync: { dataDir, secrets: hostSecretStore(dataDir) },
    // The search index, the analysis and the background check of the files start once the page has its list.
    background: 'after-list',
    events,
  }).then((app) => ({
    app,
    dispatch: createDispatcher(createHandlers(app), { onInternalError: (name, error) => console.error(`Unexpected error in ${name}:`, error) }),
  }));
  opening.catch(() => undefined); // a failed open is reported below, once the address is served
  const host = await startHost({
    dispatch: dispatchWhenOpen(
      opening.then(({ dispatch }) => dispatch),
      libraryPath,
    ),
    events,
    originals: { openOriginal: async (id) => (await opening).app.store.openOriginal(id) },
    staticDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    port: values.port ? Number(values.port) : 0,
    // Each address opens Apostil once (SECURITY.md): the next one is printed when it is used.
    onSignIn: (next) => console.log(`A browser tab opened Apostil; that address is now used up. For another tab, open ${next}`),
  });
  console.log(`Apostil is running in browser mode. Library: ${libraryPath}`);
  console.log(`Open ${host.url}`);
  const { app } = await opening.catch(async (error: unknown) => {
    await host.close();
    throw error;
  });
  for (const problem of app.store.problems) console.warn(`Library: ${problem.path}: ${problem.message}`);
  // The code compiled for the start, kept for the next one: written once the page has had time to load,
  // and not left to the exit, which a host stopped by a kill never reaches.
  setTimeout(saveCodeCache, CODE_CACHE_DELAY_MS).unref();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Apostil could not start: ${(error as Error).message}`);
  process.exit(1);
});
