// What sync remembers between runs, under the data dir (never in the library): how far the server's
// changes were applied (its checkpoint), the revision each synced document had when this side last
// matched the server (with the hash of its body), what is waiting to be sent, what arrived but could
// not be applied yet, and the conflicts the server holds.
//
// A snapshot (state.json, written atomically) plus a journal of steps since (journal.jsonl, each line
// appended and flushed before the step counts as done). Opening replays the journal over the snapshot
// (a torn last line, from a crash while it was written, is dropped: that step had not counted) and
// writes a new snapshot. A run that did not end with close() may have lost a "waiting" step between
// the library's write and the journal's: `needsFullCompare` tells the service to compare the whole
// library with the hashes here once (as on the first run, when everything is to be sent).
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isCode, writeJsonAtomic } from '../library/atomic';

const snapshotSchema = z.object({
  version: z.literal(1),
  since: z.union([z.string(), z.number()]),
  revs: z.record(z.string(), z.tuple([z.string(), z.string()])),
  pending: z.array(z.string()),
  deferred: z.record(z.string(), z.string()),
  conflicts: z.record(z.string(), z.array(z.string())),
  files: z.array(z.string()),
  lastSync: z.string().nullable(),
  clean: z.boolean(),
});
type Snapshot = z.output<typeof snapshotSchema>;

const stepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('since'), since: z.union([z.string(), z.number()]), at: z.string() }),
  z.object({ op: z.literal('rev'), id: z.string(), rev: z.string(), hash: z.string() }),
  z.object({ op: z.literal('pending'), ids: z.array(z.string()) }),
  z.object({ op: z.literal('sent'), ids: z.array(z.string()) }),
  z.object({ op: z.literal('deferred'), id: z.string(), message: z.string().nullable() }),
  z.object({ op: z.literal('conflicts'), id: z.string(), revs: z.array(z.string()) }),
  z.object({ op: z.literal('file'), hash: z.string() }),
]);
export type SyncStep = z.output<typeof stepSchema>;

export class SyncState {
  readonly revs = new Map<string, { rev: string; hash: string }>();
  readonly pending = new Set<string>();
  readonly deferred = new Map<string, string>();
  readonly conflicts = new Map<string, string[]>();
  readonly files = new Set<string>();
  since: string | number = 0;
  lastSync: string | null = null;
  /** True on a first run and after a run that did not close (a crash): see the header. */
  readonly needsFullCompare: boolean;
  private appends: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    snapshot: Snapshot | null,
  ) {
    this.needsFullCompare = snapshot === null || !snapshot.clean;
    if (!snapshot) return;
    this.since = snapshot.since;
    this.lastSync = snapshot.lastSync;
    for (const [id, [rev, hash]] of Object.entries(snapshot.revs)) this.revs.set(id, { rev, hash });
    for (const id of snapshot.pending) this.pending.add(id);
    for (const [id, message] of Object.entries(snapshot.deferred)) this.deferred.set(id, message);
    for (const [id, revs] of Object.entries(snapshot.conflicts)) this.conflicts.set(id, revs);
    for (const hash of snapshot.files) this.files.add(hash);
  }

  private get snapshotFile(): string {
    return path.join(this.dir, 'state.json');
  }

  private get journalFile(): string {
    return path.join(this.dir, 'journal.jsonl');
  }

  /** Opens the state in `dir` (created if new), folding the journal into a new snapshot. */
  static async open(dir: string): Promise<SyncState> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const raw = await readFile(path.join(dir, 'state.json'), 'utf8').catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
    const snapshot = raw === null ? null : snapshotSchema.parse(JSON.parse(raw));
    const state = new SyncState(dir, snapshot);
    const journal = await readFile(state.journalFile, 'utf8').catch((error: unknown) => (isCode(error, 'ENOENT') ? '' : Promise.reject(error)));
    for (const line of journal.split('\n')) {
      if (!line.trim()) continue;
      let step: SyncStep;
      try {
        step = stepSchema.parse(JSON.parse(line));
      } catch {
        continue; // a torn line: the step it was writing had not counted
      }
      state.apply(step);
    }
    // From here on a crash is noticed: the snapshot says "not closed" until close() says otherwise.
    await state.writeSnapshot(false);
    await rm(state.journalFile, { force: true });
    return state;
  }

  /** Records a step: in memory at once, on disk (appended and flushed) when the promise resolves. */
  record(...steps: SyncStep[]): Promise<void> {
    for (const step of steps) this.apply(step);
    const text = steps.map((s) => `${JSON.stringify(s)}\n`).join('');
    const write = this.appends.then(() => appendDurably(this.journalFile, text));
    this.appends = write.catch(() => undefined);
    return write;
  }

  /** Folds the journal into the snapshot (so that the journal stays short). */
  async compact(clean = false): Promise<void> {
    const done = this.appends.then(async () => {
      await this.writeSnapshot(clean);
      await rm(this.journalFile, { force: true });
    });
    this.appends = done.catch(() => undefined);
    return done;
  }

  async close(): Promise<void> {
    await this.compact(true);
  }

  private async writeSnapshot(clean: boolean): Promise<void> {
    await writeJsonAtomic(this.snapshotFile, { ...this.toSnapshot(), clean });
  }

  private toSnapshot(): Omit<Snapshot, 'clean'> {
    return {
      version: 1,
      since: this.since,
      revs: Object.fromEntries([...this.revs].map(([id, { rev, hash }]) => [id, [rev, hash] as [string, string]])),
      pending: [...this.pending],
      deferred: Object.fromEntries(this.deferred),
      conflicts: Object.fromEntries(this.conflicts),
      files: [...this.files],
      lastSync: this.lastSync,
    };
  }

  private apply(step: SyncStep): void {
    switch (step.op) {
      case 'since':
        this.since = step.since;
        this.lastSync = step.at;
        return;
      case 'rev':
        this.revs.set(step.id, { rev: step.rev, hash: step.hash });
        return;
      case 'pending':
        for (const id of step.ids) this.pending.add(id);
        return;
      case 'sent':
        for (const id of step.ids) this.pending.delete(id);
        return;
      case 'deferred':
        if (step.message === null) this.deferred.delete(step.id);
        else this.deferred.set(step.id, step.message);
        return;
      case 'conflicts':
        if (step.revs.length === 0) this.conflicts.delete(step.id);
        else this.conflicts.set(step.id, step.revs);
        return;
      case 'file':
        this.files.add(step.hash);
        return;
    }
  }
}

async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.appendFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
