// Hostile web pages imported and opened in the app: no script runs (each would call a binding the
// test exposes, or set a global), no request leaves 127.0.0.1, none reaches a local tracking server,
// and each page's readable text is there to read.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostilePages } from '../main/security/hostile-pages';
import { expect, screenshot, test } from './fixtures';
import { importFiles } from './helpers';

test('hostile pages import as inert text: no script runs, nothing is requested, the text is kept', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  const hits: string[] = [];
  const tracker = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('');
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  const pwned: string[] = [];
  await page.exposeFunction('apostilPwned', (name: string) => pwned.push(name));

  try {
    const pages = hostilePages(`http://127.0.0.1:${(tracker.address() as AddressInfo).port}`);
    await importFiles(
      page,
      pages.map((p) => ({ name: `${p.name}.html`, mimeType: 'text/html', buffer: Buffer.from(p.html) })),
    );
    await expect(page.getByRole('status')).toContainText(`${pages.length} imported`, { timeout: 120_000 });

    // Open every imported page and find its readable sentence in the reader. The list draws only the
    // rows on screen, so it is walked with the keyboard, which brings each row into view.
    const list = page.getByRole('list', { name: `${pages.length + 1} documents` });
    await expect(list).toBeVisible();
    const seen = new Set<string>();
    await list.locator('button[aria-current="page"]').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < pages.length + 1; i++) {
      const item = list.locator(`li[aria-posinset="${i + 1}"] button`);
      if (i > 0) await page.keyboard.press('ArrowDown');
      await expect(item).toBeFocused();
      await page.keyboard.press('Enter');
      const reader = page.locator('.reader-text');
      await expect(reader).toBeVisible();
      const text = (await reader.textContent()) ?? '';
      const match = pages.find((p) => text.includes(p.readable));
      if (!match) continue; // the welcome document
      seen.add(match.name);
      // Only text blocks are ever rendered: no element of the page made it into the reader.
      expect(await reader.locator('script, iframe, img, svg, math, object, embed, form, a, style, link, base, meta, video, audio, input').count(), match.name).toBe(0);
      await reader.hover();
      if (match.name === 'event-handlers') await screenshot(page, 'safety-04-hostile-page');
    }
    expect([...seen].sort()).toEqual(pages.map((p) => p.name).sort());

    expect(pwned).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __apostilPwned?: string }).__apostilPwned ?? null)).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('apostil-pwned'))).toBeNull();
    expect(app.foreignRequests).toEqual([]);
    expect(hits).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => tracker.close(() => resolve()));
  }
});
