import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { DamagedFileError } from '../settings/json-file';
import type { CiphertextStore } from './vault';

const NAME = 'sealed-secrets';

/**
 * The desktop's ciphertext store: electron-store in the user-data folder. Values are sealed before they get
 * here; the file is still this user's only (0600), on every write and, for files from older versions, on open.
 * A file that is not JSON is never cleared (`clearInvalidConfig: false`): it is a DamagedFileError, so start-up
 * says a data file is damaged; a file this user may not read keeps its code (EACCES).
 */
export function createElectronCiphertextStore(): CiphertextStore {
  // the folder is given (it is electron-store's default) so the file's name is known before the constructor,
  // which reads the file, can fail
  const cwd = app.getPath('userData');
  const file = join(cwd, `${NAME}.json`);
  const store = readable(
    file,
    () =>
      new Store<Record<string, string>>({
        cwd,
        name: NAME,
        clearInvalidConfig: false,
        configFileMode: 0o600,
      }),
  );
  if (process.platform !== 'win32' && existsSync(store.path)) chmodSync(store.path, 0o600);
  // electron-store reads the file again on every call: damage after the start is named the same way
  return {
    get: (name) => readable(file, () => store.get(name)),
    set: (name, ciphertext) => readable(file, () => store.set(name, ciphertext)),
    delete: (name) => readable(file, () => store.delete(name)),
    names: () => readable(file, () => Object.keys(store.store)),
  };
}

/** electron-store reports a file that is not JSON as a bare SyntaxError; here it is named for what it is. */
function readable<T>(file: string, use: () => T): T {
  try {
    return use();
  } catch (error) {
    if (error instanceof SyntaxError) throw new DamagedFileError(file);
    throw error;
  }
}
