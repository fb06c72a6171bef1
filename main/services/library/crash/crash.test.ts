// The crash-safety proof: a child process changes a library without pause and is killed with SIGKILL
// at random moments, again and again; after every kill the library opens, passes its integrity check
// and holds every acknowledged change (see crash-harness.ts). `npm run soak` runs the same with 1,000+
// kills (APOSTIL_CRASH_KILLS). Kills inside file replacements and codebook changes: crash-replace.test.ts
// and crash-codebook.test.ts.
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test-support/temp';
import { crashRun, KILLS, SEED } from './crash-run';

describe('crash safety', () => {
  const tempDir = useTempDir();

  it(`survives ${KILLS} SIGKILLs at random moments without losing an acknowledged change`, { timeout: KILLS * 4_000 }, async () => {
    const stats = await crashRun(await tempDir(), KILLS, { searchEvery: 10 });
    console.log(`crash harness (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(KILLS);
    // The kills really landed while changes were being made, acknowledged and in flight.
    expect(stats.acknowledged).toBeGreaterThan(KILLS);
    expect(stats.inFlight).toBeGreaterThan(KILLS / 4);
    expect(stats.memoChanges).toBeGreaterThan(0);
    expect(stats.linkChanges).toBeGreaterThan(0);
  });
});
