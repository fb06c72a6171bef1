import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from './menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  const base = { appName: 'Apostil', development: false, showLibraryFolder: () => undefined };

  it.each(['linux', 'win32', 'darwin'] as const)('offers the edit roles and Quit on %s', (platform) => {
    const all = roles(menuTemplate({ ...base, platform }));
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']) expect(all).toContain(role);
  });

  it('has the macOS app menu only on macOS', () => {
    expect(menuTemplate({ ...base, platform: 'darwin' })[0]?.label).toBe('Apostil');
    expect(menuTemplate({ ...base, platform: 'linux' })[0]?.label).toBe('&File');
  });

  it('offers reload and developer tools only while developing', () => {
    expect(roles(menuTemplate({ ...base, platform: 'linux' }))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate({ ...base, platform: 'linux' }))).not.toContain('reload');
    expect(roles(menuTemplate({ ...base, platform: 'linux', development: true }))).toContain('toggleDevTools');
  });

  it('shows the library folder from the File menu', () => {
    const showLibraryFolder = vi.fn();
    const [file] = menuTemplate({ ...base, platform: 'linux', showLibraryFolder });
    const item = (file?.submenu as MenuItemConstructorOptions[]).find((entry) => entry.label === 'Show Library Folder');
    (item?.click as () => void)();
    expect(showLibraryFolder).toHaveBeenCalled();
  });
});
