// The extraction worker thread (bundled to extract-worker.js): reads one file at a time with the
// in-thread extraction and answers with its result or its error. A heartbeat tells the main side
// that the thread is not stuck.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../../../shared/errors';
import { extractInThread } from '../extract';
import { HEARTBEAT_MS } from './limits';
import type { ExtractionJob, SerializedError, WorkerMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('extract-worker.js runs as a worker thread only.');

const post = (message: WorkerMessage) => port.postMessage(message);
setInterval(() => post({ type: 'alive' }), HEARTBEAT_MS);

function serialize(error: unknown): SerializedError {
  if (isAppError(error)) return { code: error.code, name: error.name, message: error.message };
  if (error instanceof Error) return { code: null, name: error.name, message: error.message };
  return { code: null, name: 'Error', message: String(error) };
}

port.on('message', (job: ExtractionJob) => {
  extractInThread(job.fileName, job.bytes, { password: job.password }).then(
    (result) => post({ type: 'done', id: job.id, result }),
    (error: unknown) => post({ type: 'failed', id: job.id, error: serialize(error) }),
  );
});
