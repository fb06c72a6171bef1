// A real app on a temporary library for tests: the services, the handlers and the dispatcher every
// transport uses, plus a fingerprint of every file in the library to prove that a call changed nothing.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createDispatcher, type Dispatch } from '../api/dispatch';
import { openApp, type AppServices } from '../services/app';
import { createHandlers } from '../services/handlers';
import { openHostSettings } from '../services/settings';
import type { TaskHandle } from '../services/tasks';
import { EMPTY_CODEBOOK } from '../../shared/codebooks/templates';

export interface TestApp {
  app: AppServices;
  dispatch: Dispatch;
  /** Unexpected errors the dispatcher reported (crashes in a handler, not user errors). */
  internalErrors: { name: string; error: unknown }[];
  close(): Promise<void>;
}

export async function openTestApp(libraryDir: string, dataDir: string): Promise<TestApp> {
  const app = await openApp({ libraryPath: libraryDir, settings: openHostSettings(dataDir) });
  const internalErrors: TestApp['internalErrors'] = [];
  const dispatch = createDispatcher(createHandlers(app), { onInternalError: (name, error) => internalErrors.push({ name, error }) });
  return { app, dispatch, internalErrors, close: () => app.close() };
}

/** A task that is never cancelled and reports its progress nowhere. */
export const quietTask: TaskHandle = { signal: new AbortController().signal, progress: () => undefined, check: () => undefined };

/** An app on a new library in `dir` with nothing in it: no welcome document, an empty codebook. */
export async function openEmptyApp(dir: string): Promise<AppServices> {
  const app = await openApp({ libraryPath: path.join(dir, 'library'), settings: openHostSettings(path.join(dir, 'data')) });
  for (const d of app.store.listDocuments()) await app.store.deleteDocument(d.id); // the welcome document
  await app.codebook.replace(EMPTY_CODEBOOK, 'Started an empty codebook.');
  return app;
}

/**
 * A hash of every file's path and contents under `dir`: the library's data. The lock file (it names the
 * process) and cache/ (derived data the search index writes in the background, safe to delete) aside.
 */
export async function folderFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (current: string): Promise<void> => {
    const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const relative = path.relative(dir, full);
      if (relative === 'apostil.lock' || relative === 'cache') continue;
      hash.update(`${relative}\0`);
      if (entry.isDirectory()) await visit(full);
      else hash.update(await readFile(full));
    }
  };
  await visit(dir);
  return hash.digest('hex');
}
