// The app's own origin. The renderer is served from app://apostil/ (see protocol.ts); anything else
// (another host on our scheme, http(s), file:) is foreign. No Electron import: unit-tested directly.

export const APP_SCHEME = 'app';
export const APP_HOST = 'apostil';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Where the main window starts. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** A URL on our scheme and host, with no credentials or port smuggled in. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** A link the user may be offered to open in their browser. */
export function isExternalLink(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
