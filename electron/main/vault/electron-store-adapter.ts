import { chmodSync, existsSync } from 'node:fs';
import Store from 'electron-store';
import type { CiphertextStore } from './vault';

/**
 * The desktop's ciphertext store: electron-store in the user-data folder. Values are sealed before they get
 * here; the file is still this user's only (0600), on every write and, for files from older versions, on open.
 */
export function createElectronCiphertextStore(): CiphertextStore {
  const store = new Store<Record<string, string>>({
    name: 'sealed-secrets',
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
  if (process.platform !== 'win32' && existsSync(store.path)) chmodSync(store.path, 0o600);
  return {
    get: (name) => store.get(name),
    set: (name, ciphertext) => store.set(name, ciphertext),
    delete: (name) => store.delete(name),
    names: () => Object.keys(store.store),
  };
}
