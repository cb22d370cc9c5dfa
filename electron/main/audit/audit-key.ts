import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type AuditHead, eventSealText, headSealText } from '../../../shared/audit/head';
import type { Sealer } from '../secrets/sealer';
import { isMissing, writeFileDurably } from './durable-file';

/**
 * The keyed seals (HMAC-SHA-256) on the audit log's lines and on its head. The key is 32 random bytes, kept
 * only sealed by the vault's sealer (the OS keyring, or the passphrase key on Linux without one), so whoever
 * edits the log cannot recompute the seals the way they can recompute its plain hashes.
 */
export interface AuditSeal {
  event(hash: string): string;
  head(head: AuditHead): string;
  /** constant-time comparison of a seal found on disk with the expected one */
  matches(found: unknown, expected: string): boolean;
}

/** What the key is sealed under, so no other sealed value (the team key, a mailbox secret) can stand in for it. */
const AUDIT_KEY_CONTEXT = 'audit-key';

export type KeyLoad = { state: 'present'; seal: AuditSeal } | { state: 'absent' } | { state: 'unreadable' };

function sealWith(key: KeyObject): AuditSeal {
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('hex');
  return {
    event: (hash) => mac(eventSealText(hash)),
    head: (head) => mac(headSealText(head)),
    matches(found, expected) {
      if (typeof found !== 'string' || found.length !== expected.length) return false;
      return timingSafeEqual(Buffer.from(found), Buffer.from(expected));
    },
  };
}

export async function loadAuditKey(file: string, sealer: Sealer): Promise<KeyLoad> {
  let sealed: Buffer;
  try {
    sealed = await readFile(file);
  } catch (error) {
    if (isMissing(error)) return { state: 'absent' };
    return { state: 'unreadable' };
  }
  try {
    const secret = await sealer.open(sealed, AUDIT_KEY_CONTEXT);
    if (secret.length !== 32) return { state: 'unreadable' };
    return { state: 'present', seal: sealWith(createSecretKey(secret)) };
  } catch {
    return { state: 'unreadable' };
  }
}

/** A new key, usable at once; `store` writes it sealed (after the head it seals, see open-chain.ts). */
export function newAuditKey(sealer: Sealer): { seal: AuditSeal; store(file: string): Promise<void> } {
  const secret = randomBytes(32);
  return {
    seal: sealWith(createSecretKey(secret)),
    store: async (file) => writeFileDurably(file, await sealer.seal(secret, AUDIT_KEY_CONTEXT)),
  };
}
