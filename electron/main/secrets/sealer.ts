import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Seals small secrets at rest. The desktop uses Electron's safeStorage (the OS keyring);
 * browser mode and tests use a dev/test sealer with an AES-256-GCM key in a 0600 file or an env var.
 */
export interface Sealer {
  /** what protects the key: shown to the user, so it must not overstate */
  readonly kind: 'os-keyring' | 'dev-file-key' | 'passphrase';
  seal(plaintext: Buffer): Promise<Buffer>;
  open(sealed: Buffer): Promise<Buffer>;
}

const VERSION = 1;

/** AES-256-GCM: [version][12-byte IV][16-byte tag][ciphertext]. `kind` says where the key came from. */
export function createKeySealer(key: Buffer, kind: 'dev-file-key' | 'passphrase' = 'dev-file-key'): Sealer {
  if (key.length !== 32) throw new Error('The dev vault key must be 32 bytes');
  return {
    kind,
    async seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    async open(sealed) {
      if (sealed[0] !== VERSION || sealed.length < 29) throw new Error('Sealed data has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
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
