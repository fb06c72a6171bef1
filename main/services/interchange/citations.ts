// Formatting citations off the host's event loop: a worker thread (citation-worker-entry.ts, bundled as
// citation-worker.js beside the main bundle) keeps citeproc-js and its built style engines. It starts
// on the first citation and ends after a while unused, giving its memory back. Running from source
// (tests) or if the worker fails, the formatting runs on this thread instead: slower, never lost.
import { Worker } from 'node:worker_threads';
import type { CslItem } from '../../../shared/interchange/csl-json';
import type { RichText } from '../../../shared/interchange/rich-text';
import type { CitationStyle } from '../../../shared/interchange/types';
import { findBundledScript } from '../bundled-script';
import * as inline from './citeproc';
import type { FormattedReferences } from './citeproc';

export const CITATION_WORKER_FILE = 'citation-worker.js';
const IDLE_MS = 120_000;

export type CitationRequest =
  | { id: number; type: 'citation'; item: CslItem; style: CitationStyle; page: string | null }
  | { id: number; type: 'references'; items: readonly CslItem[]; style: CitationStyle };

export type CitationResponse =
  | { id: number; type: 'citation'; citation: RichText }
  | { id: number; type: 'references'; order: string[]; references: [string, RichText][]; citations: [string, string][] }
  | { id: number; type: 'error'; message: string };

type Pending = { request: CitationRequest; resolve(value: CitationResponse): void; reject(error: Error): void };

export class CitationFormatter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private workerFailed = false;

  /** `script`: the bundled worker, or null to format on this thread. */
  constructor(
    private readonly script: string | null = findBundledScript(CITATION_WORKER_FILE, import.meta.url),
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Whether formatting runs in a worker thread (false from source, or after the worker failed). */
  get usesWorker(): boolean {
    return this.script !== null && !this.workerFailed;
  }

  /** Whether the worker thread is up now (it ends after a while unused). */
  get running(): boolean {
    return this.worker !== null;
  }

  async formatCitation(item: CslItem, style: CitationStyle, page: string | null): Promise<RichText> {
    const answer = await this.send({ id: 0, type: 'citation', item, style, page });
    if (answer.type !== 'citation') throw new Error('The citation worker gave an unexpected answer.');
    return answer.citation;
  }

  async formatReferences(items: readonly CslItem[], style: CitationStyle): Promise<FormattedReferences> {
    const answer = await this.send({ id: 0, type: 'references', items, style });
    if (answer.type !== 'references') throw new Error('The citation worker gave an unexpected answer.');
    return { order: answer.order, references: new Map(answer.references), citations: new Map(answer.citations) };
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = null;
    for (const pending of this.pending.values()) pending.reject(new Error('Apostil is closing.'));
    this.pending.clear();
    await worker?.terminate();
  }

  private send(request: CitationRequest): Promise<CitationResponse> {
    if (!this.usesWorker) return runInline(request);
    const id = this.nextId++;
    const worker = this.start();
    if (this.idle) clearTimeout(this.idle);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request: { ...request, id }, resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script!);
    // Never keeps a stopping host (or a finished test) alive.
    worker.unref();
    worker.on('message', (answer: CitationResponse) => {
      const pending = this.pending.get(answer.id);
      if (!pending) return;
      this.pending.delete(answer.id);
      if (answer.type === 'error') pending.reject(new Error(answer.message));
      else pending.resolve(answer);
      if (this.pending.size === 0) this.idle = setTimeout(() => void this.close(), this.idleMs).unref();
    });
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', () => this.lost(worker, null));
    this.worker = worker;
    return worker;
  }

  /** The worker died: what it was doing is done on this thread, and so is everything after. */
  private lost(worker: Worker, error: Error | null): void {
    if (this.worker !== worker) return; // one let go when idle: its end is expected
    this.worker = null;
    if (error || this.pending.size > 0) {
      console.warn(`Citations: the worker stopped${error ? ` (${error.message})` : ''}; formatting continues on the main thread.`);
      this.workerFailed = true;
    }
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) runInline(p.request).then(p.resolve, p.reject);
  }
}

async function runInline(request: CitationRequest): Promise<CitationResponse> {
  if (request.type === 'citation') return { id: request.id, type: 'citation', citation: await inline.formatCitation(request.item, request.style, request.page) };
  const { order, references, citations } = await inline.formatReferences(request.items, request.style);
  return { id: request.id, type: 'references', order, references: [...references], citations: [...citations] };
}
