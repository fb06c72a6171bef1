// The search index worker: builds segments off the main thread (see worker-builder.ts).
import { parentPort } from 'node:worker_threads';
import { passagesOf } from './builder';
import { buildSegment } from './segment-build';
import type { WorkerRequest, WorkerResponse } from './worker-builder';

const port = parentPort;
if (!port) throw new Error('worker-entry.ts runs as a worker thread only.');

// One request at a time, in order: a build holds the thread until it is done anyway.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: WorkerRequest): Promise<void> {
  const reply = (message: WorkerResponse, transfer: ArrayBuffer[] = []) => port!.postMessage(message, transfer);
  try {
    const built =
      request.type === 'entries'
        ? { bytes: buildSegment(request.kind, request.entries), problems: [] }
        : await passagesOf(request.documents, (done) => reply({ id: request.id, type: 'progress', done }));
    reply({ id: request.id, type: 'done', ...built }, [built.bytes.buffer as ArrayBuffer]);
  } catch (error) {
    reply({ id: request.id, type: 'error', message: (error as Error).message });
  }
}
