// The crash-safety proof: a child process changes a library without pause and is killed with SIGKILL
// at random moments, again and again; after every kill the library opens, passes its integrity check
// and holds every acknowledged change (see crash-harness.ts). `npm run soak` runs the same with 1,000+
// kills (APOSTIL_CRASH_KILLS).
import { inject, describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import { sampleDocument } from '../../../test-support/fixtures';
import { useTempDir } from '../../../test-support/temp';
import { LibraryStore } from '../store';
import { runCrashHarness } from './crash-harness';

const KILLS = Number(process.env.APOSTIL_CRASH_KILLS ?? 200);
const SEED = Number(process.env.APOSTIL_CRASH_SEED ?? Date.now() % 2 ** 31);

describe('crash safety', () => {
  const tempDir = useTempDir();

  it(`survives ${KILLS} SIGKILLs at random moments without losing an acknowledged change`, { timeout: KILLS * 4_000 }, async () => {
    const libraryDir = await tempDir();
    // A library with one document, so that even the first short runs annotate rather than import.
    const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    await store.addDocument(sampleDocument());
    await store.close();
    const bundles = inject('bundles');
    const stats = await runCrashHarness({
      libraryDir,
      kills: KILLS,
      seed: SEED,
      childScript: bundles.crashChild,
      workerScript: bundles.extractWorker,
      searchEvery: 10,
    });
    console.log(`crash harness (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(KILLS);
    // The kills really landed while changes were being made, acknowledged and in flight.
    expect(stats.acknowledged).toBeGreaterThan(KILLS);
    expect(stats.inFlight).toBeGreaterThan(KILLS / 4);
  });

  const REPLACE_KILLS = Math.max(10, Math.round(KILLS / 5));
  it(`survives ${REPLACE_KILLS} SIGKILLs while documents' files are replaced: each is wholly the old or the new version`, { timeout: REPLACE_KILLS * 4_000 }, async () => {
    const libraryDir = await tempDir();
    const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    await store.addDocument(sampleDocument());
    await store.close();
    const bundles = inject('bundles');
    const stats = await runCrashHarness({
      libraryDir,
      kills: REPLACE_KILLS,
      seed: SEED,
      childScript: bundles.crashChild,
      workerScript: bundles.extractWorker,
      mode: 'replace',
    });
    console.log(`crash harness, replacing files (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(REPLACE_KILLS);
    expect(stats.replaced).toBeGreaterThan(REPLACE_KILLS);
    expect(stats.inFlight).toBeGreaterThan(0);
  });
});
