import { safeStorage } from 'electron';
import { BOUND_FORMAT, isBound, SealedValueError, type Sealer } from './sealer';

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

/**
 * safeStorage seals strings and takes no associated data, so the context travels inside the sealed text and
 * is checked on opening: `[2]` + safeStorage(JSON `{ c: context, v: base64 secret }`). Values written before
 * that are safeStorage's bytes alone (they start with its `v1x` prefix, never 2) and open by `openUnbound`.
 */
export function createElectronSealer(): Sealer {
  return {
    kind: 'os-keyring',
    async seal(plaintext, context = '') {
      const text = JSON.stringify({ c: context, v: plaintext.toString('base64') });
      return Buffer.concat([Buffer.from([BOUND_FORMAT]), await safeStorage.encryptStringAsync(text)]);
    },
    async open(sealed, context = '') {
      if (!isBound(sealed)) throw new SealedValueError('Sealed data has an unknown format');
      const envelope = parseEnvelope(await decrypt(sealed.subarray(1)));
      if (!envelope || envelope.c !== context) throw new SealedValueError();
      return Buffer.from(envelope.v, 'base64');
    },
    async openUnbound(sealed) {
      if (isBound(sealed)) throw new SealedValueError('Sealed data has an unknown format');
      return Buffer.from(await decrypt(sealed), 'base64');
    },
  };
}

async function decrypt(bytes: Buffer): Promise<string> {
  try {
    return (await safeStorage.decryptStringAsync(bytes)).result;
  } catch {
    throw new SealedValueError();
  }
}

function parseEnvelope(text: string): { c: string; v: string } | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { c, v } = value as Record<string, unknown>;
    return typeof c === 'string' && typeof v === 'string' ? { c, v } : null;
  } catch {
    return null;
  }
}
