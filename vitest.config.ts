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
          testTimeout: 30_000,
          // Set-up hooks open libraries and start workers: as slow as a test on a busy machine.
          hookTimeout: 30_000,
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
