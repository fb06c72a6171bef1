// Vitest global setup: builds the bundles that tests start in worker threads and child processes,
// once per run, and hands their paths to the test files (see worker-setup.ts).
import type { TestProject } from 'vitest/node';
import { buildTestBundles } from './bundles';

declare module 'vitest' {
  export interface ProvidedContext {
    bundles: { extractWorker: string; crashChild: string; lockContender: string; citationWorker: string; syncChild: string };
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('bundles', await buildTestBundles());
}
