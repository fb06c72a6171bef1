import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/csp';
import { AppError } from '../../shared/errors';
import { openRegularFile } from '../services/library/regular-file';
import { registerAppScheme, serveRenderer } from './protocol';

describe('registerAppScheme', () => {
  it('registers app: as a standard, secure, fetch-capable scheme that does not bypass CSP', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    const [schemes] = registerSchemesAsPrivileged.mock.calls[0] as [CustomScheme[]];
    expect(schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(schemes[0]?.privileges?.bypassCSP).toBeUndefined();
  });
});

describe('serveRenderer', () => {
  it('answers app:// requests from the renderer folder with the CSP header', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'apostil-renderer-'));
    try {
      await writeFile(path.join(root, 'index.html'), '<!doctype html>');
      const handle = vi.fn();
      serveRenderer({ handle }, root);
      expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
      const handler = handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
      const response = await handler(new Request('app://apostil/index.html'));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('originals on app://apostil/api/documents/<id>/original', () => {
  async function serve(files: Record<string, string>) {
    const library = await mkdtemp(path.join(tmpdir(), 'apostil-originals-'));
    for (const [id, content] of Object.entries(files)) {
      await mkdir(path.join(library, id));
      await writeFile(path.join(library, id, 'original.pdf'), content);
    }
    // The store's part that the protocol uses: a fake over plain files, opened as the store opens them.
    const store = {
      openOriginal: async (id: string) => {
        if (!(id in files)) throw new AppError('not-found', `There is no document with id ${id}.`);
        return openRegularFile(library, path.join(library, id, 'original.pdf'), 'The original');
      },
    };
    let open: typeof store | null = null;
    const handle = vi.fn();
    serveRenderer({ handle }, library, () => open);
    const handler = handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    return { handler, openLibrary: () => (open = store), done: () => rm(library, { recursive: true, force: true }) };
  }

  it('answers a range with 206 and the exact bytes, the whole file with 200, a bad range with 416', async () => {
    const { handler, openLibrary, done } = await serve({ d1: '%PDF-1.7 0123456789' });
    try {
      expect((await handler(new Request('app://apostil/api/documents/d1/original'))).status).toBe(503);
      openLibrary();
      const part = await handler(new Request('app://apostil/api/documents/d1/original', { headers: { Range: 'bytes=9-13' } }));
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 9-13/19');
      expect(await part.text()).toBe('01234');
      const whole = await handler(new Request('app://apostil/api/documents/d1/original'));
      expect(whole.status).toBe(200);
      expect(await whole.text()).toBe('%PDF-1.7 0123456789');
      expect((await handler(new Request('app://apostil/api/documents/d1/original', { headers: { Range: 'bytes=50-' } }))).status).toBe(416);
      expect((await handler(new Request('app://apostil/api/documents/d9/original'))).status).toBe(404);
      // Another host on our scheme gets nothing.
      expect((await handler(new Request('app://elsewhere/api/documents/d1/original'))).status).toBe(403);
    } finally {
      await done();
    }
  });
});
