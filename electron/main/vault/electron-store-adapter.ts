import Store from 'electron-store';
import type { CiphertextStore } from './vault';

/** The desktop's ciphertext store: electron-store in the user-data folder. Values are sealed before they get here. */
export function createElectronCiphertextStore(): CiphertextStore {
  const store = new Store<Record<string, string>>({ name: 'sealed-secrets', clearInvalidConfig: false });
  return {
    get: (name) => store.get(name),
    set: (name, ciphertext) => store.set(name, ciphertext),
    delete: (name) => store.delete(name),
    names: () => Object.keys(store.store),
  };
}
