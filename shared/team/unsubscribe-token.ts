/**
 * The one-click unsubscribe token, as the desktop signs it and the team server checks it:
 * `base64url(JSON {v, k, m, t, q?}) + "." + base64url(HMAC-SHA256(signingKey, payload))`, where `k` is the address's
 * suppression key (hex HMAC under the team key), `m` the sending mailbox, `t` the time it was issued (seconds) and
 * `q`, on a sequence's email, the sequence's id (so the opt-out counts for that sequence in the team's stats).
 * The signing key is HMAC-SHA256(teamKey, UNSUBSCRIBE_SIGNING_LABEL). It carries no plaintext address.
 * Pure: the HMAC itself is the caller's (node:crypto on the desktop's main process and on the server).
 */

import { SEQUENCE_REF_ID } from '../audit/sequence-ref';

export const UNSUBSCRIBE_TOKEN_VERSION = 1;
/** what the signing key is derived under, from the team key */
export const UNSUBSCRIBE_SIGNING_LABEL = 'fairsend unsubscribe token v1';

export interface UnsubscribeClaims {
  v: typeof UNSUBSCRIBE_TOKEN_VERSION;
  /** the address's suppression key: 64 hex characters */
  k: string;
  /** the sending mailbox's id */
  m: string;
  /** when it was issued, whole seconds since the epoch */
  t: number;
  /** the sequence the email was a step of (an id, never a name); absent on one-off emails */
  q?: string;
}

/** The text a suppression key is the HMAC of: `address:jane@example.com`, `domain:example.com`. */
export function suppressionMessage(kind: 'address' | 'domain', normalised: string): string {
  return `${kind}:${normalised}`;
}

/** The signed part of a token, as the desktop has always written it (key order v, k, m, t; then q when set). */
export function encodeUnsubscribePayload(claims: Omit<UnsubscribeClaims, 'v'>): string {
  const body = {
    v: UNSUBSCRIBE_TOKEN_VERSION,
    k: claims.k,
    m: claims.m,
    t: claims.t,
    ...(claims.q === undefined ? {} : { q: claims.q }),
  };
  const json = JSON.stringify(body);
  // ASCII is its own UTF-8: btoa reads it as bytes directly (ids and keys are ASCII, so nearly every token).
  return !NON_ASCII.test(json) ? base64ToUrl(btoa(json)) : toBase64Url(new TextEncoder().encode(json));
}

const NON_ASCII = /[\u0080-\uffff]/;

export function joinUnsubscribeToken(payload: string, signature: Uint8Array): string {
  return `${payload}.${toBase64Url(signature)}`;
}

export interface ParsedUnsubscribeToken {
  /** the signed text, as received */
  payload: string;
  /** the 32-byte signature */
  signature: Uint8Array;
  claims: UnsubscribeClaims;
}

/** the longest token we read: a mailbox id of up to 200 characters fits well inside */
export const MAX_UNSUBSCRIBE_TOKEN_LENGTH = 512;
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{16,400})\.([A-Za-z0-9_-]{43})$/;
const KEY_SHAPE = /^[0-9a-f]{64}$/;

/** The token's parts when it has the shape of one, else null. Says nothing about whether it is genuine. */
export function parseUnsubscribeToken(token: string): ParsedUnsubscribeToken | null {
  if (token.length > MAX_UNSUBSCRIBE_TOKEN_LENGTH) return null;
  const match = TOKEN_SHAPE.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const signature = fromBase64Url(match[2]);
  if (signature?.length !== 32) return null;
  const bytes = fromBase64Url(match[1]);
  if (!bytes) return null;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const claims = readClaims(body);
  return claims ? { payload: match[1], signature, claims } : null;
}

function readClaims(body: unknown): UnsubscribeClaims | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { v, k, m, t, q } = body as Record<string, unknown>;
  if (v !== UNSUBSCRIBE_TOKEN_VERSION) return null;
  if (typeof k !== 'string' || !KEY_SHAPE.test(k)) return null;
  if (typeof m !== 'string' || m.length === 0 || m.length > 200) return null;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) return null;
  if (q === undefined) return { v, k, m, t };
  return typeof q === 'string' && SEQUENCE_REF_ID.test(q) ? { v, k, m, t, q } : null;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return base64ToUrl(btoa(binary));
}

/** Base64 in the URL alphabet, unpadded. */
function base64ToUrl(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when the text is not canonical unpadded base64url (so one token has exactly one spelling) */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return toBase64Url(bytes) === text ? bytes : null;
}
