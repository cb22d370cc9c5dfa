import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Seals small secrets at rest. The desktop uses Electron's safeStorage (the OS keyring);
 * browser mode and tests use a dev/test sealer with an AES-256-GCM key in a 0600 file or an env var.
 *
 * A value is sealed under a context (the vault passes the secret's name): it opens only under that same
 * context, so ciphertexts cannot be swapped between names on disk. Sealed values start with a format byte:
 * 2 is bound to its context; values written before that (format 1, or safeStorage's own `v1x` prefix) open
 * only through `openUnbound`, so the vault can seal them again under their name.
 */
export interface Sealer {
  /** what protects the key: shown to the user, so it must not overstate */
  readonly kind: 'os-keyring' | 'dev-file-key' | 'passphrase';
  seal(plaintext: Buffer, context?: string): Promise<Buffer>;
  /** opens a value sealed under the same context; anything else (another context, tampering) is refused */
  open(sealed: Buffer, context?: string): Promise<Buffer>;
  /** opens a value sealed before contexts were bound; refuses a bound one (that must go through `open`) */
  openUnbound(sealed: Buffer): Promise<Buffer>;
}

export const BOUND_FORMAT = 2;
const UNBOUND_FORMAT = 1;

/** Whether a sealed value is bound to its context (format 2). Older values are migrated by their reader. */
export const isBound = (sealed: Buffer): boolean => sealed[0] === BOUND_FORMAT;

/** A sealed value that does not open: altered, sealed under another name, or under another key. */
export class SealedValueError extends Error {
  constructor(
    message = 'Sealed data does not open: it was altered, moved from another entry, or sealed with another key.',
  ) {
    super(message);
    this.name = 'SealedValueError';
  }
}

/** The GCM associated data: a label (so the bytes mean nothing elsewhere) and the context. */
const associatedData = (context: string) => Buffer.from(`fairsend sealed v2\0${context}`, 'utf8');

function gcmOpen(key: Buffer, sealed: Buffer, aad: Buffer | null): Buffer {
  if (sealed.length < 29) throw new SealedValueError('Sealed data is too short to be ours');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  } catch {
    throw new SealedValueError();
  }
}

/**
 * AES-256-GCM: [format 2][12-byte IV][16-byte tag][ciphertext], the context as associated data.
 * Format 1 (no associated data) is read by `openUnbound` only. `kind` says where the key came from.
 */
export function createKeySealer(key: Buffer, kind: 'dev-file-key' | 'passphrase' = 'dev-file-key'): Sealer {
  if (key.length !== 32) throw new Error('The dev vault key must be 32 bytes');
  return {
    kind,
    async seal(plaintext, context = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(context));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.from([BOUND_FORMAT]), iv, cipher.getAuthTag(), body]);
    },
    async open(sealed, context = '') {
      if (sealed[0] !== BOUND_FORMAT) throw new SealedValueError('Sealed data has an unknown format');
      return gcmOpen(key, sealed, associatedData(context));
    },
    async openUnbound(sealed) {
      if (sealed[0] !== UNBOUND_FORMAT) throw new SealedValueError('Sealed data has an unknown format');
      return gcmOpen(key, sealed, null);
    },
  };
}

/** The dev/test key: given (64 hex chars, from the environment: readMainConfig) or a 0600 file created on first use. */
export async function loadDevVaultKey(keyFile: string, givenHex?: string): Promise<Buffer> {
  if (givenHex) {
    if (!/^[0-9a-f]{64}$/i.test(givenHex)) throw new Error('The dev vault key must be 64 hex characters');
    return Buffer.from(givenHex, 'hex');
  }
  try {
    const hex = (await readFile(keyFile, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/i.test(hex)) return Buffer.from(hex, 'hex');
    throw new Error(`The dev vault key file ${keyFile} is damaged`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  await writeFile(keyFile, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  await chmod(keyFile, 0o600);
  return key;
}
