// The main side of extraction: files are read in a worker thread, one at a time, so that a hostile or
// broken file cannot hang or exhaust the app. The worker runs with a heap limit; while it reads a file
// its heartbeat, the elapsed time and the process's memory are watched, and it is terminated when the
// file takes too long, stalls, needs too much memory, or the import is cancelled. The next file gets
// a fresh worker. An idle worker is kept briefly for the next file and never keeps the process alive.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import type { ReadReferenceFile } from '../../references/reference-entry';
import type { ExtractedDocument, ExtractOptions } from '../index';
import { megabytes, throwIfAborted } from '../limits';
import { DEFAULT_EXTRACTION_LIMITS, HEARTBEAT_MS, IDLE_SHUTDOWN_MS, type ExtractionLimits } from './limits';
import type { ExtractionJob, SerializedError, WorkerMessage, WorkerTaskName, WorkerTasks } from './protocol';

let workerScript: string | null = null;

/** Where the worker's bundle is; by default extract-worker/extract-worker.js beside the running bundle. */
export function setExtractionWorkerScript(file: string): void {
  workerScript = path.resolve(file);
}

function resolveWorkerScript(): string {
  if (workerScript) return workerScript;
  const beside = fileURLToPath(new URL('./extract-worker/extract-worker.js', import.meta.url));
  if (!existsSync(beside)) {
    throw new AppError('internal', `Apostil's import worker is missing (${beside}). Run "npm run build" again.`);
  }
  return beside;
}

interface RunningJob {
  job: ExtractionJob;
  limits: ExtractionLimits;
  resolve(result: WorkerTasks[WorkerTaskName]['result']): void;
  reject(error: AppError): void;
}

/** A job for the worker, before it is given an id. */
export type WorkerRequest<T extends WorkerTaskName> = Omit<ExtractionJob<T>, 'id'>;

class ExtractionWorker {
  private worker: Worker | null = null;
  private heapMb = 0;
  private current: RunningJob | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  run<T extends WorkerTaskName>(request: WorkerRequest<T>, options: ExtractOptions): Promise<WorkerTasks[T]['result']> {
    const limits = { ...DEFAULT_EXTRACTION_LIMITS, ...options.limits };
    const result = this.queue.then(() => this.runNow(request, limits, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private runNow<T extends WorkerTaskName>(request: WorkerRequest<T>, limits: ExtractionLimits, options: ExtractOptions): Promise<WorkerTasks[T]['result']> {
    const { signal } = options;
    const { fileName } = request;
    throwIfAborted(fileName, signal);
    const worker = this.ensureWorker(limits.maxHeapMb);
    return new Promise<WorkerTasks[T]['result']>((resolve, reject) => {
      const job = { ...request, id: this.nextId++ } as ExtractionJob;
      const started = Date.now();
      const startMemory = process.memoryUsage.rss();
      let lastSign = started;
      const finish = () => {
        clearInterval(watch);
        signal?.removeEventListener('abort', onAbort);
        this.current = null;
        this.scheduleIdleShutdown();
      };
      const stop = (error: AppError) => {
        finish();
        this.kill();
        reject(error);
      };
      const onAbort = () => stop(cancelled(fileName));
      const watch = setInterval(() => {
        const now = Date.now();
        if (now - started > limits.timeoutMs) stop(tookTooLong(fileName, limits.timeoutMs));
        else if (now - lastSign > limits.stallMs) stop(tookTooLong(fileName, limits.stallMs));
        else if (process.memoryUsage.rss() - startMemory > limits.maxMemoryGrowthMb * 1024 * 1024) {
          stop(tooMuchMemory(fileName, limits.maxMemoryGrowthMb));
        }
      }, Math.min(HEARTBEAT_MS, limits.timeoutMs, limits.stallMs));
      this.current = {
        job,
        limits,
        resolve: (result) => {
          finish();
          resolve(result as WorkerTasks[T]['result']);
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      this.onSign = () => (lastSign = Date.now());
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      worker.postMessage(job);
    });
  }

  private onSign: () => void = () => undefined;

  private ensureWorker(heapMb: number): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.worker && this.heapMb === heapMb) return this.worker;
    this.kill();
    const worker = new Worker(resolveWorkerScript(), {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, heapMb / 8)), stackSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error: Error) => this.onWorkerGone(worker, error));
    worker.on('exit', (code) => this.onWorkerGone(worker, new Error(`the reader stopped (exit code ${code})`)));
    this.worker = worker;
    this.heapMb = heapMb;
    return worker;
  }

  private onMessage(message: WorkerMessage): void {
    this.onSign();
    const current = this.current;
    if (message.type === 'alive' || !current || message.id !== current.job.id) return;
    if (message.type === 'done') current.resolve(message.result);
    else current.reject(fromWorker(current.job.fileName, message.error));
  }

  private onWorkerGone(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const current = this.current;
    if (!current) return;
    const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    current.reject(
      outOfMemory
        ? tooMuchMemory(current.job.fileName, current.limits.maxHeapMb)
        : new AppError('corrupt', `"${current.job.fileName}" could not be read: ${error.message}. The file may be damaged; download or export it again and retry.`),
    );
  }

  private scheduleIdleShutdown(): void {
    const worker = this.worker;
    if (!worker) return;
    worker.unref(); // an idle worker never keeps the process alive
    this.idleTimer = setTimeout(() => {
      if (!this.current && this.worker === worker) this.kill();
    }, IDLE_SHUTDOWN_MS);
    this.idleTimer.unref();
  }

  private kill(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
  }

  /** Stops the worker now (tests; the app's shutdown). */
  shutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    return worker ? worker.terminate().then(() => undefined) : Promise.resolve();
  }
}

function fromWorker(fileName: string, error: SerializedError): AppError {
  if (error.code) return new AppError(error.code, error.message);
  if (error.name === 'RangeError' && /call stack/i.test(error.message)) {
    return new AppError('corrupt', `"${fileName}" is nested too deeply to be read. It may be damaged or built to break readers; Apostil did not import it.`);
  }
  return new AppError('corrupt', `"${fileName}" could not be read: ${error.message}. The file may be damaged; download or export it again and retry.`);
}

function cancelled(fileName: string): AppError {
  return new AppError('cancelled', `The import of "${fileName}" was cancelled. Import it again when you are ready.`);
}

function tookTooLong(fileName: string, ms: number): AppError {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return new AppError(
    'corrupt',
    `"${fileName}" took more than ${seconds} second${seconds === 1 ? '' : 's'} to read and was stopped. It may be damaged or built to hang readers; Apostil did not import it.`,
  );
}

function tooMuchMemory(fileName: string, mb: number): AppError {
  return new AppError(
    'too-large',
    `"${fileName}" needs more than ${megabytes(mb * 1024 * 1024)} of memory to read, more than Apostil allows for one file, and was stopped. It may be damaged or built to exhaust memory; Apostil did not import it.`,
  );
}

const extraction = new ExtractionWorker();

export function extractInWorker(fileName: string, bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  return extraction.run({ task: 'extract', fileName, bytes, password: options.password, input: null }, options);
}

/**
 * Reads a reference file's entries in the same worker, under the same limits: a large BibTeX file
 * takes seconds of LaTeX conversion, which must not stall the app, and a hostile one is stopped.
 */
export function readReferencesInWorker(fileName: string, bytes: Uint8Array, options: ExtractOptions = {}): Promise<ReadReferenceFile> {
  return extraction.run({ task: 'references', fileName, bytes, input: null }, options);
}

/** Runs another task of the worker on a file, within the same limits as an import. */
export function runInWorker<T extends WorkerTaskName>(request: WorkerRequest<T>, options: ExtractOptions = {}): Promise<WorkerTasks[T]['result']> {
  return extraction.run(request, options);
}

export function stopExtractionWorker(): Promise<void> {
  return extraction.shutdown();
}
