// `npm run soak [-- KILLS]`: the crash harnesses of the regular suite, with 1,000 kills by default (an
// eighth of them of the real host, host-kills.test.ts).
// Prints the harness's figures (kills, acknowledged changes found again, changes in flight...).
import { spawnSync } from 'node:child_process';

const kills = process.argv[2] ?? process.env.APOSTIL_CRASH_KILLS ?? '1000';
const result = spawnSync(
  'vitest',
  ['run', ...['crash', 'crash-replace', 'crash-codebook', 'host-kills'].map((name) => `main/services/library/crash/${name}.test.ts`)],
  {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, APOSTIL_CRASH_KILLS: kills },
  },
);
process.exit(result.status ?? 1);
