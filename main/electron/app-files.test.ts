import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/csp';
import { resolveAppPath, serveAppRequest } from './app-files';
import { mimeType } from '../services/static-files';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'apostil-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Apostil</title>');
  await writeFile(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'style.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'outside the app folder');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function isInside(file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

describe('resolveAppPath', () => {
  it('maps app://apostil/ paths into the root', () => {
    expect(resolveAppPath('app://apostil/', root)).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath('app://apostil/assets/app-1234.js', root)).toEqual({ ok: true, file: path.join(root, 'assets', 'app-1234.js') });
    expect(resolveAppPath('app://apostil/assets/a%20b.js?x=1#y', root)).toEqual({ ok: true, file: path.join(root, 'assets', 'a b.js') });
  });

  it.each([
    'app://apostil/../../etc/passwd',
    'app://apostil/assets/../../secret.txt',
    'app://apostil/%2e%2e/%2e%2e/etc/passwd',
    'app://apostil/%2E%2E/secret.txt',
    'app://apostil/.%2e/secret.txt',
    'app://apostil/..%2fsecret.txt',
    'app://apostil/..%2F..%2Fetc%2Fpasswd',
    'app://apostil/..%5csecret.txt',
    'app://apostil/assets/..%5c..%5csecret.txt',
    'app://apostil/%2Fetc%2Fpasswd',
    'app://apostil//etc/passwd',
    'app://apostil/C:%5CWindows%5Cwin.ini',
    'app://apostil/C:/Windows/win.ini',
    'app://apostil/%00index.html',
    'app://apostil/...',
    'app://apostil/%252e%252e/secret.txt',
  ])('never resolves %s outside the root', (url) => {
    const result = resolveAppPath(url, root);
    if (result.ok) expect(isInside(result.file)).toBe(true);
    else expect([400, 403, 404]).toContain(result.status);
    // Whatever the resolution, the file outside is never reached.
    if (result.ok) expect(result.file).not.toBe(path.join(base, 'secret.txt'));
  });

  it.each([
    'app://apostil/..%2fsecret.txt',
    'app://apostil/%2Fetc%2Fpasswd',
    'app://apostil//etc/passwd',
    'app://apostil/..%5csecret.txt',
    'app://apostil/C:%5CWindows%5Cwin.ini',
    'app://apostil/%E0%A4%A',
  ])('refuses %s outright', (url) => {
    expect(resolveAppPath(url, root).ok).toBe(false);
  });

  it.each(['app://evil/index.html', 'https://apostil/index.html', 'file:///etc/passwd', 'app://user@apostil/index.html', 'not a url'])(
    'refuses %s (not our origin)',
    (url) => {
      expect(resolveAppPath(url, root).ok).toBe(false);
    },
  );
});

describe('mimeType', () => {
  it('knows the types the renderer is made of', () => {
    expect(mimeType('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeType('a.svg')).toBe('image/svg+xml');
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.wasm')).toBe('application/wasm');
    expect(mimeType('a.unknown')).toBe('application/octet-stream');
  });
});

describe('serveAppRequest', () => {
  const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, root);

  it('serves files with their type and the CSP header', async () => {
    const response = await get('app://apostil/assets/app-1234.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for / and for extension-less app routes', async () => {
    for (const url of ['app://apostil/', 'app://apostil/index.html', 'app://apostil/library/reader']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('<title>Apostil</title>');
    }
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://apostil/assets/style.css', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['app://apostil/assets/missing.js', 404],
    ['app://apostil/../secret.txt', 404],
    ['app://apostil/..%2fsecret.txt', 400],
    ['app://evil/index.html', 403],
  ])('answers %s with %i, CSP included, and never the file outside', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(await response.text()).not.toContain('outside the app folder');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://apostil/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
  });
});
