// Serving the built renderer safely, for both the desktop app's app:// protocol and browser mode's
// HTTP host: a request path resolved to a file that is certainly inside the renderer folder, its MIME
// type, and the security headers (the Content-Security-Policy among them) every answer carries.
import path from 'node:path';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/csp';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function mimeType(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps a URL path ("/assets/app.js") to a file inside `root`. Each segment is percent-decoded on its
 * own and refused if it could leave its folder ('..', '.', an encoded '/' or '\\', a drive letter, NUL);
 * the joined path is checked once more to lie inside the root. "/" is index.html.
 */
export function resolveStaticPath(pathname: string, root: string): Resolution {
  const wanted = pathname === '' || pathname === '/' ? '/index.html' : pathname;
  if (!wanted.startsWith('/')) return { ok: false, status: 400, reason: 'bad path' };
  const segments: string[] = [];
  for (const raw of wanted.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (!isSafeSegment(segment)) return { ok: false, status: 400, reason: `refused path segment "${raw}"` };
    segments.push(segment);
  }
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'outside the app folder' };
  }
  return { ok: true, file };
}

function isSafeSegment(segment: string): boolean {
  return (
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    !/[/\\:\0]/.test(segment) &&
    // Windows ignores trailing dots and spaces: "..." or ".. " would act as "..".
    !/^\.+\s*$/.test(segment)
  );
}

export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
  };
}

