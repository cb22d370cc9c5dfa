import type { SequenceRef } from '../../../shared/audit/sequence-ref';
import type { AppErrorShape } from '../../../shared/ipc/result';
import type { SendDraft, UnknownWhy } from '../../../shared/ipc/send';
import type { SendFailureCode } from '../../../shared/outbox/failure-codes';

/**
 * One message's life in the send journal, keyed by its idempotency key:
 *
 *   prepared ──► sending ──► accepted (follow-ups: audit, Sent copy)
 *      │            ├──────► failed   (the server said no: proven not delivered)
 *      │            └──────► unknown  (may or may not have delivered: held, never retried automatically)
 *      └──────────────────► failed   (nothing left this computer)
 *
 * `prepared` is written before connecting and is not fsynced (a crash there sent nothing). `sending` is fsynced
 * at the commit point: right before the bytes that complete the message go out (the SMTP end-of-data, the API
 * request). `accepted` is fsynced the moment the server or API says it took the message, before any follow-up.
 */
export type JournalState = 'prepared' | 'sending' | 'accepted' | 'failed' | 'unknown';

/** Work after `accepted` that is retried on its own and never causes a resend. */
export type FollowUp = 'audit' | 'sent-copy';

export type { UnknownWhy };

/** Why a send failed or its fate is open: a send failure code, the transport's words, a refused certificate. */
export type SendError = AppErrorShape & { code: SendFailureCode };

export interface JournalEntry {
  /** the idempotency key of one message (one lead × step, or one Compose) */
  key: string;
  state: JournalState;
  /** one Message-ID for the key's whole life: every attempt reuses it */
  messageId: string;
  mailboxId: string;
  attempt: number;
  /** when this line was written */
  at: number;
  /** when the current attempt reached `sending` */
  committedAt?: number;
  /** commit times of the attempts that count as sent for caps and breakers: every one not proven undelivered */
  sends?: number[];
  /**
   * the facts for the audit events written later (`send.sent` by a follow-up, a lookup's or the rep's settling,
   * an inbox event about this message): the recipient's suppression key, the gate's warnings and, for a
   * sequence's step, its sequence and step ids (absent in entries written before they were recorded)
   */
  audit?: { recipientKey: string | null; warnings: string[] } & Partial<SequenceRef>;
  /** while the fate is open (sending, unknown): what the rep is shown, and what "Send it again" sends */
  draft?: SendDraft;
  /** base64 of the exact bytes delivered, kept until the Sent copy is made */
  raw?: string;
  providerId?: string;
  followUps?: FollowUp[];
  error?: SendError;
  /** failed: may the same key be tried again */
  retryable?: boolean;
  why?: UnknownWhy;
  /** how an open fate was settled: a lookup by Message-ID, or the rep */
  settledBy?: 'lookup' | 'rep';
}

/** States in which the key may not be sent again (unknown: only the rep can release it). */
export function blocksRetry(entry: JournalEntry): boolean {
  if (entry.state === 'failed') return entry.retryable !== true;
  return entry.state !== 'prepared';
}
