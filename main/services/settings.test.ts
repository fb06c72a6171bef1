import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { sampleAnnotation } from '../test-support/fixtures';
import { openTestApp } from '../test-support/library-app';
import { useTempDir } from '../test-support/temp';
import { openHostSettings } from './settings';

describe("browser mode's settings", () => {
  const tempDir = useTempDir();

  it('keeps settings in <data>/settings.json', async () => {
    const dir = await tempDir();
    const settings = openHostSettings(dir);
    expect(settings.notice).toBeNull();
    settings.update({ theme: 'dark' });
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
    expect(openHostSettings(dir).get().theme).toBe('dark');
  });

  it.each([
    ['not JSON', '{ "theme": "dark", '],
    ['JSON of the wrong shape', '{ "theme": 42, "readerFontSize": "huge" }'],
    ['not an object', '[1, 2, 3]'],
  ])('sets a settings file that is %s aside, keeping its bytes, and starts from the defaults with a message', async (_label, text) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'settings.json'), text);
    const settings = openHostSettings(dir);
    expect(settings.notice).toMatch(/Your settings file could not be read .* it was kept as .*settings\.json\.unreadable-\d+ and the defaults are used/);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const aside = (await readdir(dir)).find((name) => name.startsWith('settings.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(text);
    // The next start is clean.
    expect(openHostSettings(dir).notice).toBeNull();
  });

  it('keeps the library table layout, and falls back to the default for one this version cannot use', async () => {
    const dir = await tempDir();
    const layout = { columns: ['title', 'year', 'principles'], widths: { title: 300 }, sort: { column: 'year', descending: false } } as const;
    openHostSettings(dir).update({ libraryTable: { ...layout, columns: [...layout.columns] } });
    expect(openHostSettings(dir).get().libraryTable).toEqual(layout);
    // Another version's column: the rest of the settings are kept, the table starts from its default.
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'dark', libraryTable: { ...layout, columns: ['title', 'mood'] } }));
    const settings = openHostSettings(dir);
    expect(settings.notice).toBeNull();
    expect(settings.get()).toMatchObject({ theme: 'dark', libraryTable: null });
  });

  it('never holds library data, whatever is done in the library', async () => {
    const libraryDir = await tempDir();
    const dataDir = await tempDir();
    const test = await openTestApp(libraryDir, dataDir);
    const imported = await test.dispatch('documents.import', { name: 'n.txt', bytes: new TextEncoder().encode('Norms\n\nA paragraph about norms.') });
    if (!imported.ok) throw new Error(imported.error.message);
    const { id } = (imported.value as { document: { id: string } }).document;
    expect(await test.dispatch('annotations.save', { annotation: sampleAnnotation(id) })).toMatchObject({ ok: true });
    expect(await test.dispatch('settings.update', { patch: { theme: 'light', readerFontSize: 20 } })).toMatchObject({ ok: true });
    // The library path and window bounds are main's to set, never the page's.
    expect(await test.dispatch('settings.update', { patch: { lastLibrary: '/elsewhere' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await test.close();
    const saved = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(JSON.stringify(saved)).not.toMatch(/norms|ann-1|annotation/i);
  });
});
