// Browser mode: the built renderer and the same services as the desktop app, over HTTP on 127.0.0.1.
// Calls are POST /api/call/<name> with the contract's JSON payload; events stream from /api/events.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_IMPORT_BYTES } from '../../shared/api';
import { decodeWire, encodeWire } from '../../shared/wire';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../services/events';
import { mimeType, resolveStaticPath, securityHeaders } from '../services/static-files';
import { cookieName, isOwnOrigin, readCookie, tokenMatches } from './security';

export interface HostOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  token: string;
  port?: number;
}

export interface RunningHost {
  port: number;
  /** The address to open: it carries the token once; the page then keeps it in a cookie. */
  url: string;
  close(): Promise<void>;
}

// base64 makes a file 4/3 larger; the rest is room for the JSON around it.
const MAX_BODY_BYTES = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 1024 * 1024;

export function startHost(options: HostOptions): Promise<RunningHost> {
  const sockets = new Set<ServerResponse>();
  let port = 0;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain', `Internal error: ${(error as Error).message}`);
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isOwnOrigin(request, port)) return send(response, 403, 'text/plain', 'Forbidden: wrong host or origin.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const cookie = cookieName(port);

    if (url.searchParams.has('token')) {
      if (!tokenMatches(options.token, url.searchParams.get('token'))) return forbidden(response);
      response.setHeader('Set-Cookie', `${cookie}=${options.token}; HttpOnly; SameSite=Strict; Path=/`);
      response.setHeader('Location', '/');
      return send(response, 303, 'text/plain', 'Signed in.');
    }
    if (!tokenMatches(options.token, readCookie(request, cookie))) return forbidden(response);

    if (url.pathname.startsWith('/api/call/')) return handleCall(request, response, url.pathname.slice(10));
    if (url.pathname === '/api/events' && request.method === 'GET') return handleEvents(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed.');
    return serveStatic(response, url.pathname);
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Calls are POST requests.');
    // A JSON content type cannot be sent by a plain cross-site form; with SameSite cookies this stops CSRF.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(response, 415, 'text/plain', 'Calls must be application/json.');
    }
    let args: unknown;
    try {
      args = decodeWire(await readBody(request, MAX_BODY_BYTES));
    } catch (error) {
      const result = { ok: false, error: { code: 'invalid-input', message: `The request could not be read: ${(error as Error).message}` } };
      return send(response, 200, 'application/json', encodeWire(result));
    }
    const result = await options.dispatch(decodeURIComponent(name), args);
    send(response, 200, 'application/json', encodeWire(result));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { ...securityHeaders('text/event-stream'), 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    sockets.add(response);
    const unsubscribe = options.events.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      sockets.delete(response);
    });
  }

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const resolved = resolveStaticPath(pathname, options.staticDir);
    if (!resolved.ok) return send(response, resolved.status, 'text/plain', 'Not found.');
    let file = resolved.file;
    const info = await stat(file).catch(() => null);
    // The app routes in the page; any unknown path without an extension gets the app itself.
    if (!info?.isFile()) {
      if (path.extname(file)) return send(response, 404, 'text/plain', 'Not found.');
      file = path.join(path.resolve(options.staticDir), 'index.html');
    }
    send(response, 200, mimeType(file), await readFile(file));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/?token=${options.token}`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}


function forbidden(response: ServerResponse): void {
  send(
    response,
    403,
    'text/plain; charset=utf-8',
    'Apostil refused this request: open the address that `npm run web` printed (it carries a token for this launch).',
  );
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, securityHeaders(type));
  response.end(body);
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`the request is larger than ${Math.round(limit / 1024 / 1024)} MB`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
