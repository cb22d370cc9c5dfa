import { readJsonFile, writeJsonFile } from '../settings/json-file';
import type { CiphertextStore } from './vault';

/** A JSON file of ciphertexts (0600), written atomically. Used by browser mode and tests. */
export function createFileStore(file: string): CiphertextStore {
  let data = readJsonFile<Record<string, string>>(file, {});
  const persist = () => writeJsonFile(file, data);
  return {
    get: (name) => data[name],
    set(name, ciphertext) {
      data = { ...data, [name]: ciphertext };
      persist();
    },
    delete(name) {
      if (!(name in data)) return;
      const { [name]: _gone, ...rest } = data;
      data = rest;
      persist();
    },
    names: () => Object.keys(data),
  };
}
