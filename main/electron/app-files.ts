// Serving the built renderer on app://apostil/, without Electron: only our own scheme and host are
// answered, and every answer (errors included) carries the app's security headers. Documents'
// originals are answered in byte ranges at app://apostil/api/documents/<id>/original, as browser
// mode's host does (original-ranges.ts), for pdf.js to read a PDF a piece at a time.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { LibraryStore } from '../services/library/store';
import { answerOriginal, ORIGINAL_PATH } from '../services/original-ranges';
import { mimeType, resolveStaticPath, securityHeaders, type Resolution } from '../services/static-files';
import { APP_HOST, APP_SCHEME, isAppUrl } from './origin';

/** The open library's originals, or null while none is open. */
export type OriginalsSource = () => Pick<LibraryStore, 'openOriginal'> | null;

export interface AppRequest {
  url: string;
  method: string;
  headers?: { get(name: string): string | null };
}

/** Maps app://apostil/<path> to a file inside `root` (see resolveStaticPath). */
export function resolveAppPath(url: string, root: string): Resolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST || parsed.port || parsed.username || parsed.password) {
    return { ok: false, status: 403, reason: 'not an Apostil address' };
  }
  return resolveStaticPath(parsed.pathname, root);
}

/** The protocol handler's body: a Response for any request on app://. */
export async function serveAppRequest(request: AppRequest, root: string, originals: OriginalsSource = () => null): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
  const original = isAppUrl(request.url) ? ORIGINAL_PATH.exec(new URL(request.url).pathname) : null;
  if (original) return serveOriginal(request, original[1]!, originals());
  const resolved = resolveAppPath(request.url, root);
  if (!resolved.ok) return plain(resolved.status, resolved.status === 400 ? 'Bad request.' : 'Not found.');
  let file = resolved.file;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // The app routes inside the page: an unknown path without an extension gets the app itself.
    if (path.extname(file)) return plain(404, 'Not found.');
    file = path.join(path.resolve(root), 'index.html');
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found.');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: securityHeaders(mimeType(file)),
  });
}

async function serveOriginal(request: AppRequest, rawId: string, store: ReturnType<OriginalsSource>): Promise<Response> {
  if (!store) return plain(503, 'No library is open.');
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return plain(400, 'Bad request.');
  }
  const answer = await answerOriginal(store, id, {
    method: request.method,
    range: request.headers?.get('range'),
    ifMatch: request.headers?.get('if-match'),
  });
  const body = answer.body instanceof Readable ? (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>) : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}
