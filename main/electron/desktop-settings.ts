// The desktop app's settings: electron-store (built on conf, so the same recovery as browser mode),
// in <userData>/settings.json, the very file browser mode uses.
import path from 'node:path';
import Store from 'electron-store';
import type { Settings } from '../../shared/settings';
import { createSettingsService, openSettingsStore, type ConfLike, type SettingsService } from '../services/settings';

export const SETTINGS_NAME = 'settings';

export function openDesktopSettings(userDataDir: string): SettingsService {
  const { store, notice } = openSettingsStore(
    (options) => new Store<Settings>({ ...options, name: SETTINGS_NAME, cwd: userDataDir }) as unknown as ConfLike,
    path.join(userDataDir, `${SETTINGS_NAME}.json`),
  );
  return createSettingsService(store, notice);
}
