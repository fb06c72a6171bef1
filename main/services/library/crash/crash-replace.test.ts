// The crash harness (crash-harness.ts) with kills inside replacements of documents' files.
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test-support/temp';
import { crashRun, KILLS, SEED } from './crash-run';

const REPLACE_KILLS = Math.max(10, Math.round(KILLS / 5));

describe('crash safety while files are replaced', () => {
  const tempDir = useTempDir();

  // A replacement copies whole files: on a busy 2-core machine a kill cycle took over 4 s (CI timed out at 160 s).
  it(`survives ${REPLACE_KILLS} SIGKILLs while documents' files are replaced: each is wholly the old or the new version`, { timeout: REPLACE_KILLS * 12_000 }, async () => {
    const stats = await crashRun(await tempDir(), REPLACE_KILLS, { mode: 'replace' });
    console.log(`crash harness, replacing files (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(REPLACE_KILLS);
    // Replacements were made and kills landed in them (each kill is timed from a replacement's start).
    expect(stats.replaced + stats.inFlight).toBeGreaterThan(0);
  });
});
