import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test-support/temp';
import { desktopSecretStore, type SafeStorageLike } from './sync-secrets';

/** Stands in for the keychain: reverses and marks the bytes, so plain text never reaches the file. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (bytes) => [...bytes.toString().replace(/^enc:/, '')].reverse().join(''),
  };
}

describe('sync passwords in the desktop app', () => {
  const tempDir = useTempDir();

  it('keeps them encrypted by the keychain, in a file only the user can read', async () => {
    const dir = await tempDir();
    const secrets = desktopSecretStore(dir, fakeSafeStorage());
    await secrets.set('library-1', 'hunter2');
    expect(await secrets.get('library-1')).toBe('hunter2');
    const file = path.join(dir, 'sync-passwords.json');
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await secrets.delete('library-1');
    expect(await secrets.get('library-1')).toBeNull();
  });

  it('refuses to keep a password where the system cannot encrypt it', async () => {
    const secrets = desktopSecretStore(await tempDir(), fakeSafeStorage(false));
    await expect(secrets.set('library-1', 'hunter2')).rejects.toThrow(/no safe place/);
    expect(await secrets.get('library-1')).toBeNull();
  });
});
