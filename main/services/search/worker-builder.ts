// The index builder in a worker thread (worker-entry.ts, bundled as search-worker.js beside the main
// bundle). Requests are queued one at a time; results come back as transferred buffers, not copies.
import { Worker } from 'node:worker_threads';
import { findBundledScript } from '../bundled-script';
import type { EntryInput, EntryKind } from './entries';
import { InlineBuilder, type BuiltSegment, type DocumentSource, type IndexBuilder } from './builder';

export type WorkerRequest =
  | { id: number; type: 'entries'; kind: EntryKind; entries: EntryInput[] }
  | { id: number; type: 'passages'; documents: DocumentSource[] };

export type WorkerResponse =
  | { id: number; type: 'progress'; done: number }
  | { id: number; type: 'done'; bytes: Uint8Array; problems: BuiltSegment['problems'] }
  | { id: number; type: 'error'; message: string };

interface Pending {
  request: WorkerRequest;
  resolve(value: BuiltSegment): void;
  reject(error: Error): void;
  onProgress?: (done: number) => void;
}

export const WORKER_FILE = 'search-worker.js';

/** The bundled worker script next to the calling bundle (dist/main/) or one folder up (dist/main/electron/). */
export function findWorkerScript(from: string = import.meta.url): string | null {
  return findBundledScript(WORKER_FILE, from);
}

/** How long the worker is kept once it has nothing to build (a V8 isolate costs some 35 MB of memory). */
const IDLE_STOP_MS = 30_000;

/**
 * The worker starts when there is something to build (most starts have nothing: the index loads from
 * disk) and stops once idle; the next build starts it again.
 */
export class WorkerBuilder implements IndexBuilder {
  private worker: Worker | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** Set when the worker could not start or died: builds then run on this thread, slower but working. */
  private fallback: InlineBuilder | null = null;

  constructor(
    private readonly script: string,
    private readonly idleStopMs = IDLE_STOP_MS,
  ) {}

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  private start(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    this.worker = worker;
    // The worker must not keep the process alive on its own (a host that is stopping, a test that ends).
    worker.unref();
    worker.on('message', (message: WorkerResponse) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if (message.type === 'progress') return pending.onProgress?.(message.done);
      this.pending.delete(message.id);
      if (message.type === 'done') pending.resolve({ bytes: message.bytes, problems: message.problems });
      else pending.reject(new Error(message.message));
      if (this.pending.size === 0) this.stopWhenIdle();
    });
    // A worker stopped on purpose (idle) is no longer this.worker: only a lost one falls back.
    worker.on('error', (error) => {
      if (worker === this.worker) this.workerLost(error);
    });
    worker.on('exit', (code) => {
      if (worker === this.worker) this.workerLost(new Error(`The search index worker stopped (exit code ${code}).`));
    });
    return worker;
  }

  private stopWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const worker = this.worker;
      if (!worker || this.pending.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.idleStopMs);
    this.idleTimer.unref?.();
  }

  async build(kind: EntryKind, entries: EntryInput[]): Promise<Uint8Array> {
    return (await this.send({ id: 0, type: 'entries', kind, entries })).bytes;
  }

  buildPassages(documents: DocumentSource[], onProgress?: (done: number) => void): Promise<BuiltSegment> {
    return this.send({ id: 0, type: 'passages', documents }, onProgress);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.failAll(new Error('The search index is closing.'));
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private send(request: WorkerRequest, onProgress?: (done: number) => void): Promise<BuiltSegment> {
    if (this.closed) return Promise.reject(new Error('The search index is closing.'));
    if (this.fallback) return runInline(this.fallback, request, onProgress);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject, onProgress });
      this.start().postMessage({ ...request, id });
    });
  }

  private workerLost(error: Error): void {
    if (this.closed) return this.failAll(error);
    console.warn(`Search: ${error.message} Indexing continues on the main thread.`);
    this.worker = null;
    this.fallback ??= new InlineBuilder();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) runInline(this.fallback, p.request, p.onProgress).then(p.resolve, p.reject);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

function runInline(builder: InlineBuilder, request: WorkerRequest, onProgress?: (done: number) => void): Promise<BuiltSegment> {
  if (request.type === 'entries') return builder.build(request.kind, request.entries).then((bytes) => ({ bytes, problems: [] }));
  return builder.buildPassages(request.documents, onProgress);
}
