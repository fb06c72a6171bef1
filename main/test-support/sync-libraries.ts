// Libraries that sync through a test CouchDB server (couch-server.ts), for the sync tests.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import type { NewDocument } from '../services/library/store';
import { LibraryStore } from '../services/library/store';
import { openRemote } from '../services/sync/remote';
import { SyncEngine } from '../services/sync/sync-engine';
import { sampleDocument } from './fixtures';

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
