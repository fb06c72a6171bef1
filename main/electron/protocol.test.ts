import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/csp';
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
