import { describe, expect, it, vi } from 'vitest';
import { hardenSession, isAllowedRequestUrl, type SessionLike } from './session';

describe('isAllowedRequestUrl', () => {
  it.each([
    'app://apostil/index.html',
    'app://apostil/assets/pdf.worker-abc.mjs',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,AAAA',
    'blob:app://apostil/3f1c0c57-7d1e-4a4e-9c53-0d5b1b5d2f0e',
  ])('allows %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'https://example.org/',
    'http://127.0.0.1:8080/',
    'ws://localhost/',
    'wss://example.org/',
    'ftp://example.org/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://apostil.evil.example/',
    'blob:https://example.org/uuid',
    'chrome-extension://abc/',
    '',
    'nonsense',
  ])('blocks %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const installed: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (handler: never) => (installed.request = handler),
      setPermissionCheckHandler: (handler: never) => (installed.check = handler),
      setDevicePermissionHandler: (handler: never) => (installed.device = handler),
      webRequest: { onBeforeRequest: (listener: never) => (installed.beforeRequest = listener) },
    };
    return { session: session as unknown as SessionLike, installed: installed as Record<string, (...args: unknown[]) => unknown> };
  }

  it('denies every permission request and check', () => {
    const { session, installed } = fakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      installed.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(installed.check?.({}, permission, 'app://apostil', {})).toBe(false);
    }
    expect(installed.device?.({})).toBe(false);
  });

  it('cancels requests that would leave the app', () => {
    const { session, installed } = fakeSession();
    const blocked = vi.fn();
    hardenSession(session, blocked);
    const decide = (url: string) => {
      const callback = vi.fn();
      installed.beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0] as { cancel: boolean };
    };
    expect(decide('app://apostil/index.html')).toEqual({ cancel: false });
    expect(decide('https://fonts.example.org/font.woff2')).toEqual({ cancel: true });
    expect(blocked).toHaveBeenCalledWith('https://fonts.example.org/font.woff2');
  });
});
