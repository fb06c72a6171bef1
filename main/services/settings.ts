// Settings live in a `conf`-like store: electron-store (which extends conf) in the desktop app, a plain
// JSON file in browser mode (settings-file.ts). Settings never hold library data. A settings file that
// cannot be read is set aside (renamed, not deleted) and the defaults are used, with a message for the user.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeZodError } from '../../shared/schemas';
import { DEFAULT_SETTINGS, settingsFileSchema, usableSettings, type Settings, type SettingsPatch } from '../../shared/settings';
import { SettingsFile } from './settings-file';

/** The part of conf's (and electron-store's) API we use. */
export interface ConfLike {
  get<K extends keyof Settings>(key: K): Settings[K];
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
  readonly store: Settings;
}

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch | Partial<Settings>): Settings;
  /** Set when the settings file was unreadable and was set aside. */
  readonly notice: string | null;
}

export function createSettingsService(store: ConfLike, notice: string | null = null): SettingsService {
  return {
    notice,
    get: () => usableSettings({ ...DEFAULT_SETTINGS, ...store.store }),
    update(patch) {
      for (const [key, value] of Object.entries(patch) as [keyof Settings, Settings[keyof Settings]][]) {
        if (value !== undefined) store.set(key, value);
      }
      return usableSettings({ ...DEFAULT_SETTINGS, ...store.store });
    },
  };
}

/**
 * Open a conf-based store; if its file is corrupt, move it aside and start from defaults.
 * `open` is called with the conf options, so the same recovery serves conf and electron-store.
 */
export function openSettingsStore<T extends ConfLike>(
  open: (options: { defaults: Settings; clearInvalidConfig: false }) => T,
  file: string,
): { store: T; notice: string | null } {
  const options = { defaults: DEFAULT_SETTINGS, clearInvalidConfig: false as const };
  // Read before conf does: conf writes the file back (with defaults merged) as soon as it opens it.
  const original = readOriginal(file);
  try {
    if (original !== null) checkSettingsFile(original);
    return { store: open(options), notice: null };
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    if (original !== null) {
      writeFileSync(aside, original);
      rmSync(file, { force: true });
    } else if (existsSync(file)) renameSync(file, aside);
    const store = open(options);
    return {
      store,
      notice: `Your settings file could not be read (${(error as Error).message}); it was kept as ${aside} and the defaults are used.`,
    };
  }
}

function readOriginal(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null; // missing (a first start) or unreadable (conf will say why)
  }
}

/** Throws unless the file is a JSON object holding settings the app can use. */
function checkSettingsFile(bytes: Buffer): void {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Error('it is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('it does not hold an object of settings');
  // Readable JSON can still hold values the app cannot use (a hand edit, another version).
  const check = settingsFileSchema.safeParse(value);
  if (!check.success) throw new Error(`it holds settings Apostil cannot use (${describeZodError(check.error)})`);
}

/** Browser mode's settings, in `<dir>/settings.json`. */
export function openHostSettings(dir: string): SettingsService {
  const file = path.join(dir, 'settings.json');
  const { store, notice } = openSettingsStore((options) => new SettingsFile(file, options.defaults), file);
  return createSettingsService(store, notice);
}
