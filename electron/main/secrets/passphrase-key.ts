import { createHmac, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
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

/**
 * The weakest parameters a passphrase file may name. The file sits next to the secrets, so whoever can write
 * it could otherwise lower the cost of guessing the passphrase for the next key derived from it. The floor
 * stays at today's default when the default rises, so files written before keep opening.
 */
export const SCRYPT_FLOOR: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** Above these the derivation would take minutes or gigabytes: a damaged or hostile file, not a setting. */
const SCRYPT_CEILING: ScryptParams = { N: 2 ** 22, r: 32, p: 16 };
const MAX_MEMORY = 1024 ** 3;

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

const scryptShape = z.object({
  N: z
    .number()
    .int()
    .min(2)
    .refine((n) => Number.isInteger(Math.log2(n)), 'N must be a power of two'),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
});

const passphraseFileShape = z.object({
  v: z.literal(1),
  salt: z.string(),
  // checked against the floor and the ceiling by checkScryptParams, which says which of the two failed
  scrypt: z.unknown(),
  verifier: z.string(),
});

const DAMAGED =
  'The passphrase settings on this computer are damaged, so Fairsend cannot check the passphrase.';

/**
 * Checks the parameters a file names against the floor and the ceiling. Pure. A file below the floor was
 * changed outside Fairsend, so its parameters are refused rather than used.
 */
export function checkScryptParams(params: unknown, floor: ScryptParams): ScryptParams {
  const parsed = scryptShape.safeParse(params);
  if (!parsed.success) throw new AppError('internal', DAMAGED);
  const { N, r, p } = parsed.data;
  if (N < floor.N || r < floor.r || p < floor.p) {
    throw new AppError(
      'forbidden',
      'The passphrase settings on this computer were changed outside Fairsend and are weaker than it allows, so Fairsend will not use them. Contact your Fairsend admin.',
    );
  }
  if (N > SCRYPT_CEILING.N || r > SCRYPT_CEILING.r || p > SCRYPT_CEILING.p || 128 * N * r > MAX_MEMORY) {
    throw new AppError('internal', DAMAGED);
  }
  return { N, r, p };
}

/** The floor this call holds a file to: the fixed floor, or what the caller creates with if that is lower (tests). */
const floorFor = (params: ScryptParams): ScryptParams => ({
  N: Math.min(SCRYPT_FLOOR.N, params.N),
  r: Math.min(SCRYPT_FLOOR.r, params.r),
  p: Math.min(SCRYPT_FLOOR.p, params.p),
});

async function readPassphraseFile(file: string): Promise<z.infer<typeof passphraseFileShape> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('internal', DAMAGED);
  }
  const record = passphraseFileShape.safeParse(parsed);
  if (!record.success) throw new AppError('internal', DAMAGED);
  return record.data;
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
    const named = checkScryptParams(existing.scrypt, floorFor(params));
    const salt = Buffer.from(existing.salt, 'base64');
    if (salt.length < 16) throw new AppError('internal', DAMAGED);
    const key = await derive(passphrase, salt, named);
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
