// A library's connection to a CouchDB database, kept under the data dir (never in the library):
// <dataDir>/sync/<library key>/connection.json (server and user), state/ (sync-state.ts); the password
// in the secret store (secrets.ts). Nothing runs for a library that was never connected.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { conflictLabel, mergeDescription, mergeVersions, summarise, type NameOf } from '../../../shared/sync/conflicts';
import type { SyncConflict, SyncConnection, SyncView } from '../../../shared/sync/sync-status';
import { isCode, writeJsonAtomic } from '../library/atomic';
import type { LibraryStore } from '../library/store';
import { openRemote } from './remote';
import type { SecretStore } from './secrets';
import { describeError, SyncEngine } from './sync-engine';

const connectionSchema = z.strictObject({ url: z.string().url(), username: z.string().max(200) });

export interface SyncServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Told whenever what the sync panel shows changes. */
  onChange?: (view: SyncView) => void;
}

export class SyncService {
  private engine: SyncEngine | null = null;
  private connection: SyncConnection | null = null;
  private readonly dir: string;
  private readonly key: string;

  private constructor(
    private readonly store: LibraryStore,
    private readonly options: SyncServiceOptions,
  ) {
    this.key = createHash('sha256').update(store.paths.root).digest('hex').slice(0, 16);
    this.dir = path.join(options.dataDir, 'sync', this.key);
  }

  /** Opens the library's connection, if it has one, and starts syncing. */
  static async open(store: LibraryStore, options: SyncServiceOptions): Promise<SyncService> {
    const service = new SyncService(store, options);
    const raw = await readFile(service.connectionFile, 'utf8').catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
    const parsed = raw === null ? null : connectionSchema.safeParse(JSON.parse(raw));
    if (parsed?.success) {
      service.connection = parsed.data;
      const password = (await options.secrets.get(service.key)) ?? '';
      await service.startEngine(password);
    }
    return service;
  }

  private get connectionFile(): string {
    return path.join(this.dir, 'connection.json');
  }

  view(): SyncView {
    return { connection: this.connection, status: this.engine?.status() ?? null };
  }

  /** Connects the library to a database, after checking that the server lets this user in. */
  async connect(connection: SyncConnection & { password: string }): Promise<SyncView> {
    const remote = await openRemote(connection).catch((error: unknown) => {
      throw new AppError('invalid-input', (error as Error).message);
    });
    try {
      await remote.info();
    } catch (error) {
      throw new AppError('invalid-input', `Could not connect: ${describeError(error)}`);
    } finally {
      await remote.close().catch(() => undefined);
    }
    const same = this.connection?.url === connection.url;
    await this.stopEngine();
    // What sync remembers is about one database: another one starts afresh.
    if (!same) await rm(path.join(this.dir, 'state'), { recursive: true, force: true });
    if (connection.password) await this.options.secrets.set(this.key, connection.password);
    else await this.options.secrets.delete(this.key);
    this.connection = { url: connection.url, username: connection.username };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.connectionFile, this.connection);
    await this.startEngine(connection.password);
    return this.view();
  }

  /** Stops syncing this library and forgets the server, the password and what sync remembered. */
  async disconnect(): Promise<SyncView> {
    await this.stopEngine();
    await this.options.secrets.delete(this.key);
    await rm(this.dir, { recursive: true, force: true });
    this.connection = null;
    this.changed();
    return this.view();
  }

  async conflicts(): Promise<SyncConflict[]> {
    const engine = this.requireEngine();
    const found = await engine.conflicts().catch((error: unknown) => {
      throw new AppError('unsupported', `The conflicts are on the server, which cannot be read now: ${describeError(error)}`);
    });
    const nameOf = await this.names();
    return found.map(({ id, kind, versions }) => {
      const kept = versions.filter((v) => v.body !== null);
      return {
        id,
        label: conflictLabel(kind, id, kept[0]?.body ?? null, nameOf),
        merge: kept.length >= 2 ? mergeDescription(kind) : null,
        versions: versions.map((v) => ({ rev: v.rev, winner: v.winner, deleted: v.body === null, summary: summarise(kind, v.body, nameOf) })),
      };
    });
  }

  /** Names of what versions refer to by id: codebook entries, collections, variables, documents, linked passages (by their quotes). */
  private async names(): Promise<NameOf> {
    const names = new Map<string, string>();
    const codebook = this.store.getCodebook();
    for (const entry of [...codebook.principles, ...codebook.actors]) names.set(entry.id, entry.name);
    for (const c of this.store.collections.list()) names.set(c.id, `“${c.name}”`);
    for (const v of this.store.variables.get().variables) names.set(v.id, v.name);
    for (const d of this.store.listDocuments()) names.set(d.id, d.metadata.title);
    for (const link of (await this.store.links.list()).links) {
      for (const end of [link.from, link.to]) if (end.quote) names.set(end.annotationId, `“${end.quote.slice(0, 80)}”`);
    }
    return (id) => names.get(id);
  }

  /** Ends a conflict with one version, or (annotations, memos, tags) with all of them merged. */
  async resolve(id: string, choice: { rev: string } | { merge: true }): Promise<SyncView> {
    const engine = this.requireEngine();
    const conflict = (await engine.conflicts()).find((c) => c.id === id);
    if (!conflict) throw new AppError('not-found', 'That conflict is already resolved.');
    let body;
    if ('rev' in choice) {
      const version = conflict.versions.find((v) => v.rev === choice.rev);
      if (!version) throw new AppError('not-found', 'That version is no longer on the server.');
      body = version.body;
    } else {
      const versions = conflict.versions.map((v) => v.body).filter((b) => b !== null);
      try {
        body = mergeVersions(conflict.kind, versions);
      } catch (error) {
        throw new AppError('invalid-input', (error as Error).message);
      }
    }
    await engine.resolveConflict(id, body).catch((error: unknown) => {
      throw new AppError('invalid-input', `The conflict could not be resolved: ${describeError(error)}`);
    });
    this.changed();
    return this.view();
  }

  async close(): Promise<void> {
    await this.stopEngine();
  }

  private requireEngine(): SyncEngine {
    if (!this.engine) throw new AppError('invalid-input', 'This library is not connected to a server.');
    return this.engine;
  }

  private async startEngine(password: string): Promise<void> {
    if (!this.connection) return;
    const remote = await openRemote({ ...this.connection, password });
    this.engine = await SyncEngine.start(this.store, remote, path.join(this.dir, 'state'), { onStatus: () => this.changed() });
    this.changed();
  }

  private async stopEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    if (engine) await engine.stop();
  }

  private changed(): void {
    this.options.onChange?.(this.view());
  }
}
