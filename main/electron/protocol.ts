// The app:// scheme: registered as privileged (standard, secure, fetch) before the app is ready, and
// served from the built renderer folder after. The serving itself is electron-free (app-files.ts).
import type { CustomScheme, Protocol } from 'electron';
import { serveAppRequest, type OriginalsSource } from './app-files';
import { APP_SCHEME } from './origin';

/**
 * standard: a real origin (app://apostil), relative URLs, storage. secure: a secure context.
 * supportFetchAPI: the page (pdf.js) may fetch its own files. Deliberately NOT corsEnabled (that would
 * let other origins read app:// responses without any Access-Control-Allow-Origin check) and NOT
 * bypassCSP: our pages obey the CSP header every response carries.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before the app's 'ready' event (at the top level of main.ts). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}

/**
 * Serves `rendererDir` (dist/renderer) on app://apostil/, and the open library's originals in byte
 * ranges at app://apostil/api/documents/<id>/original. Call once the app is ready.
 */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, originals?: OriginalsSource): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir, originals));
}
