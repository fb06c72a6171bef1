// The CouchDB database a library syncs with, reached through PouchDB's HTTP adapter (pure JS: it
// speaks CouchDB's replication API — _changes, _bulk_docs with new_edits=false, attachments — and
// handles authentication and retries of the changes feed). There is no local PouchDB database: the
// library's plain files stay the one copy on this machine (see sync-engine.ts for why).
// PouchDB is loaded when a library first connects, not at start: its modules take seconds to load on a
// busy machine, and most libraries never sync.

type PouchConstructor = typeof import('pouchdb-core').default;
let remotePouch: Promise<PouchConstructor> | null = null;

function loadRemotePouch(): Promise<PouchConstructor> {
  remotePouch ??= Promise.all([import('pouchdb-core'), import('pouchdb-adapter-http')]).then(([core, http]) => core.default.plugin(http.default));
  return remotePouch;
}

export interface RemoteConfig {
  /** The database's URL, e.g. https://couch.example.org/policy-group. */
  url: string;
  username: string;
  password: string;
}

/** A synced document as the server holds it. */
export interface RemoteDoc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
  kind?: string;
  body?: unknown;
}

export interface ChangesPage {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: RemoteDoc }[];
  last_seq: string | number;
}

/** The part of a PouchDB database the sync engine uses (a fake can stand in for it). */
export interface RemoteDb {
  info(): Promise<unknown>;
  changes(options: Record<string, unknown>): Promise<ChangesPage> & { cancel(): void; on(event: string, listener: (value: unknown) => void): unknown };
  bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<({ ok?: boolean; error?: string; reason?: string; id?: string })[]>;
  get(id: string, options?: Record<string, unknown>): Promise<RemoteDoc & { _attachments?: Record<string, { data: Buffer | string }> }>;
  put(doc: object): Promise<{ ok: boolean; rev: string }>;
  allDocs(options: Record<string, unknown>): Promise<{ rows: { id: string; value?: { rev: string; deleted?: boolean }; doc?: RemoteDoc | null; error?: string }[] }>;
  close(): Promise<void>;
}

export async function openRemote(config: RemoteConfig): Promise<RemoteDb> {
  const url = new URL(config.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The server address must start with http:// or https://.');
  const auth = config.username ? { username: config.username, password: config.password } : undefined;
  const RemotePouch = await loadRemotePouch();
  return new RemotePouch(url.toString().replace(/\/$/, ''), { adapter: 'http', ...(auth ? { auth } : {}) }) as unknown as RemoteDb;
}
