// The app under test, started fresh for each test with its own empty library: the browser-mode host
// (default) or the desktop app through Playwright's _electron (APOSTIL_E2E_TARGET=electron).
import { test as base, _electron, type Browser, type Page, type ElectronApplication } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');
const target = process.env.APOSTIL_E2E_TARGET === 'electron' ? 'electron' : 'browser';

export class AppUnderTest {
  page!: Page;
  /** Requests the page made to anything but the app itself. */
  readonly foreignRequests: string[] = [];
  /** Browser mode: the address the host printed first (its launch token is used up once opened). */
  launchUrl = '';
  /** Browser mode: what the host has printed so far. */
  hostOutput = '';
  private host: ChildProcess | null = null;
  private electron: ElectronApplication | null = null;

  constructor(
    readonly libraryDir: string,
    readonly dataDir: string,
    private readonly browser: Browser | null,
  ) {}

  /** The desktop app under test (Electron target only), e.g. to answer its dialogs. */
  get electronApp(): ElectronApplication | null {
    return this.electron;
  }

  async start(): Promise<void> {
    if (target === 'electron') {
      this.electron = await _electron.launch({
        args: [path.join(repoRoot, 'dist/main/electron/main.js'), '--library', this.libraryDir, '--data-dir', this.dataDir],
      });
      this.page = await this.electron.firstWindow();
    } else {
      const url = await this.startHost();
      this.launchUrl = url;
      const context = await this.browser!.newContext();
      this.page = await context.newPage();
      await this.page.goto(url);
    }
    this.page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['127.0.0.1', 'apostil'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
        this.foreignRequests.push(request.url());
      }
    });
    await this.page.getByRole('navigation', { name: 'Library' }).waitFor();
  }

  /** Stop and start again on the same library (a new host process, a new token). */
  async restart(): Promise<void> {
    const hash = new URL(this.page.url()).hash;
    await this.stop();
    await this.start();
    if (hash && target === 'browser') {
      await this.page.goto(this.page.url().replace(/#.*$/, '') + hash);
    }
  }

  async stop(): Promise<void> {
    if (this.electron) {
      await this.electron.close();
      this.electron = null;
    } else {
      await this.page?.context().close();
      const host = this.host;
      if (host && host.exitCode === null) {
        const exited = new Promise((resolve) => host.once('exit', resolve));
        host.kill('SIGTERM');
        await exited;
      }
      this.host = null;
    }
  }

  private startHost(): Promise<string> {
    const host = spawn(
      process.execPath,
      [path.join(repoRoot, 'dist/main/host.js'), '--library', this.libraryDir, '--data-dir', this.dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.host = host;
    this.hostOutput = '';
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.hostOutput += chunk.toString();
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(this.hostOutput);
        if (match) resolve(match[1]!);
      };
      host.stdout!.on('data', onData);
      host.stderr!.on('data', (chunk: Buffer) => (this.hostOutput += chunk.toString()));
      host.once('exit', (code) => reject(new Error(`The host exited (${code}) before it was ready:\n${this.hostOutput}`)));
    });
  }
}

async function runApp(browser: Browser | null, use: (app: AppUnderTest) => Promise<void>): Promise<void> {
  const libraryDir = await mkdtemp(path.join(tmpdir(), 'apostil-e2e-library-'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'apostil-e2e-data-'));
  const app = new AppUnderTest(libraryDir, dataDir, browser);
  await app.start();
  await use(app);
  await app.stop();
  await rm(libraryDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}

// Playwright starts only the fixtures a test names: in Electron mode no Chromium is launched.
export const test =
  target === 'electron'
    ? // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test needs from this pattern
      base.extend<{ app: AppUnderTest }>({ app: async ({}, use) => runApp(null, use) })
    : base.extend<{ app: AppUnderTest }>({ app: async ({ browser }, use) => runApp(browser, use) });

export { expect } from '@playwright/test';

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}
