// The worker thread that reads files (bundled to extract-worker.js): one job at a time, answered with
// its result or its error. A heartbeat tells the main side that the thread is not stuck. Each task's
// code is loaded on first use, so a worker that only reads plain text never loads pdf.js or pdf-lib.
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../../../shared/errors';
import { decodeText } from '../decode';
import { extractInThread } from '../extract';
import { HEARTBEAT_MS } from './limits';
import type { ExtractionJob, SerializedError, WorkerMessage, WorkerTaskName, WorkerTasks } from './protocol';

const port = parentPort;
if (!port) throw new Error('extract-worker.js runs as a worker thread only.');

const post = (message: WorkerMessage) => port.postMessage(message);
setInterval(() => post({ type: 'alive' }), HEARTBEAT_MS);

function serialize(error: unknown): SerializedError {
  if (isAppError(error)) return { code: error.code, name: error.name, message: error.message };
  if (error instanceof Error) return { code: null, name: error.name, message: error.message };
  return { code: null, name: 'Error', message: String(error) };
}

async function run(job: ExtractionJob): Promise<WorkerTasks[WorkerTaskName]['result']> {
  const { fileName, bytes, password } = job;
  switch (job.task) {
    case 'extract':
      return extractInThread(fileName, bytes, { password });
    case 'references':
      return (await import('../../references/reference-file')).readReferenceFile(fileName, decodeText(fileName, bytes).text);
    case 'pdf-marks':
      return (await import('../../pdf-annotations/read-marks')).readPdfMarks(fileName, bytes, password);
    case 'annotated-pdf':
      return (await import('../../pdf-annotations/write-marks')).writeAnnotatedPdf(fileName, bytes, (job as ExtractionJob<'annotated-pdf'>).input, password);
  }
}

port.on('message', (job: ExtractionJob) => {
  run(job).then(
    (result) => post({ type: 'done', id: job.id, result }),
    (error: unknown) => post({ type: 'failed', id: job.id, error: serialize(error) }),
  );
});
