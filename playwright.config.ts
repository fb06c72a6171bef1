import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real UI. Here they run in browser mode against Debian's Chromium (the
// Electron binary cannot be downloaded on these machines); with APOSTIL_E2E_TARGET=electron the same
// specs launch the desktop app through Playwright's _electron instead (see e2e/fixtures.ts).
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
    },
  },
});
