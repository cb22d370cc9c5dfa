import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * Device tokens: `fsd_<prefix>_<secret>`. The prefix (8 random bytes) is stored in clear to find the device;
 * the whole token only as an Argon2id hash. Invite codes: `fsi_<secret>`, stored as SHA-256 (128 random bits
 * need no slow hash). Both are shown once and never logged.
 */
const DEVICE_TOKEN = /^fsd_([A-Za-z0-9_-]{11})_([A-Za-z0-9_-]{43})$/;
const INVITE_CODE = /^fsi_[A-Za-z0-9_-]{22}$/;

/** Argon2id (2 in the package's const enum), OWASP's setting (m = 19 MiB, t = 2, p = 1): ~60 ms a hash here */
const ARGON2 = {
  algorithm: 2 satisfies Algorithm.Argon2id as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export interface NewDeviceToken {
  token: string;
  prefix: string;
  hash: string;
}

export async function newDeviceToken(): Promise<NewDeviceToken> {
  const prefix = randomBytes(8).toString('base64url');
  const token = `fsd_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix, hash: await hash(token, ARGON2) };
}

/** the lookup prefix of a string shaped like a device token, else null */
export function deviceTokenPrefix(token: string): string | null {
  return DEVICE_TOKEN.exec(token)?.[1] ?? null;
}

export async function deviceTokenMatches(token: string, storedHash: string): Promise<boolean> {
  try {
    return await verify(storedHash, token);
  } catch {
    return false;
  }
}

export function newInviteCode(): { code: string; hash: string } {
  const code = `fsi_${randomBytes(16).toString('base64url')}`;
  return { code, hash: inviteCodeHash(code) };
}

export function isInviteCodeShape(code: string): boolean {
  return INVITE_CODE.test(code);
}

export function inviteCodeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** constant-time comparison of two secrets of any length (compares their digests) */
export function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

export const newId = (bytes = 12) => randomBytes(bytes).toString('base64url');
