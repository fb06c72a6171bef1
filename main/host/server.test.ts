import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
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
      { host: '127.0.0.1', port, agent: false, path: options.path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
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

  it('cannot be reached on any address but 127.0.0.1', async () => {
    const { port } = await start();
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of ['::1', ...others]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });

  it('refuses every method and path without the token, the event stream included', async () => {
    const { port, dispatch } = await start();
    const origin = { Origin: `http://127.0.0.1:${port}` };
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']) {
      for (const p of ['/', '/api/events', '/api/call/documents.list', '/api/call/documents.delete']) {
        const reply = await send(port, { path: p, method, headers: { ...origin, 'Content-Type': 'application/json', Authorization: 'Bearer secret-token' }, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
        expect(reply.status, `${method} ${p}`).toBe(403);
      }
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each([
    ['no port', () => ({ Host: '127.0.0.1' })],
    ['another port', (port: number) => ({ Host: `127.0.0.1:${port + 1}` })],
    ['a lookalike name', (port: number) => ({ Host: `127.0.0.1.evil.example:${port}` })],
    ['IPv6 loopback', (port: number) => ({ Host: `[::1]:${port}` })],
    ['a null Origin (sandboxed frame, file:)', (port: number) => ({ Origin: 'null', Host: `127.0.0.1:${port}` })],
    ['an Origin on another port', (port: number) => ({ Origin: `http://127.0.0.1:${port + 1}` })],
    ['an https Origin', (port: number) => ({ Origin: `https://127.0.0.1:${port}` })],
    ['a lookalike Origin', (port: number) => ({ Origin: `http://localhost.evil.example:${port}` })],
    ['an Origin with a path', (port: number) => ({ Origin: `http://127.0.0.1:${port}/x` })],
  ])('refuses a request with %s, even with the cookie and token', async (_label, headers) => {
    const { port, cookie, dispatch } = await start();
    const extra = headers(port) as Record<string, string>;
    const call = await send(port, {
      path: '/api/call/documents.list',
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', ...extra },
      body: '{}',
    });
    expect(call.status).toBe(403);
    const signIn = await send(port, { path: '/?token=secret-token', headers: extra });
    expect(signIn.status).toBe(403);
    expect(signIn.headers['set-cookie']).toBeUndefined();
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts its own origin by either loopback name', async () => {
    const { port, cookie } = await start();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const reply = await send(port, {
        path: '/api/call/documents.list',
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', Host: host, Origin: `http://${host}` },
        body: '{}',
      });
      expect(reply.status).toBe(200);
    }
  });

  it('refuses a request without a Host header', async () => {
    const { port, cookie } = await start();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.end(`POST /api/call/documents.list HTTP/1.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 4\d\d /);
  });
});
