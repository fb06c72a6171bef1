import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test. shared/ and main/ run in Node; renderer/ in jsdom.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          // Generous: property tests build whole search segments and libraries; at load 17 on 2 cores
          // some took over 30 s. A timeout is a hang detector here, never a speed check.
          testTimeout: 60_000,
          // Set-up hooks open libraries and start workers: as slow as a test on a busy machine.
          hookTimeout: 60_000,
          // Bundles for the import's worker thread and the crash harness's child process.
          globalSetup: ['main/test-support/global-setup.ts'],
          setupFiles: ['main/test-support/worker-setup.ts'],
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
