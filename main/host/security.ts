// Browser mode's gate. Every request must come to 127.0.0.1 (or localhost) on our port, from our own
// origin. The app's own files (its public code) are served to such requests; everything under /api/
// also needs the session token in an Authorization header, which a browser never attaches by itself:
// unlike a cookie (kept apart by host only, not by port), no other server on this machine can receive
// it, and no other page can make the browser send it.
//
// The address printed at start carries a launch token in its fragment (never sent to any server).
// The page trades it once for the session token and removes it from the address bar; a used launch
// token is dead, so the address left in the browser's history opens nothing, and a fresh address is
// printed for the next tab (see SECURITY.md).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer ([0-9A-Za-z_-]{1,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The launch token (one use each) and the session token of one running host. */
export class Credentials {
  private launch: string;
  private readonly session: string;

  constructor(launchToken: string = newToken(), sessionToken: string = newToken()) {
    this.launch = launchToken;
    this.session = sessionToken;
  }

  get launchToken(): string {
    return this.launch;
  }

  /** Trades the current launch token for the session token; that launch token is then used up. */
  signIn(given: string | undefined): string | null {
    if (!tokenMatches(this.launch, given)) return null;
    this.launch = newToken();
    return this.session;
  }

  isSignedIn(request: IncomingMessage): boolean {
    return tokenMatches(this.session, bearerToken(request));
  }
}

/** Host must be our address (defeats DNS rebinding); Origin, when sent, must be our own. */
export function isOwnOrigin(request: IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(request.headers.host ?? '')) return false;
  const origin = request.headers.origin;
  return origin === undefined || allowed.some((host) => origin === `http://${host}`);
}
