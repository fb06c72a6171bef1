// How the page reaches main, seen from the browser: the browser-mode credential never reaches another
// server on this machine and never outlives its first use in an address; a reload stays signed in;
// a file over the size limit is refused in words instead of a broken connection.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, screenshot, test } from './fixtures';

const browserOnly = process.env.APOSTIL_E2E_TARGET === 'electron';

test('the browser-mode credential is sent to no other server on 127.0.0.1', async ({ app }) => {
  test.skip(browserOnly, 'browser mode only');
  const seen: IncomingHttpHeaders[] = [];
  // Another local server, as another user's process on a shared machine could run.
  const bystander = createServer((request, response) => {
    seen.push(request.headers);
    response.end('<!doctype html><title>Someone else</title>');
  });
  await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve));
  try {
    const port = (bystander.address() as { port: number }).port;
    const other = await app.page.context().newPage();
    await other.goto(`http://127.0.0.1:${port}/`);
    await other.goto(`http://localhost:${port}/favicon.ico`);
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
    }
    expect(await app.page.context().cookies()).toEqual([]);
  } finally {
    bystander.close();
  }
});

test('the launch address leaves the address bar at once, opens nothing a second time, and a reload stays signed in', async ({ app, browser }) => {
  test.skip(browserOnly, 'browser mode only');
  const { page } = app;
  expect(page.url()).not.toContain('token');

  // The same address again, as it stays in the browser's history: used up.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(app.launchUrl);
  await expect(stranger.getByRole('heading', { name: 'Apostil could not open the library' })).toBeVisible();
  await expect(stranger.locator('main')).toContainText('This tab is not signed in to Apostil');
  await screenshot(stranger, 'transport-01-used-address');

  // The host printed a fresh address for another tab; it works once.
  const next = /For another tab, open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(app.hostOutput)?.[1];
  expect(next).toBeDefined();
  await stranger.goto(next!);
  await expect(stranger.getByRole('navigation', { name: 'Library' })).toBeVisible();
  await stranger.context().close();

  // A reload of the first tab keeps working, the open document with it.
  await page.getByRole('button', { name: /^Welcome to Apostil/ }).click();
  await expect(page.locator('.reader-text')).toBeVisible();
  const opened = page.url();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Library' })).toBeVisible();
  expect(page.url()).toBe(opened);
  await expect(page.locator('.reader-text')).toContainText('Welcome');
});

test('a file over the import limit is refused in words, and the rest of the import goes on', async ({ app }) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'apostil-e2e-large-'));
  try {
    // 201 MiB on paper, a few bytes on disk: refused before a byte of it is read.
    const large = path.join(folder, 'scanned-archive.pdf');
    await writeFile(large, '%PDF-1.7\n');
    await truncate(large, 201 * 1024 * 1024);
    const small = path.join(folder, 'small-note.txt');
    await writeFile(small, 'A small note\n\nStates should protect the public core of the internet.');
    await app.page.getByTestId('import-input').setInputFiles([large, small]);
    await expect(app.page.getByRole('status')).toContainText('1 imported, 1 not imported');
    const failures = app.page.getByRole('navigation', { name: 'Library' }).getByRole('alert');
    await expect(failures).toContainText('scanned-archive.pdf');
    await expect(failures).toContainText('It is 201 MB, and Apostil accepts files of up to 200 MB.');
    await expect(failures).not.toContainText('not reachable');
    await screenshot(app.page, 'transport-02-file-too-large');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
