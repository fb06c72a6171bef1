import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// electron-store is loaded by Node itself (vi.mock does not reach into node_modules) and imports
// 'electron', whose index.js would try to download the binary. With ELECTRON_OVERRIDE_DIST_PATH set it
// only returns a path instead; electron-store then finds no `app` and works from the absolute cwd.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= path.join(tmpdir(), 'apostil-no-electron');
const { openDesktopSettings } = await import('./desktop-settings');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'apostil-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openDesktopSettings', () => {
  it('keeps settings in <userData>/settings.json', async () => {
    const settings = openDesktopSettings(dir);
    expect(settings.notice).toBeNull();
    settings.update({ theme: 'dark', window: { x: 1, y: 2, width: 900, height: 700 } });
    const saved = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ theme: 'dark', window: { width: 900 } });
    expect(openDesktopSettings(dir).get().theme).toBe('dark');
  });

  it('sets a corrupt settings file aside, starts from defaults and says so', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{ not json');
    const settings = openDesktopSettings(dir);
    expect(settings.notice).toMatch(/could not be read/);
    expect(settings.get().theme).toBe('system');
    expect((await readdir(dir)).some((name) => name.startsWith('settings.json.unreadable-'))).toBe(true);
  });

  it('sets aside a settings file with values it cannot use, keeping its bytes', async () => {
    const text = '{ "theme": "neon", "window": "maximised" }';
    await writeFile(path.join(dir, 'settings.json'), text);
    const settings = openDesktopSettings(dir);
    expect(settings.notice).toMatch(/cannot use/);
    expect(settings.get().theme).toBe('system');
    const aside = (await readdir(dir)).find((name) => name.startsWith('settings.json.unreadable-'));
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(text);
  });
});
