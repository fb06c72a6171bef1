// The crash-safety proof: a child process changes a library without pause and is killed with SIGKILL
// at random moments, again and again; after every kill the library opens, passes its integrity check
// and holds every acknowledged change (see crash-harness.ts). `npm run soak` runs the same with 1,000+
// kills (APOSTIL_CRASH_KILLS).
import { inject, describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import { sampleDocument } from '../../../test-support/fixtures';
import { useTempDir } from '../../../test-support/temp';
import { LibraryStore } from '../store';
import { runCrashHarness, type CrashRunOptions } from './crash-harness';

const KILLS = Number(process.env.APOSTIL_CRASH_KILLS ?? 200);
const SEED = Number(process.env.APOSTIL_CRASH_SEED ?? Date.now() % 2 ** 31);

describe('crash safety', () => {
  const tempDir = useTempDir();

  /** Runs the harness on a library with one document, so that even the first short runs annotate. */
  async function crashRun(kills: number, options: Pick<CrashRunOptions, 'mode' | 'searchEvery'>) {
    const libraryDir = await tempDir();
    const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    await store.addDocument(sampleDocument());
    // A document variable whose values the child sets on several documents at once.
    await store.variables.edit({ op: 'create', name: 'Country', type: 'choice', choices: ['France', 'Kenya', 'Chile'] });
    await store.close();
    const bundles = inject('bundles');
    return runCrashHarness({ libraryDir, kills, seed: SEED, childScript: bundles.crashChild, workerScript: bundles.extractWorker, ...options });
  }

  it(`survives ${KILLS} SIGKILLs at random moments without losing an acknowledged change`, { timeout: KILLS * 4_000 }, async () => {
    const stats = await crashRun(KILLS, { searchEvery: 10 });
    console.log(`crash harness (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(KILLS);
    // The kills really landed while changes were being made, acknowledged and in flight.
    expect(stats.acknowledged).toBeGreaterThan(KILLS);
    expect(stats.inFlight).toBeGreaterThan(KILLS / 4);
    expect(stats.memoChanges).toBeGreaterThan(0);
    expect(stats.linkChanges).toBeGreaterThan(0);
  });

  const REPLACE_KILLS = Math.max(10, Math.round(KILLS / 5));
  // A replacement copies whole files: on a busy 2-core machine a kill cycle took over 4 s (CI timed out at 160 s).
  it(`survives ${REPLACE_KILLS} SIGKILLs while documents' files are replaced: each is wholly the old or the new version`, { timeout: REPLACE_KILLS * 12_000 }, async () => {
    const stats = await crashRun(REPLACE_KILLS, { mode: 'replace' });
    console.log(`crash harness, replacing files (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(REPLACE_KILLS);
    // Replacements were made and kills landed in them (each kill is timed from a replacement's start).
    expect(stats.replaced + stats.inFlight).toBeGreaterThan(0);
  });

  const CODEBOOK_KILLS = Math.max(10, Math.round(KILLS / 5));
  it(`survives ${CODEBOOK_KILLS} SIGKILLs while codes are merged and split: codebook and passages wholly before or after`, { timeout: CODEBOOK_KILLS * 4_000 }, async () => {
    const stats = await crashRun(CODEBOOK_KILLS, { mode: 'codebook' });
    console.log(`crash harness, merging and splitting codes (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(CODEBOOK_KILLS);
    // Changes were made and kills landed in them (each kill is timed from a change's start).
    expect(stats.codebookChanges + stats.undoneCodebookChanges).toBeGreaterThan(0);
    expect(stats.inFlight).toBeGreaterThan(CODEBOOK_KILLS / 4);
  });
});
