// Browser mode's settings file (settings-file.ts): what conf did for the host, without conf.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { useTempDir } from '../test-support/temp';
import { SettingsFile } from './settings-file';

describe("browser mode's settings file", () => {
  const tempDir = useTempDir();

  it('starts from the defaults, writes nothing until a change, then the whole file, readable by a person', async () => {
    const dir = path.join(await tempDir(), 'data', 'apostil');
    const file = path.join(dir, 'settings.json');
    const settings = new SettingsFile(file, DEFAULT_SETTINGS);
    expect(settings.store).toEqual(DEFAULT_SETTINGS);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    settings.set('theme', 'dark');
    expect(settings.get('theme')).toBe('dark');
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(text).toContain('\n\t"theme": "dark"');
    expect(await readdir(dir)).toEqual(['settings.json']); // no temporary file left
    expect(new SettingsFile(file, DEFAULT_SETTINGS).get('theme')).toBe('dark');
  });

  it('keeps settings it does not know of, and fills in new ones from the defaults', async () => {
    const file = path.join(await tempDir(), 'settings.json');
    await writeFile(file, JSON.stringify({ theme: 'light', somethingNewer: 1 }));
    const settings = new SettingsFile(file, DEFAULT_SETTINGS);
    expect(settings.store).toMatchObject({ ...DEFAULT_SETTINGS, theme: 'light', somethingNewer: 1 });
  });

  it('keeps memory as it was when the change cannot be written', async () => {
    const dir = path.join(await tempDir(), 'data');
    const file = path.join(dir, 'settings.json');
    const settings = new SettingsFile(file, DEFAULT_SETTINGS);
    settings.set('theme', 'light');
    // Its folder replaced by a file: nothing can be written there.
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    expect(() => settings.set('theme', 'dark')).toThrow(/EEXIST|ENOTDIR/);
    expect(settings.get('theme')).toBe('light');
  });

  it('refuses a file that is not an object of settings (openSettingsStore sets it aside)', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '[1, 2]');
    expect(() => new SettingsFile(file, DEFAULT_SETTINGS)).toThrow(/not hold an object/);
  });
});
