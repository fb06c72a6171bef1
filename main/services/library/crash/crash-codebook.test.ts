// The crash harness (crash-harness.ts) with kills inside codebook changes (merges and splits of codes).
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test-support/temp';
import { crashRun, KILLS, SEED } from './crash-run';

const CODEBOOK_KILLS = Math.max(10, Math.round(KILLS / 5));

describe('crash safety while codes are merged and split', () => {
  const tempDir = useTempDir();

  // A kill cycle is mostly a node process starting (0.3 s of CPU): at load 17 on 2 cores one took over
  // 4 s (CI timed out at 160 s). The timeout detects a hang, as for replacements.
  it(`survives ${CODEBOOK_KILLS} SIGKILLs while codes are merged and split: codebook and passages wholly before or after`, { timeout: CODEBOOK_KILLS * 12_000 }, async () => {
    const stats = await crashRun(await tempDir(), CODEBOOK_KILLS, { mode: 'codebook' });
    console.log(`crash harness, merging and splitting codes (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBe(CODEBOOK_KILLS);
    // Changes were made and kills landed in them (each kill is timed from a change's start).
    expect(stats.codebookChanges + stats.undoneCodebookChanges).toBeGreaterThan(0);
    expect(stats.inFlight).toBeGreaterThan(CODEBOOK_KILLS / 4);
  });
});
