// Browser mode: the built renderer and the same services as the desktop app, over HTTP on 127.0.0.1.
//   POST /api/session                    the launch token (once) for the session token, and with it
//                                        the first screen's reads if asked (shared/sign-in.ts)
//   POST /api/call/<name>                a call of the contract (JSON, or JSON and files: shared/wire.ts)
//   GET  /api/events                     the event stream (server-sent events, read with fetch)
//   GET  /api/documents/<id>/original    a document's file, in byte ranges (original-ranges.ts)
//   GET  /…                              the app's own files
// Everything under /api/ needs the session token (security.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { isCallName } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import { SIGN_IN_LINES_TYPE, SIGN_IN_READS, type SignInReadLine } from '../../shared/sign-in';
import { encodeParts, PARTS_CONTENT_TYPE, PARTS_HEADER } from '../../shared/wire';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../services/events';
import type { LibraryStore } from '../services/library/store';
import { answerOriginal, ORIGINAL_PATH } from '../services/original-ranges';
import { mimeType, resolveStaticPath, securityHeaders } from '../services/static-files';
import { BODY_IDLE_MS, BodyError, readCallArgs } from './call-body';
import { readFirstLoad } from './first-load';
import { bearerToken, Credentials, isOwnOrigin } from './security';

export interface HostOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** Where documents' originals are read from (GET /api/documents/<id>/original). */
  originals: Pick<LibraryStore, 'openOriginal'>;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** The first launch token (a random one if not given). */
  token?: string;
  port?: number;
  /** Called when a tab has signed in with the launch token: the address for the next tab. */
  onSignIn?: (nextUrl: string) => void;
  /** Silence allowed in the middle of a request body (tests shorten it). */
  bodyIdleMs?: number;
}

export interface RunningHost {
  port: number;
  /** The address to open now: it carries the current launch token, which works once. */
  readonly url: string;
  close(): Promise<void>;
}

/** Seconds a client may take to send its headers, and a whole request: a few, never minutes. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;

export function startHost(options: HostOptions): Promise<RunningHost> {
  const credentials = new Credentials(options.token);
  const firstLoad = readFirstLoad(options.staticDir);
  const streams = new Set<ServerResponse>();
  let port = 0;
  const launchUrl = () => `http://127.0.0.1:${port}/#token=${credentials.launchToken}`;
  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, 'text/plain', `Internal error: ${(error as Error).message}`);
        else response.destroy();
      });
    },
  );

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isOwnOrigin(request, port)) return send(response, 403, 'text/plain', 'Forbidden: wrong host or origin.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed.');
      return serveStatic(request, response, url.pathname);
    }
    if (url.pathname === '/api/session') return signIn(request, response);
    if (!credentials.isSignedIn(request)) return unauthorized(response);

    if (url.pathname.startsWith('/api/call/')) {
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      } catch {
        return send(response, 400, 'text/plain', 'Bad request: the call name is not valid percent-encoding.');
      }
      return handleCall(request, response, name);
    }
    if (url.pathname === '/api/events' && request.method === 'GET') return handleEvents(request, response);
    const original = ORIGINAL_PATH.exec(url.pathname);
    if (original) return serveOriginal(request, response, original[1]!);
    return send(response, 404, 'text/plain', 'Not found.');
  }

  async function signIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Sign in with a POST request.');
    // The reads asked for are checked before the launch token is used up: a refused request leaves it valid.
    let reads: readonly string[] = [];
    if (request.headers['content-type'] !== undefined) {
      let body: unknown;
      try {
        body = await readCallArgs(request, 'The sign-in', options.bodyIdleMs ?? BODY_IDLE_MS);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        response.setHeader('Connection', 'close');
        response.once('finish', () => request.destroy());
        return send(response, error.status, 'text/plain', error.message);
      }
      const asked = signInBody.safeParse(body);
      if (!asked.success) return send(response, 400, 'text/plain', `Bad request: a sign-in may ask only for ${SIGN_IN_READS.join(', ')}.`);
      reads = [...new Set(asked.data.reads)];
    }
    const session = credentials.signIn(bearerToken(request));
    if (!session) return unauthorized(response);
    options.onSignIn?.(launchUrl());
    if (reads.length === 0) return send(response, 200, 'application/json', JSON.stringify({ session }));
    // The session first, so that the page's other requests (the event stream) go out at once; then each
    // read as soon as it is answered, each dispatched (validated and handled) as its own call would be.
    response.writeHead(200, { ...securityHeaders(SIGN_IN_LINES_TYPE), 'Cache-Control': 'no-store' });
    response.write(`${JSON.stringify({ session })}\n`);
    await Promise.all(
      reads.map(async (read) => {
        const line: SignInReadLine = { read: read as SignInReadLine['read'], result: await options.dispatch(read, {}) };
        if (!response.writableEnded) response.write(`${JSON.stringify(line)}\n`);
      }),
    );
    response.end();
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Calls are POST requests.');
    if (!isCallName(name)) {
      // Said before any body is read, so a caller learns the name is wrong, not that its body was too big.
      response.setHeader('Connection', 'close');
      response.once('finish', () => request.destroy());
      return sendResult(response, await options.dispatch(name, undefined), 404);
    }
    let args: unknown;
    try {
      args = await readCallArgs(request, name, options.bodyIdleMs ?? BODY_IDLE_MS);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      // The rest of a refused body is not read: the connection closes once the answer is out.
      response.setHeader('Connection', 'close');
      response.once('finish', () => request.destroy());
      if (error.status === 415) return send(response, 415, 'text/plain', error.message);
      return sendResult(response, { ok: false, error: { code: error.code, message: error.message } }, error.status);
    }
    sendResult(response, await options.dispatch(name, args));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { ...securityHeaders('text/event-stream'), 'Cache-Control': 'no-store' });
    response.write(': connected\n\n');
    streams.add(response);
    const unsubscribe = options.events.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(response);
    });
  }

  async function serveOriginal(request: IncomingMessage, response: ServerResponse, rawId: string): Promise<void> {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return send(response, 400, 'text/plain', 'Bad request: the document id is not valid percent-encoding.');
    }
    const answer = await answerOriginal(options.originals, id, {
      method: request.method ?? 'GET',
      range: request.headers.range,
      ifMatch: request.headers['if-match'],
    });
    response.writeHead(answer.status, answer.headers);
    if (answer.body instanceof Readable) {
      // A reader that goes away (pdf.js cancels a range) ends the stream and closes the file.
      await pipeline(answer.body, response).catch(() => undefined);
    } else response.end(answer.body ?? undefined);
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const resolved = resolveStaticPath(pathname, options.staticDir);
    if (!resolved.ok) return send(response, resolved.status, 'text/plain', resolved.status === 400 ? 'Bad request.' : 'Not found.');
    let file = resolved.file;
    if (!firstLoad.has(file)) {
      const info = await stat(file).catch(() => null);
      // The app routes in the page; any unknown path without an extension gets the app itself.
      if (!info?.isFile()) {
        if (path.extname(file)) return send(response, 404, 'text/plain', 'Not found.');
        file = path.join(path.resolve(options.staticDir), 'index.html');
      }
    }
    const body = firstLoad.get(file) ?? (await readFile(file));
    response.writeHead(200, securityHeaders(mimeType(file)));
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        get url() {
          return launchUrl();
        },
        close: () =>
          new Promise<void>((done) => {
            for (const stream of streams) stream.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

const signInBody = z.strictObject({ reads: z.array(z.enum(SIGN_IN_READS)).max(SIGN_IN_READS.length) });

function unauthorized(response: ServerResponse): void {
  response.setHeader('WWW-Authenticate', 'Bearer');
  send(
    response,
    401,
    'text/plain; charset=utf-8',
    'This tab is not signed in to Apostil. Open the newest address that `npm run web` printed in its terminal: each address opens Apostil once.',
  );
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { ...securityHeaders(type), 'Cache-Control': 'no-store' });
  response.end(body);
}

/** A call's result: JSON, or JSON and raw parts when it holds bytes (an export's file). */
function sendResult(response: ServerResponse, result: ApiResult<unknown>, status = 200): void {
  const message = encodeParts(result);
  if (!message) return send(response, status, 'application/json', JSON.stringify(result));
  response.writeHead(status, {
    ...securityHeaders(PARTS_CONTENT_TYPE),
    'Cache-Control': 'no-store',
    [PARTS_HEADER]: message.layout,
    'Content-Length': String(message.json.byteLength + message.parts.reduce((n, p) => n + p.byteLength, 0)),
  });
  response.write(message.json);
  for (const part of message.parts) response.write(part);
  response.end();
}
