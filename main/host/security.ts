// Browser mode's gate: every request must come to 127.0.0.1 (or localhost) on our port, from our own
// origin, carrying the per-launch token (in its cookie, set once from the URL printed at start).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function cookieName(port: number): string {
  // Cookies are not kept apart by port, so the port is in the name: two hosts never share a token.
  return `apostil-${port}`;
}

export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Host must be our address (defeats DNS rebinding); Origin, when sent, must be our own. */
export function isOwnOrigin(request: IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(request.headers.host ?? '')) return false;
  const origin = request.headers.origin;
  return origin === undefined || allowed.some((host) => origin === `http://${host}`);
}
