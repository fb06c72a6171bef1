// The hostile pages, read by the importer (jsdom with no scripts and no resources, Readability,
// DOMPurify): the readable sentence is kept, no script text leaks into the document's text, and the
// importer makes no request at all (a local server counts any). The end-to-end test opens the same
// pages in the app (e2e/hostile-html.spec.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../services/import/index';
import { hostilePages } from './hostile-pages';

let server: Server;
const hits: string[] = [];
let tracker = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tracker = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('hostile web pages at import', () => {
  it('imports every page as inert text, keeps its readable text, and requests nothing', async () => {
    const pages = hostilePages(tracker);
    expect(pages.length).toBeGreaterThanOrEqual(20);
    for (const page of pages) {
      const doc = await extractDocument(`${page.name}.html`, new TextEncoder().encode(page.html));
      expect(doc.format).toBe('html');
      expect(doc.text.text, page.name).toContain(page.readable);
      // Script bodies and markup never become text, unless the page shows them as text on purpose.
      if (!page.markupAsText) expect(doc.text.text, page.name).not.toMatch(/apostilPwned|<script|onerror|<img|<svg/i);
      expect(doc.metadata.url ?? '', page.name).not.toMatch(/^javascript:/i);
    }
    // Give any request a moment to arrive: there must be none.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hits).toEqual([]);
  });
});
