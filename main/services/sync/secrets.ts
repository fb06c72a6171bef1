// Where a sync password is kept: never in the library, never in settings.json. Browser mode keeps it
// in a file only the user can read (0600) under the data dir; the desktop app keeps it encrypted with
// the system's keychain (main/electron/sync-secrets.ts), in a file of the same shape.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isCode } from '../library/atomic';

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const fileSchema = z.record(z.string(), z.string());

/** Secrets as strings in a JSON file of mode 0600, written atomically; `encode`/`decode` may encrypt them. */
export function fileSecretStore(
  file: string,
  codec: { encode(secret: string): string; decode(stored: string): string } = { encode: (s) => s, decode: (s) => s },
): SecretStore {
  const read = async (): Promise<Record<string, string>> => {
    const raw = await readFile(file, 'utf8').catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
    if (raw === null) return {};
    try {
      return fileSchema.parse(JSON.parse(raw));
    } catch {
      return {}; // unreadable: the user types the password again, and the file is rewritten
    }
  };
  const write = async (all: Record<string, string>): Promise<void> => {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(JSON.stringify(all));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file).catch(async (error: unknown) => {
      await rm(temp, { force: true });
      throw error;
    });
  };
  return {
    async get(key) {
      const stored = (await read())[key];
      return stored === undefined ? null : codec.decode(stored);
    },
    async set(key, secret) {
      await write({ ...(await read()), [key]: codec.encode(secret) });
    },
    async delete(key) {
      const all = await read();
      if (!(key in all)) return;
      delete all[key];
      await write(all);
    },
  };
}

/** Browser mode's store: `<dataDir>/sync-passwords.json`, readable by the user only. */
export function hostSecretStore(dataDir: string): SecretStore {
  return fileSecretStore(path.join(dataDir, 'sync-passwords.json'));
}
