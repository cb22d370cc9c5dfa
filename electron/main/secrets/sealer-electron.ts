import { safeStorage } from 'electron';
import type { Sealer } from './sealer';

export type KeyringStatus = { ok: true } | { ok: false; reason: string };

/** Fails closed: on Linux without a keyring safeStorage falls back to a hard-coded key (`basic_text`). */
export async function checkKeyring(platform = process.platform): Promise<KeyringStatus> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return { ok: false, reason: 'This system offers no encryption for stored secrets.' };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return {
      ok: false,
      reason:
        'No keyring (GNOME Keyring or KWallet) is running, so secrets could only be stored in the clear. Fairsend will not do that.',
    };
  }
  return { ok: true };
}

/** Secrets are carried as base64 text because safeStorage seals strings. */
export function createElectronSealer(): Sealer {
  return {
    kind: 'os-keyring',
    seal: async (plaintext) => safeStorage.encryptStringAsync(plaintext.toString('base64')),
    open: async (sealed) => Buffer.from((await safeStorage.decryptStringAsync(sealed)).result, 'base64'),
  };
}
