// What the UI shows about sync: whether it runs, when it last matched the server, what waits, what
// could not be applied (with the reason in words), how many conflicts the server holds.
export interface SyncStatus {
  /** starting: opening; syncing: sending or applying; idle: up to date, listening; offline: the last try failed (see error). */
  phase: 'starting' | 'syncing' | 'idle' | 'offline';
  /** When this side last caught up with the server (ISO), or null if it never did. */
  lastSync: string | null;
  /** Changes made here waiting to be sent. */
  waiting: number;
  /** Documents from the server that could not be applied here yet, and why (the first 50). */
  notApplied: { id: string; message: string }[];
  notAppliedCount: number;
  /** Changes here that could not be sent, and why. */
  notSent: { id: string; message: string }[];
  /** Synced documents the server holds two or more versions of. */
  conflicts: number;
  /** The last error in words, while it lasts. */
  error: string | null;
}

/** The server a library syncs with (its password is kept apart: see main/services/sync/secrets.ts). */
export interface SyncConnection {
  url: string;
  username: string;
}

/** What the sync panel shows: the connection, if any, and how sync is doing. */
export interface SyncView {
  connection: SyncConnection | null;
  status: SyncStatus | null;
}

/** A synced document the server holds two or more versions of, each described in words. */
export interface SyncConflict {
  id: string;
  /** What it is, e.g. "Annotation in “Paris Call”". */
  label: string;
  /** What merging the versions does, in words ("both texts, one after the other"), or null when they can only be chosen between. */
  merge: string | null;
  versions: { rev: string; winner: boolean; deleted: boolean; summary: string }[];
}
