import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { encodeParts, PARTS_CONTENT_TYPE, PARTS_HEADER } from '../../shared/wire';
import { EventBus } from '../services/events';
import { openRegularFile } from '../services/library/regular-file';
import { useTempDir } from '../test-support/temp';
import { startHost, type RunningHost } from './server';
import { rawRequest, send, type Reply } from '../test-support/http';

describe('browser-mode host', () => {
  const tempDir = useTempDir();
  let host: RunningHost | null = null;
  afterEach(async () => {
    await host?.close();
    host = null;
  });

  async function start(options: { bodyIdleMs?: number; originalsDir?: string; indexHtml?: string } = {}) {
    const staticDir = await tempDir();
    await writeFile(path.join(staticDir, 'index.html'), options.indexHtml ?? '<!doctype html><title>Apostil</title>');
    await mkdir(path.join(staticDir, 'assets'));
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    const dispatch = vi.fn(async (name: string, args: unknown) => ({ ok: true as const, value: { name, args } }));
    const events = new EventBus();
    const onSignIn = vi.fn();
    const { originalsDir, indexHtml: _, ...rest } = options;
    const originals = {
      openOriginal: vi.fn(async (id: string) => {
        if (!originalsDir || id !== 'doc-1') throw new AppError('not-found', `There is no document with id ${id}.`);
        return openRegularFile(originalsDir, path.join(originalsDir, 'doc-1', 'original.pdf'), 'The original');
      }),
    };
    host = await startHost({ dispatch, events, originals, staticDir, token: 'launch-token', onSignIn, ...rest });
    const port = host.port;
    const signIn = async (token = 'launch-token') => send(port, { path: '/api/session', method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const session = JSON.parse((await signIn()).body).session as string;
    const auth = { Authorization: `Bearer ${session}` };
    return { port, dispatch, events, onSignIn, signIn, session, auth, staticDir };
  }

  const post = (port: number, name: string, headers: Record<string, string>, body?: string | Uint8Array) =>
    send(port, { path: `/api/call/${name}`, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  it('listens on 127.0.0.1 only and prints an address carrying the launch token in its fragment', async () => {
    const { port } = await start();
    // The fragment never reaches a server, nor a Referer; it is not a query string.
    expect(host!.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[0-9a-f]{48}$`));
  });

  it('trades the launch token once for the session token, and prints a new address for the next tab', async () => {
    const { port, signIn, onSignIn, session, auth } = await start();
    expect(session).toMatch(/^[0-9a-f]{48}$/);
    expect(onSignIn).toHaveBeenCalledWith(host!.url);
    // The address already used (as left in the browser's history) opens nothing any more.
    expect((await signIn('launch-token')).status).toBe(401);
    const next = new URL(host!.url).hash.replace('#token=', '');
    expect(next).not.toBe('launch-token');
    const again = await signIn(next);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body).session).toBe(session);
    expect((await post(port, 'documents.list', auth, '{}')).status).toBe(200);
  });

  it('answers the first screen\'s reads with the sign-in: the session at once, then each read, dispatched as its call would be', async () => {
    const { port, dispatch } = await start();
    let listed!: () => void;
    dispatch.mockImplementation(async (name: string, args: unknown) => {
      if (name === 'documents.list') await new Promise<void>((resolve) => (listed = resolve));
      return { ok: true as const, value: { name, args } };
    });
    const lines: string[] = [];
    const reply = await new Promise<{ type: string | undefined }>((resolve, reject) => {
      const body = JSON.stringify({ reads: ['documents.list', 'codebook.get'] });
      const req = httpRequest(
        { host: '127.0.0.1', port, agent: false, path: '/api/session', method: 'POST', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${host!.url.split('#token=')[1]}`, 'Content-Type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            const done = text.split('\n');
            text = done.pop()!;
            lines.push(...done);
            // The session came before the list was answered: the page's other requests need not wait for the list.
            if (lines.length === 1) expect(JSON.parse(lines[0]!).session).toMatch(/^[0-9a-f]{48}$/);
            if (lines.length === 2) listed();
          });
          res.on('end', () => resolve({ type: res.headers['content-type'] }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(reply.type).toBe('application/x-ndjson');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { session: expect.any(String) },
      { read: 'codebook.get', result: { ok: true, value: { name: 'codebook.get', args: {} } } },
      { read: 'documents.list', result: { ok: true, value: { name: 'documents.list', args: {} } } },
    ]);
  });

  it('refuses a sign-in asking for anything but the first screen\'s reads, and leaves its launch token valid', async () => {
    const { port, dispatch } = await start();
    const token = host!.url.split('#token=')[1]!;
    const signIn = (body: string, type = 'application/json') =>
      send(port, { path: '/api/session', method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body });
    for (const body of ['{"reads":["documents.delete"]}', '{"reads":["documents.list"],"id":"x"}', '{"reads":"documents.list"}', 'not json', `{"reads":[${'"codebook.get",'.repeat(200)}"codebook.get"]}`]) {
      const reply = await signIn(body);
      expect(reply.status, body).toBeGreaterThanOrEqual(400);
      expect(reply.body).not.toMatch(/"session"/);
    }
    expect((await signIn('{}', 'text/plain')).status).toBe(415);
    expect(dispatch).not.toHaveBeenCalled();
    expect(host!.url).toContain(token);
    expect((await signIn('{"reads":[]}')).status).toBe(200);
  });

  it('dispatches nothing for a sign-in with a wrong launch token', async () => {
    const { port, dispatch } = await start();
    const reply = await send(port, { path: '/api/session', method: 'POST', headers: { Authorization: 'Bearer wrong', 'Content-Type': 'application/json' }, body: '{"reads":["documents.list"]}' });
    expect(reply.status).toBe(401);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('never sets a cookie: no other server on 127.0.0.1 can be sent the credential', async () => {
    const { port, signIn, auth } = await start();
    const replies: Reply[] = [await signIn(host!.url.split('#token=')[1]), await send(port, { path: '/' }), await post(port, 'documents.list', auth, '{}')];
    for (const reply of replies) expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('serves the app itself (public code) without a token, with a strict Content-Security-Policy', async () => {
    const { port } = await start();
    const reply = await send(port, { path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Apostil</title>');
    expect(reply.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(port, { path: '/assets/app.js' })).status).toBe(200);
  });

  it('answers index.html and the files it names from memory, read at start (the first load waits for no disk read behind the open)', async () => {
    const indexHtml = '<!doctype html><title>Apostil</title><script type="module" src="./assets/app.js"></script><link rel="stylesheet" href="./assets/app.css">';
    const { port, staticDir } = await start({ indexHtml });
    await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body{}'); // written after the start: read from disk
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'changed on disk');
    await rm(path.join(staticDir, 'index.html'));
    const script = await send(port, { path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.body).toBe('console.log(1)');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect((await send(port, { path: '/' })).body).toBe(indexHtml);
    expect((await send(port, { path: '/documents/abc' })).body).toBe(indexHtml);
    expect((await send(port, { path: '/assets/app.css' })).body).toBe('body{}');
    expect((await send(port, { path: '/assets/other.js' })).status).toBe(404);
  });

  it('refuses every /api/ request without the session token, whatever else it carries', async () => {
    const { port, dispatch } = await start();
    const tries: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer launch-token' },
      { Authorization: 'Bearer wrong' },
      { Authorization: 'Basic bGF1bmNoLXRva2Vu' },
      { Cookie: `apostil-${port}=launch-token` },
    ];
    for (const headers of tries) {
      for (const [method, p] of [['POST', '/api/call/documents.list'], ['POST', '/api/call/documents.delete'], ['GET', '/api/events'], ['GET', '/api/documents/x/original']] as const) {
        const reply = await send(port, { path: p, method, headers: { 'Content-Type': 'application/json', ...headers }, body: method === 'POST' ? '{}' : undefined });
        expect(reply.status, `${method} ${p} ${JSON.stringify(headers)}`).toBe(401);
      }
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a foreign Host (DNS rebinding) or Origin even with the session token', async () => {
    const { port, auth } = await start();
    expect((await send(port, { path: '/', headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await post(port, 'documents.list', { ...auth, Origin: 'http://evil.example' }, '{}')).status).toBe(403);
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
  ])('refuses a request with %s, even with the session token', async (_label, headers) => {
    const { port, auth, dispatch, onSignIn } = await start();
    const extra = headers(port) as Record<string, string>;
    expect((await post(port, 'documents.list', { ...auth, ...extra }, '{}')).status).toBe(403);
    const signIn = await send(port, { path: '/api/session', method: 'POST', headers: { Authorization: `Bearer ${host!.url.split('#token=')[1]}`, ...extra } });
    expect(signIn.status).toBe(403);
    expect(onSignIn).toHaveBeenCalledTimes(1); // the sign-in of start() only
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts its own origin by either loopback name', async () => {
    const { port, auth } = await start();
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await post(port, 'documents.list', { ...auth, Host: name, Origin: `http://${name}` }, '{}')).status).toBe(200);
    }
  });

  it('passes JSON calls to the dispatcher and answers in JSON', async () => {
    const { port, auth, dispatch } = await start();
    const reply = await post(port, 'search.query', auth, JSON.stringify({ query: 'norms' }));
    expect(reply.status).toBe(200);
    expect(dispatch).toHaveBeenCalledWith('search.query', { query: 'norms' });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'search.query' } });
  });

  it('takes files as raw parts beside the JSON, and answers bytes the same way', async () => {
    const { port, auth, dispatch } = await start();
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => i & 255);
    const message = encodeParts({ name: 'a.pdf', bytes })!;
    const reply = await send(port, {
      path: '/api/call/documents.import',
      method: 'POST',
      headers: { ...auth, 'Content-Type': PARTS_CONTENT_TYPE, [PARTS_HEADER]: message.layout },
      body: Buffer.concat([message.json, ...message.parts]),
    });
    expect(reply.status).toBe(200);
    const [name, args] = dispatch.mock.calls[0]!;
    expect(name).toBe('documents.import');
    expect(Buffer.from((args as { bytes: Uint8Array }).bytes).equals(Buffer.from(bytes))).toBe(true);
    // The answer echoes the bytes: they come back as a part too.
    expect(reply.headers['content-type']).toBe(PARTS_CONTENT_TYPE);
    const layout = String(reply.headers[PARTS_HEADER.toLowerCase()]).split(',').map(Number);
    expect(layout.slice(1)).toEqual([300_000]);
    expect(reply.raw.byteLength).toBe(layout[0]! + 300_000);
  });

  it('refuses calls that are not POSTs, bodies of other types, and unreadable bodies', async () => {
    const { port, auth } = await start();
    expect((await send(port, { path: '/api/call/documents.list', headers: auth })).status).toBe(405);
    expect((await post(port, 'documents.list', { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1')).status).toBe(415);
    const broken = await post(port, 'documents.list', auth, '{"not json');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: /could not be read/ } });
    const badLayout = await send(port, { path: '/api/call/documents.import', method: 'POST', headers: { ...auth, 'Content-Type': PARTS_CONTENT_TYPE, [PARTS_HEADER]: '5,x' }, body: 'hello' });
    expect(JSON.parse(badLayout.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const short = await send(port, { path: '/api/call/documents.import', method: 'POST', headers: { ...auth, 'Content-Type': PARTS_CONTENT_TYPE, [PARTS_HEADER]: '2,10' }, body: '{}' });
    expect(JSON.parse(short.body)).toMatchObject({ ok: false, error: { message: /adds up to 12/ } });
  });

  it('answers 400, not 500, to a call name that is not valid percent-encoding', async () => {
    const { port, auth, dispatch } = await start();
    const reply = await post(port, '%E0%A4%A', auth, '{}');
    expect(reply.status).toBe(400);
    expect(reply.body).toMatch(/percent-encoding/);
    expect((await send(port, { path: '/api/documents/%E0%A4%A/original', headers: auth })).status).toBe(400);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('limits each call before reading its body: a few bytes for library.info, files only where a call takes them', async () => {
    const { port, auth, dispatch } = await start();
    const tooBig = await post(port, 'library.info', auth, JSON.stringify({ pad: 'x'.repeat(2_000) }));
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body)).toMatchObject({ ok: false, error: { code: 'too-large', message: /library\.info was refused: its arguments are 2 KB, and it accepts at most 1 KB/ } });
    // documents.import's JSON is a name and a password; its file comes as a part, never inside the JSON.
    expect((await post(port, 'documents.import', auth, JSON.stringify({ name: 'a', bytes: 'x'.repeat(100_000) }))).status).toBe(413);
    const filesWhereNone = await send(port, { path: '/api/call/documents.list', method: 'POST', headers: { ...auth, 'Content-Type': PARTS_CONTENT_TYPE, [PARTS_HEADER]: '2,3' }, body: '{}abc' });
    expect(JSON.parse(filesWhereNone.body)).toMatchObject({ ok: false, error: { message: /takes no files/ } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a 200 MB body from its headers alone, without reading or parsing it', async () => {
    const { port, session } = await start();
    // Only the headers are sent: the answer must come without the body.
    const announce = (name: string, type: string, extra = '') =>
      rawRequest(port, `POST /api/call/${name} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${session}\r\nContent-Type: ${type}\r\n${extra}Content-Length: ${200 * 1024 * 1024}\r\n\r\n[{},{},`);
    expect(await announce('documents.import', 'application/json')).toMatch(/^HTTP\/1\.1 413 [\s\S]*its arguments are 200 MB, and it accepts at most 64 KB/);
    const layout = `${PARTS_HEADER}: 100,${250 * 1024 * 1024}\r\n`;
    expect(await announce('documents.import', PARTS_CONTENT_TYPE, layout)).toMatch(/^HTTP\/1\.1 413 [\s\S]*the file is 250 MB, and it accepts at most 200 MB/);
  });

  it('stops reading a body without a length as soon as it passes the limit', async () => {
    const { port, session, dispatch } = await start();
    const chunk = '{},'.repeat(20_000);
    const reply = await rawRequest(port, `POST /api/call/documents.import HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${session}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, (write) => {
      for (let i = 0; i < 10; i++) write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('drops a body that stops arriving after a few seconds, not minutes', async () => {
    const { BODY_IDLE_MS } = await import('./call-body');
    expect(BODY_IDLE_MS).toBeLessThanOrEqual(10_000);
    const { port, session } = await start({ bodyIdleMs: 300 });
    const started = Date.now();
    const reply = await rawRequest(port, `POST /api/call/search.query HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${session}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`);
    expect(reply).toMatch(/^HTTP\/1\.1 408 [\s\S]*stopped arriving/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('streams events to a signed-in reader only', async () => {
    const { port, auth, events } = await start();
    expect((await send(port, { path: '/api/events' })).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${auth.Authorization}\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (data: Buffer) => {
        text += data.toString();
        if (text.includes(': connected')) events.emit('task.progress', { task: 'd1', done: 1, total: 2, label: 'Half' });
        if (text.includes('"d1"')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
    });
    expect(received).toMatch(/^HTTP\/1\.1 200 [\s\S]*text\/event-stream[\s\S]*data: \{"name":"task.progress","payload":\{"task":"d1","done":1,"total":2,"label":"Half"\}\}/);
  });

  it("serves a document's original in byte ranges to a signed-in reader", async () => {
    const originalsDir = await tempDir();
    await mkdir(path.join(originalsDir, 'doc-1'));
    const bytes = Buffer.from(Array.from({ length: 1_000_000 }, (_, i) => (i * 31) & 255));
    await writeFile(path.join(originalsDir, 'doc-1', 'original.pdf'), bytes);
    const { port, auth } = await start({ originalsDir });
    const url = '/api/documents/doc-1/original';
    expect((await send(port, { path: url, headers: { Range: 'bytes=0-9' } })).status).toBe(401);
    const part = await send(port, { path: url, headers: { ...auth, Range: 'bytes=500000-500099' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 500000-500099/1000000');
    expect(part.raw.equals(bytes.subarray(500_000, 500_100))).toBe(true);
    const whole = await send(port, { path: url, headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.raw.equals(bytes)).toBe(true);
    expect((await send(port, { path: url, headers: { ...auth, Range: 'bytes=2000000-' } })).status).toBe(416);
    expect((await send(port, { path: url, headers: { ...auth, Range: 'bytes=0-1', 'If-Match': '"another-version"' } })).status).toBe(412);
    expect((await send(port, { path: '/api/documents/doc-2/original', headers: auth })).status).toBe(404);
    expect((await send(port, { path: url, method: 'POST', headers: auth })).status).toBe(405);
  });

  it('never serves files outside the app folder', async () => {
    const { port } = await start();
    for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const reply = await send(port, { path: p });
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

  it('refuses a request without a Host header', async () => {
    const { port, session } = await start();
    const reply = await rawRequest(port, `POST /api/call/documents.list HTTP/1.1\r\nAuthorization: Bearer ${session}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(reply).toMatch(/^HTTP\/1\.1 4\d\d /);
  });
});
