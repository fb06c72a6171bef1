// What the crash tests share (crash.test.ts, crash-replace.test.ts, crash-codebook.test.ts: three files,
// so that a test runner runs them side by side): how many kills, the seed, and the library they start from.
import { inject } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import { sampleDocument } from '../../../test-support/fixtures';
import { LibraryStore } from '../store';
import { runCrashHarness, type CrashRunOptions } from './crash-harness';

export const KILLS = Number(process.env.APOSTIL_CRASH_KILLS ?? 200);
export const SEED = Number(process.env.APOSTIL_CRASH_SEED ?? Date.now() % 2 ** 31);

/** Runs the harness on a library with one document, so that even the first short runs annotate. */
export async function crashRun(libraryDir: string, kills: number, options: Pick<CrashRunOptions, 'mode' | 'searchEvery'>) {
  const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
  await store.addDocument(sampleDocument());
  // A document variable whose values the child sets on several documents at once.
  await store.variables.edit({ op: 'create', name: 'Country', type: 'choice', choices: ['France', 'Kenya', 'Chile'] });
  await store.close();
  const bundles = inject('bundles');
  return runCrashHarness({ libraryDir, kills, seed: SEED, childScript: bundles.crashChild, workerScript: bundles.extractWorker, ...options });
}
