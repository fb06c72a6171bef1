// The extraction worker thread (bundled to extract-worker.js): reads one file at a time with the
// in-thread extraction (or, for a reference file, the reference readers) and answers with its result
// or its error. A heartbeat tells the main side
// that the thread is not stuck.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../../../shared/errors';
import type { ReadReferenceFile } from '../../references/reference-entry';
import { decodeText } from '../decode';
import { extractInThread } from '../extract';
import type { ExtractedDocument } from '../index';
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

async function run(job: ExtractionJob): Promise<ExtractedDocument | ReadReferenceFile> {
  if (job.kind !== 'references') return extractInThread(job.fileName, job.bytes, { password: job.password });
  const { readReferenceFile } = await import('../../references/reference-file');
  return readReferenceFile(job.fileName, decodeText(job.fileName, job.bytes).text);
}

port.on('message', (job: ExtractionJob) => {
  run(job).then(
    (result) => post({ type: 'done', id: job.id, result }),
    (error: unknown) => post({ type: 'failed', id: job.id, error: serialize(error) }),
  );
});
