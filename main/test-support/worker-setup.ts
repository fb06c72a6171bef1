// Runs before each test file of the node project: points the import at the worker bundle built by
// global-setup.ts (the app finds it beside its own bundle; tests run from source).
import { afterAll, inject } from 'vitest';
import { setExtractionWorkerScript, stopExtractionWorker } from '../services/import/worker/extraction-worker';

setExtractionWorkerScript(inject('bundles').extractWorker);
afterAll(() => stopExtractionWorker());
