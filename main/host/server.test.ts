import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeWire, encodeWire } from '../../shared/wire';
import { EventBus } from '../services/events';
import { useTempDir } from '../test-support/temp';
import { startHost, type RunningHost } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser-mode host', () => {
  const tempDir = useTempDir();
  let host: RunningHost | null = null;
  afterEach(async () => {
    await host?.close();
    host = null;
  });

  async function start() {
    const staticDir = await tempDir();
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Apostil</title>');
    await mkdir(path.join(staticDir, 'assets'));
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    const dispatch = vi.fn(async (name: string, args: unknown) => ({ ok: true as const, value: { name, args } }));
    host = await startHost({ dispatch, events: new EventBus(), staticDir, token: 'secret-token' });
    const cookie = `apostil-${host.port}=secret-token`;
    return { port: host.port, dispatch, cookie };
  }

  it('listens on 127.0.0.1 only and prints a URL carrying the token', async () => {
    const { port } = await start();
    expect(host!.url).toBe(`http://127.0.0.1:${port}/?token=secret-token`);
  });

  it('refuses every request without the token', async () => {
    const { port } = await start();
    for (const p of ['/', '/index.html', '/assets/app.js', '/api/call/documents.list']) {
      expect((await send(port, { path: p })).status).toBe(403);
    }
    expect((await send(port, { path: '/?token=wrong' })).status).toBe(403);
    expect((await send(port, { path: '/', headers: { Cookie: `apostil-${port}=wrong` } })).status).toBe(403);
  });

  it('trades the token in the URL for a same-site, HttpOnly cookie', async () => {
    const { port } = await start();
    const reply = await send(port, { path: '/?token=secret-token' });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(new RegExp(`^apostil-${port}=secret-token; HttpOnly; SameSite=Strict`));
  });

  it('serves the app with a strict Content-Security-Policy', async () => {
    const { port, cookie } = await start();
    const reply = await send(port, { path: '/', headers: { Cookie: cookie } });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Apostil</title>');
    expect(reply.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a foreign Host (DNS rebinding) or Origin even with the cookie', async () => {
    const { port, cookie } = await start();
    expect((await send(port, { path: '/', headers: { Cookie: cookie, Host: `evil.example:${port}` } })).status).toBe(403);
    const reply = await send(port, {
      path: '/api/call/documents.list',
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(403);
  });

  it('passes calls to the dispatcher and answers in the wire format', async () => {
    const { port, cookie, dispatch } = await start();
    const reply = await send(port, {
      path: '/api/call/documents.import',
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` },
      body: encodeWire({ name: 'a.txt', bytes: new Uint8Array([104, 105]) }),
    });
    expect(reply.status).toBe(200);
    expect(dispatch).toHaveBeenCalledWith('documents.import', { name: 'a.txt', bytes: new Uint8Array([104, 105]) });
    expect(decodeWire(reply.body)).toMatchObject({ ok: true, value: { name: 'documents.import' } });
  });

  it('refuses calls that are not JSON POSTs, and unreadable bodies', async () => {
    const { port, cookie } = await start();
    expect((await send(port, { path: '/api/call/documents.list', headers: { Cookie: cookie } })).status).toBe(405);
    const form = await send(port, {
      path: '/api/call/documents.list',
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const broken = await send(port, {
      path: '/api/call/documents.list',
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{"not json',
    });
    expect(decodeWire(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('never serves files outside the app folder', async () => {
    const { port, cookie } = await start();
    for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const reply = await send(port, { path: p, headers: { Cookie: cookie } });
      expect(reply.body).not.toContain('root:');
    }
  });
});
