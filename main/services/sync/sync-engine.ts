// Sync of one library with one CouchDB database, both ways, continuously while the server answers.
//
// Why no local PouchDB: PouchDB's replicator needs a local PouchDB database, and the adapters that keep
// one on disk in Node (LevelDB, SQLite) are native modules the Electron build cannot load; the memory
// adapter forgets everything at a crash; and a second copy of the library in a database would be a
// second source of truth. So the library's plain files stay the one copy, and this engine plays the
// replicator's two halves over PouchDB's HTTP adapter with CouchDB's own primitives:
// - out: every change the store publishes names the synced documents it touched (shared/sync); those
//   not matching what the server last had go on a waiting list (sync-state.ts) and are sent with
//   _bulk_docs new_edits=false, each as a child revision of the one this side last had. So an edit
//   made here while another was made there becomes a second branch on the server — a conflict CouchDB
//   keeps and lists in _conflicts — instead of either overwriting the other.
// - in: the server's _changes since a checkpoint, applied through the store (apply-remote.ts); the
//   checkpoint moves only once a batch is applied or set aside, so a crash repeats at most one batch.
// Revision ids are a hash of the parent revision and the body, so sending the same thing twice (after a
// crash) makes the same revision, not a new one.
import { createHash } from 'node:crypto';
import type { LibraryChange } from '../../../shared/library-changes';
import { checkBody, fileDocId, kindOf, outgoing, type SyncBody, type SyncKind } from '../../../shared/sync/sync-docs';
import type { SyncStatus } from '../../../shared/sync/sync-status';
import type { LibraryStore } from '../library/store';
import { applyRows, toRow, type ApplyContext, type RemoteRow } from './apply-remote';
import { allLocalDocs, bodyHash, readLocalDocs } from './local-docs';
import type { RemoteDb, RemoteDoc } from './remote';
import { SyncState, type SyncStep } from './sync-state';

const BATCH = 500;
const MAX_BACKOFF_MS = 30_000;

export interface SyncEngineOptions {
  /** Told every time the status changes (the UI shows it). */
  onStatus?: (status: SyncStatus) => void;
  log?: (message: string) => void;
}

export class SyncEngine {
  private readonly expected = new Map<string, string>();
  /** How many times each id was marked waiting in this run: an id marked again while it was being sent stays waiting. */
  private readonly marks = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();
  private compared = false;
  private phase: SyncStatus['phase'] = 'starting';
  private error: string | null = null;
  private readonly sendProblems = new Map<string, string>();

  private constructor(
    readonly store: LibraryStore,
    readonly remote: RemoteDb,
    readonly state: SyncState,
    private readonly options: SyncEngineOptions,
  ) {
    this.unsubscribe = store.changes.subscribe((change) => this.noticeChange(change));
  }

  /** Starts syncing `store` with `remote`, keeping what sync remembers in `stateDir`. */
  static async start(store: LibraryStore, remote: RemoteDb, stateDir: string, options: SyncEngineOptions = {}): Promise<SyncEngine> {
    const engine = new SyncEngine(store, remote, await SyncState.open(stateDir), options);
    engine.loop = engine.run();
    return engine;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    this.wake?.();
    await this.loop;
    await this.state.close();
    await this.remote.close().catch(() => undefined);
  }

  status(): SyncStatus {
    return {
      phase: this.phase,
      lastSync: this.state.lastSync,
      waiting: this.state.pending.size,
      notApplied: [...this.state.deferred].slice(0, 50).map(([id, message]) => ({ id, message })),
      notAppliedCount: this.state.deferred.size,
      notSent: [...this.sendProblems].slice(0, 50).map(([id, message]) => ({ id, message })),
      conflicts: this.state.conflicts.size,
      error: this.error,
    };
  }

  /** Resolves once everything waiting here is sent and everything on the server so far is applied. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      if (this.phase === 'idle' && this.state.pending.size === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  // ---- Conflicts -----------------------------------------------------------------------------------

  /** Every version of each document the server holds in conflict (read from the server). */
  async conflicts(): Promise<{ id: string; kind: SyncKind; versions: { rev: string; winner: boolean; body: SyncBody | null }[] }[]> {
    const found = [];
    for (const id of this.state.conflicts.keys()) {
      const kind = kindOf(id);
      if (!kind) continue;
      const winner = await this.remote.get(id, { conflicts: true }).catch((error: { status?: number }) => (error.status === 404 ? null : Promise.reject(error)));
      const revs = winner ? [winner._rev, ...(winner._conflicts ?? [])] : [...(this.state.conflicts.get(id) ?? [])];
      const versions = [];
      for (const rev of revs) {
        const doc = rev === winner?._rev ? winner : await this.remote.get(id, { rev });
        const row = toRow(doc, kind);
        versions.push({ rev, winner: rev === winner?._rev, body: 'invalid' in row ? null : row.body });
      }
      found.push({ id, kind, versions });
    }
    return found;
  }

  /**
   * Ends a conflict with the version the user chose (or merged): it becomes this library's version and
   * is sent as the next revision of the server's winning one, and the other versions are closed on the
   * server, as CouchDB resolves conflicts. Needs the server.
   */
  async resolveConflict(id: string, chosen: SyncBody | null): Promise<void> {
    const kind = kindOf(id);
    if (!kind) throw new Error('This version of Apostil does not know that kind of document.');
    const winner = await this.remote.get(id, { conflicts: true });
    const row = toRow(winner, kind);
    await this.state.record({ op: 'rev', id, rev: winner._rev, hash: 'invalid' in row ? 'invalid' : bodyHash(row.body) });
    const checked = chosen === null ? null : checkBody(kind, chosen);
    if (checked && !checked.ok) throw new Error(`That version cannot be used: ${checked.message}`);
    // Applied as a change made here: what differs from the winner is sent as its next revision.
    const context: ApplyContext = { store: this.store, remote: this.remote, expect: () => undefined };
    const result = await applyRows(context, [{ id, kind, rev: winner._rev, body: checked ? checked.value : null }]);
    if (result.deferred.length) throw new Error(result.deferred[0]!.message);
    const losers = winner._conflicts ?? [];
    if (losers.length) await this.remote.bulkDocs(losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true })));
    await this.state.record({ op: 'conflicts', id, revs: [] });
    this.setPhase(this.phase);
    this.wake?.();
  }

  // ---- Changes made here ------------------------------------------------------------------------

  private noticeChange(change: LibraryChange): void {
    const out = outgoing(change);
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const doc of out.docs) {
      seen.add(doc.id);
      const hash = bodyHash(doc.body);
      const expected = this.expected.get(doc.id);
      this.expected.delete(doc.id);
      // What sync itself just wrote from the server is not sent back.
      if (expected === hash) continue;
      const known = this.state.revs.get(doc.id);
      if (known ? known.hash === hash : doc.body === null) continue;
      ids.push(doc.id);
    }
    for (const prefix of out.whole) {
      for (const [id, known] of this.state.revs) if (id.startsWith(prefix) && !seen.has(id) && known.hash !== 'deleted') ids.push(id);
    }
    if (ids.length === 0) return;
    for (const id of ids) this.marks.set(id, (this.marks.get(id) ?? 0) + 1);
    this.state.record({ op: 'pending', ids }).catch((error: Error) => this.log(`Sync could not note a change: ${error.message}`));
    this.setPhase(this.phase);
    this.wake?.();
  }

  // ---- The loop ------------------------------------------------------------------------------------

  private async run(): Promise<void> {
    let backoff = 1_000;
    while (!this.stopped) {
      try {
        this.setPhase('syncing');
        if (!this.compared && this.state.needsFullCompare) await this.compareAll();
        this.compared = true;
        await this.push();
        await this.pull();
        if (this.stopped) break;
        this.error = null;
        backoff = 1_000;
        if (this.state.pending.size > this.sendProblems.size) continue;
        await this.state.compact();
        this.setPhase('idle');
        await this.waitForWork();
      } catch (error) {
        if (this.stopped) break;
        this.error = describeError(error);
        this.setPhase('offline');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** After a first connect or a crash: anything in the library not as the server last had it waits to be sent. */
  private async compareAll(): Promise<void> {
    const seen = new Set<string>();
    let ids: string[] = [];
    for await (const doc of allLocalDocs(this.store)) {
      seen.add(doc.id);
      if (this.state.revs.get(doc.id)?.hash !== bodyHash(doc.body)) ids.push(doc.id);
      if (ids.length >= BATCH) {
        await this.state.record({ op: 'pending', ids });
        ids = [];
      }
    }
    for (const [id, known] of this.state.revs) {
      if (seen.has(id) || known.hash === 'deleted') continue;
      // The annotations of a deleted document stay on the server for an Undo (as document.deleted says).
      if (kindOf(id) === 'annotation' && !this.store.hasDocument(id.split(':')[1]!)) continue;
      ids.push(id);
    }
    if (ids.length) await this.state.record({ op: 'pending', ids });
  }

  private async push(): Promise<void> {
    const all = [...this.state.pending];
    for (let at = 0; at < all.length && !this.stopped; at += BATCH) {
      const ids = all.slice(at, at + BATCH);
      const marks = new Map(ids.map((id) => [id, this.marks.get(id) ?? 0]));
      const local = await readLocalDocs(this.store, ids);
      const docs: object[] = [];
      const steps: SyncStep[] = [];
      const held = new Set<string>();
      for (const id of ids) {
        const doc = local.get(id);
        if (!doc) continue; // a kind this version does not know: nothing to send
        if (doc.kind === 'document' && doc.body) {
          const body = doc.body as { id: string; contentHash: string };
          try {
            await this.ensureFile(body.id, body.contentHash);
            this.sendProblems.delete(id);
          } catch (error) {
            this.sendProblems.set(id, `Its file could not be sent: ${describeError(error)}`);
            held.add(id);
            continue;
          }
        }
        const hash = bodyHash(doc.body);
        const known = this.state.revs.get(id);
        if (known ? known.hash === hash : doc.body === null) continue;
        const generation = known ? Number.parseInt(known.rev, 10) : 0;
        const revHash = createHash('sha256').update(`${known?.rev ?? ''}\n${hash}`).digest('hex').slice(0, 32);
        const rev = `${generation + 1}-${revHash}`;
        const ancestry = known ? [revHash, known.rev.slice(known.rev.indexOf('-') + 1)] : [revHash];
        docs.push({
          _id: id,
          _rev: rev,
          _revisions: { start: generation + 1, ids: ancestry },
          ...(doc.body === null ? { _deleted: true } : { kind: doc.kind, body: doc.body }),
        });
        steps.push({ op: 'rev', id, rev, hash });
      }
      if (docs.length) {
        const results = await this.remote.bulkDocs(docs, { new_edits: false });
        const failed = results.find((r) => r.error);
        if (failed) throw new Error(`The server refused ${failed.id ?? 'a document'}: ${failed.reason ?? failed.error}`);
      }
      // An id changed again while it was being sent stays waiting: its newer state goes next time.
      const sent = ids.filter((id) => !held.has(id) && (this.marks.get(id) ?? 0) === marks.get(id));
      await this.state.record(...steps, { op: 'sent', ids: sent });
      this.setPhase('syncing');
    }
  }

  /** An original file goes to the server once, by its content hash, with its text. */
  private async ensureFile(documentId: string, contentHash: string): Promise<void> {
    if (this.state.files.has(contentHash)) return;
    const id = fileDocId(contentHash);
    const there = await this.remote.get(id).catch((error: { status?: number }) => (error.status === 404 ? null : Promise.reject(error)));
    if (!there) {
      const bytes = await this.store.readOriginal(documentId);
      if (createHash('sha256').update(bytes).digest('hex') !== contentHash) throw new Error('the file changed while it was read');
      const text = await this.store.readText(documentId);
      await this.remote
        .put({
          _id: id,
          kind: 'file',
          _attachments: {
            original: { content_type: 'application/octet-stream', data: Buffer.from(bytes).toString('base64') },
            text: { content_type: 'application/json', data: Buffer.from(JSON.stringify(text)).toString('base64') },
          },
        })
        .catch((error: { status?: number }) => (error.status === 409 ? null : Promise.reject(error)));
    }
    await this.state.record({ op: 'file', hash: contentHash });
  }

  private async pull(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const page = await this.remote.changes({
        since: this.state.since,
        limit: BATCH,
        batch_size: BATCH,
        include_docs: true,
        conflicts: true,
        style: 'all_docs',
        return_docs: true,
      });
      const docs = page.results.map((r) => r.doc).filter((d): d is RemoteDoc => !!d);
      const applied = await this.applyDocs(docs);
      if (applied > 0 && this.state.deferred.size > 0) await this.retryDeferred();
      await this.state.record({ op: 'since', since: page.last_seq, at: new Date().toISOString() });
      if (page.results.length < BATCH) return;
    }
  }

  /** Applies the server's documents; returns how many were applied. */
  private async applyDocs(docs: readonly RemoteDoc[]): Promise<number> {
    const steps: SyncStep[] = [];
    const candidates: RemoteDoc[] = [];
    for (const doc of docs) {
      const kind = kindOf(doc._id);
      if (!kind) continue;
      const conflicts = doc._conflicts ?? [];
      if ((this.state.conflicts.get(doc._id) ?? []).join() !== conflicts.join()) steps.push({ op: 'conflicts', id: doc._id, revs: conflicts });
      if (this.state.revs.get(doc._id)?.rev === doc._rev) {
        if (this.state.deferred.has(doc._id)) steps.push({ op: 'deferred', id: doc._id, message: null });
        continue;
      }
      candidates.push(doc);
    }
    // This library's versions, read before the check below: an edit made here after it is caught by
    // the store's compare-and-set against them (apply-remote.ts), one made before by the check.
    const before = candidates.length ? await readLocalDocs(this.store, candidates.map((d) => d._id)) : new Map();
    const rows: RemoteRow[] = [];
    for (const doc of candidates) {
      // Changed here too: this side's version goes up as a second branch, and the server keeps both.
      if (this.state.pending.has(doc._id)) continue;
      const row = toRow(doc, kindOf(doc._id)!);
      if ('invalid' in row) steps.push({ op: 'deferred', id: doc._id, message: row.invalid });
      else rows.push(row);
    }
    const context: ApplyContext = { store: this.store, remote: this.remote, before, expect: (id, hash) => this.expected.set(id, hash) };
    const result = await applyRows(context, rows).finally(() => this.expected.clear());
    for (const { id, rev, hash } of result.applied) {
      steps.push({ op: 'rev', id, rev, hash });
      if (this.state.deferred.has(id)) steps.push({ op: 'deferred', id, message: null });
    }
    for (const { id, message } of result.deferred) steps.push({ op: 'deferred', id, message });
    if (steps.length) await this.state.record(...steps);
    return result.applied.length;
  }

  /** What could not be applied before is tried again, as the server has it now. */
  private async retryDeferred(): Promise<void> {
    const keys = [...this.state.deferred.keys()];
    for (let at = 0; at < keys.length; at += BATCH) {
      const page = await this.remote.allDocs({ keys: keys.slice(at, at + BATCH), include_docs: true, conflicts: true });
      const docs = page.rows.map((r) => (r.doc ? r.doc : r.value?.deleted ? { _id: r.id, _rev: r.value.rev, _deleted: true } : null)).filter((d): d is RemoteDoc => !!d);
      await this.applyDocs(docs);
    }
  }

  private waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      const feed = this.remote.changes({ live: true, since: this.state.since, limit: 1, heartbeat: 10_000 });
      const done = () => {
        this.wake = null;
        feed.cancel();
        resolve();
      };
      this.wake = done;
      feed.on('change', done);
      feed.on('complete', done);
      // Unreachable: the loop's next attempt says so and waits before trying again.
      feed.on('error', done);
      if (this.stopped || this.state.pending.size > this.sendProblems.size) done();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private setPhase(phase: SyncStatus['phase']): void {
    this.phase = phase;
    this.options.onStatus?.(this.status());
  }

  private log(message: string): void {
    (this.options.log ?? console.error)(message);
  }
}

/** An error in words for the status line. */
export function describeError(error: unknown): string {
  const e = error as { status?: number; message?: string; reason?: string; code?: string; name?: string };
  if (e.status === 401 || e.name === 'unauthorized') return 'The server refused the user name or password.';
  if (e.status === 403) return 'The server does not let this user write to the database.';
  if (e.status === 404) return 'The server has no such database.';
  const message = e.reason || e.message || String(error);
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|Failed to fetch|fetch failed|socket hang up/i.test(`${message} ${e.code ?? ''}`)) {
    return 'The server cannot be reached; changes wait here and are sent when it can.';
  }
  return message;
}
