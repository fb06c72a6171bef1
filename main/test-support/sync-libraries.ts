// Libraries that sync through a test CouchDB server (couch-server.ts), for the sync tests.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import type { NewDocument } from '../services/library/store';
import { LibraryStore } from '../services/library/store';
import { openRemote } from '../services/sync/remote';
import { SyncEngine } from '../services/sync/sync-engine';
import { CouchServer } from './couch-server';
import { sampleDocument } from './fixtures';
import { useTempDir } from './temp';

export interface SyncedLibrary {
  store: LibraryStore;
  sync: SyncEngine;
  dir: string;
  close(): Promise<void>;
}

/** Opens (or reopens) the library in `dir/library`, syncing with `url`, its sync state in `dir/sync`. */
export async function openSyncedLibrary(dir: string, url: string): Promise<SyncedLibrary> {
  const store = await LibraryStore.open(path.join(dir, 'library'), { defaultCodebook: PARIS_CALL_CODEBOOK });
  const sync = await SyncEngine.start(store, await openRemote({ url, username: '', password: '' }), path.join(dir, 'sync'), { log: () => undefined });
  return {
    store,
    sync,
    dir,
    close: async () => {
      await sync.stop();
      await store.close();
    },
  };
}

/**
 * For a describe block: a test CouchDB server (started before its tests, stopped after them), fresh
 * databases on it, and libraries syncing through it, each closed after its test, its folder removed.
 */
export function useSyncServer(prefix: string) {
  const tempDir = useTempDir();
  const server = new CouchServer();
  const open: SyncedLibrary[] = [];
  let dbCount = 0;
  beforeAll(async () => {
    await server.start();
  });
  // Registered after useTempDir's: run before it, so that no library is open when its folder goes.
  afterEach(async () => {
    await Promise.all(open.splice(0).map((lib) => lib.close()));
  });
  afterAll(async () => {
    await server.stop();
  });
  return {
    server,
    tempDir,
    /** The name of a database no test used yet. */
    newDb: () => `${prefix}-${++dbCount}`,
    /** A library syncing with database `db`: in `dir` (reopened), else in a new folder. */
    library: async (db: string, dir?: string): Promise<SyncedLibrary> => {
      const lib = await openSyncedLibrary(dir ?? (await tempDir()), server.url(db));
      open.push(lib);
      return lib;
    },
  };
}

/** A text document whose content hash is the real one (sync checks files against it). */
export function textDocument(text: string, title: string): NewDocument {
  const bytes = new TextEncoder().encode(text);
  return sampleDocument({
    originalName: `${title}.txt`,
    bytes,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    text: { text, blocks: [{ type: 'p', start: 0, end: text.length }], pages: null },
    metadata: { title, authors: [], date: null, publication: null, url: null, doi: null, kind: 'article' },
  });
}

/** Waits until `check` holds (sync is continuous: tests wait for its effect, with a deadline). */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
