import type { AuditStatus } from '../../../../shared/ipc/audit';
import { datedFileName } from '../../../../shared/leads/export';

/**
 * What the window says about the audit log, in a rep's words: nothing when it is fine, a short note while it
 * waits for the passphrase, and the refusal with what to do when it is damaged. Pure, so it is tested
 * without a browser.
 */
export type AuditNotice =
  | { kind: 'locked'; title: string; body: string }
  | { kind: 'damaged'; title: string; found: string; body: string[] };

export function noticeFor(status: AuditStatus | null): AuditNotice | null {
  if (!status || status.state === 'ready') return null;
  if (status.state === 'locked')
    return { kind: 'locked', title: 'Sending waits for your passphrase', body: status.message };
  return {
    kind: 'damaged',
    title: 'Sending is paused: Fairsend’s activity record is damaged',
    found: status.message,
    body: [
      'Fairsend keeps a tamper-evident record (its audit log) of every email it sends or blocks and of every change to your suppression list. When it started, that record did not match the seal Fairsend keeps for it.',
      'Until this is dealt with, Fairsend sends nothing and records no changes. Your leads, sequences, mailboxes and settings are untouched.',
    ],
  };
}

/** `fairsend-audit-log-damaged-2026-11-26.jsonl`, in the rep's local date */
export function damagedLogFileName(now: Date): string {
  return datedFileName('audit-log-damaged', 'jsonl', now);
}

/** The exported log's bytes, exactly as main read them (they came base64-encoded over the bridge). */
export function bytesFromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The new-record form is ready when the rep confirmed and said in a few words what happened. */
export function canStartNewRecord(note: string, confirmed: boolean): boolean {
  return confirmed && note.trim().length >= 3 && !note.includes('@');
}
