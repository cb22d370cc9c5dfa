import type { AppErrorShape, Result } from '../../../../shared/ipc/result';
import { isSendFailureCode, type SendFailureCode } from '../../../../shared/outbox/failure-codes';
import type { SendError, UnknownWhy } from '../journal-entry';

/**
 * The two-phase delivery contract. A transport connects, logs in (or gets its token) and sends everything but
 * what completes the message, then awaits `commit()` (the journal's fsynced `sending`), and only then sends the
 * completing bytes: the SMTP end-of-data, the API request. A crash or a failure before the commit therefore
 * delivered nothing. If `commit()` rejects (the journal could not write), the transport abandons the message.
 */
export type Commit = () => Promise<void>;

/**
 * A failed delivery. Without `mayHaveDelivered` it is proven not delivered: the failure came before the commit,
 * or the server answered the complete message with a refusal. With it, the outcome is unknown: the connection
 * was lost or timed out after the completing bytes went out, or the API answered them with a 5xx.
 */
export interface DeliveryError extends SendError {
  mayHaveDelivered?: UnknownWhy;
}

export type DeliveryResult =
  | { ok: true; value: { providerId: string } }
  | { ok: false; error: DeliveryError };

/** The provider took the message. */
export const delivered = (providerId: string): DeliveryResult => ({ ok: true, value: { providerId } });

/** A delivery that failed before anything could have gone out. */
export const notDelivered = (code: SendFailureCode, message: string): DeliveryResult => ({
  ok: false,
  error: { code, message },
});

/**
 * A failure from a source shared with the rest of main (a token source, a provider's error translation) as a
 * send failure: its code kept when it is one, else `internal` (those sources answer a send with bridge codes
 * such as invalid-input only by a fault of Fairsend's), its words and certificate kept.
 */
export function asDeliveryError(error: AppErrorShape): DeliveryError {
  return isSendFailureCode(error.code) ? { ...error, code: error.code } : { ...error, code: 'internal' };
}

export type SentLookup = Result<{ found: false } | { found: true; providerId: string }>;

/**
 * What every mailbox kind (SMTP+IMAP, Gmail API, Microsoft Graph) offers the send path.
 * Transports deliver bytes the gate built; they never build or change a message.
 * Vendor errors are translated here, once, into the send failure codes (shared/outbox/failure-codes.ts):
 * auth-expired, transient, rate-limited, rejected-permanent, and a few more.
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'gmail' | 'outlook';
  deliver(message: { raw: Buffer; from: string; to: string[] }, commit: Commit): Promise<DeliveryResult>;
  /**
   * Is a message with this Message-ID in the mailbox? Found proves it was sent. Not found proves nothing,
   * unless `absenceProvesNotSentAfterMs` says the lookup sees every message the provider sent, after that delay.
   */
  findSent(messageId: string): Promise<SentLookup>;
  /** Gmail and Graph: the lookup is mailbox-wide and the provider files what it sends itself */
  readonly absenceProvesNotSentAfterMs?: number;
  /** SMTP with IMAP: saves the delivered bytes to Sent (a follow-up after `accepted`; idempotent by Message-ID) */
  saveSentCopy?(raw: Buffer): Promise<Result<{ appended: boolean }>>;
  close(): Promise<void>;
}

/** One new message in the mailbox's inbox, as raw MIME, for the inbox watcher (replies, bounces, opt-outs). */
export interface InboxItem {
  /** the provider's own id (Gmail message id, Graph message id): the watcher dedupes on it */
  providerId: string;
  raw: Buffer;
}

/**
 * A transport that can also read the inbox. `cursor` is opaque to the caller: pass back what the last call
 * returned; without one, the transport returns the recent inbox and a cursor to continue from.
 */
export interface ReadableMailTransport extends MailTransport {
  fetchInbox?(cursor?: string): Promise<Result<{ items: InboxItem[]; cursor: string }>>;
}
