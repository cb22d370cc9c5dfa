import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CiphertextStore } from './vault';

/** A JSON file of ciphertexts (0600), written atomically. Used by browser mode and tests. */
export function createFileStore(file: string): CiphertextStore {
  let data: Record<string, string> = {};
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`The secret store ${file} is damaged`);
  }
  function persist() {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, JSON.stringify(data), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
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
