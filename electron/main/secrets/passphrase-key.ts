import { createHmac, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../shared/ipc/result';
import { writeJsonFile } from '../settings/json-file';
import { createKeySealer, type Sealer } from './sealer';

/**
 * Linux without a keyring: a 32-byte key derived from the rep's passphrase with scrypt seals secrets for the
 * session. The salt and a verifier sit next to the secrets; the verifier (an HMAC under the derived key) lets
 * a wrong passphrase be refused up front instead of surfacing later as secrets that fail to open.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): ~128 MiB and a fraction of a second, once per session. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

interface PassphraseFile {
  v: 1;
  salt: string;
  scrypt: ScryptParams;
  verifier: string;
}

const VERIFIER_LABEL = 'fairsend passphrase verifier v1';

function derive(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const verifierOf = (key: Buffer) => createHmac('sha256', key).update(VERIFIER_LABEL).digest();

async function readPassphraseFile(file: string): Promise<PassphraseFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<PassphraseFile>;
  if (
    parsed.v !== 1 ||
    typeof parsed.salt !== 'string' ||
    typeof parsed.verifier !== 'string' ||
    !parsed.scrypt
  )
    throw new AppError('internal', `${file} is damaged; Fairsend cannot check the passphrase.`);
  return parsed as PassphraseFile;
}

/**
 * The first unlock sets the passphrase (new salt, verifier written 0600); later ones must match it.
 * The passphrase and the key never leave this function except as the returned sealer.
 */
export async function passphraseSealer(
  file: string,
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<Sealer> {
  const existing = await readPassphraseFile(file);
  if (existing) {
    const key = await derive(passphrase, Buffer.from(existing.salt, 'base64'), existing.scrypt);
    const expected = Buffer.from(existing.verifier, 'base64');
    const actual = verifierOf(key);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw new AppError(
        'forbidden',
        'That passphrase does not match the one your secrets were sealed with. Try again.',
      );
    }
    return createKeySealer(key, 'passphrase');
  }
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, params);
  const record: PassphraseFile = {
    v: 1,
    salt: salt.toString('base64'),
    scrypt: params,
    verifier: verifierOf(key).toString('base64'),
  };
  writeJsonFile(file, record);
  return createKeySealer(key, 'passphrase');
}
