// The desktop app keeps sync passwords encrypted with Electron's safeStorage (the system keychain:
// Keychain, DPAPI, libsecret/kwallet), in <userData>/sync-passwords.json. Where the system offers no
// encryption, nothing is saved: the password would otherwise sit in a file as plain text.
import path from 'node:path';
import { fileSecretStore, type SecretStore } from '../services/sync/secrets';

/** The part of Electron's safeStorage used here (a fake stands in for it in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function desktopSecretStore(userDataDir: string, safeStorage: SafeStorageLike): SecretStore {
  const store = fileSecretStore(path.join(userDataDir, 'sync-passwords.json'), {
    encode: (secret) => safeStorage.encryptString(secret).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  });
  return {
    get: async (key) => (safeStorage.isEncryptionAvailable() ? store.get(key).catch(() => null) : null),
    set: async (key, secret) => {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('This system offers no safe place for the password (no keychain is available), so it cannot be kept.');
      }
      await store.set(key, secret);
    },
    delete: (key) => store.delete(key),
  };
}
