import { type AuditEvent, GENESIS_HASH } from './chain';

/**
 * The head of a device's chain: how many events it holds and the hash of the last one. Main keeps it outside
 * the log, sealed with a key the log does not hold, so a log that lost its end, was deleted, or was rewritten
 * with recomputed hashes no longer matches it. A keyed seal (HMAC) also rides on every line of the log, so an
 * event appended by anyone but main does not verify either.
 */
export interface AuditHead {
  deviceId: string;
  seq: number;
  hash: string;
}

/** The head of a chain with no events yet. */
export function emptyHead(deviceId: string): AuditHead {
  return { deviceId, seq: 0, hash: GENESIS_HASH };
}

/** The head after `events` (a verified chain from seq 1). */
export function headAfter(deviceId: string, events: readonly Pick<AuditEvent, 'seq' | 'hash'>[]): AuditHead {
  const last = events.at(-1);
  return last ? { deviceId, seq: last.seq, hash: last.hash } : emptyHead(deviceId);
}

// What the keyed seals sign. The labels keep a head's seal from ever passing for an event's, and the reverse.

export function headSealText(head: AuditHead): string {
  return `fairsend audit head v1\n${head.deviceId}\n${head.seq}\n${head.hash}`;
}

export function eventSealText(hash: string): string {
  return `fairsend audit event v1\n${hash}`;
}
