// The session's rules: no web permission is ever granted (camera, notifications, geolocation, HID…)
// and no request leaves the app: only app://apostil/, devtools, and data:/blob: URLs made by our own
// page may load. Apostil needs no network at all.
import type { Session } from 'electron';
import { APP_ORIGIN, isAppUrl } from './origin';

export type SessionLike = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

export function isAllowedRequestUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'app':
      return isAppUrl(url);
    case 'devtools':
    case 'chrome-devtools':
      return true;
    case 'data':
      return true;
    case 'blob':
      return url.startsWith(`blob:${APP_ORIGIN}/`);
    default:
      return false;
  }
}

export function hardenSession(session: SessionLike, onBlocked?: (url: string) => void): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) onBlocked?.(details.url);
    callback({ cancel: !allowed });
  });
}
