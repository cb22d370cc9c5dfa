import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 7636 PKCE with S256, and the `state` nonce that ties a redirect to the request that started it. */
export interface PkcePair {
  verifier: string;
  challenge: string;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** 32 random bytes → a 43-character verifier, the minimum length RFC 7636 allows and what Google/Microsoft expect. */
export function createPkcePair(): PkcePair {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
export function isValidPkceVerifier(verifier: string): boolean {
  return /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier);
}

export function createState(): string {
  return base64url(randomBytes(24));
}

/** Constant-time comparison, so a forged redirect learns nothing from timing. */
export function sameState(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
