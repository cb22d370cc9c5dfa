import type { Result } from '../../../../shared/ipc/result';

/**
 * What every mailbox kind (SMTP+IMAP, Gmail API, Microsoft Graph) offers the send path.
 * Transports deliver bytes the gate built; they never build or change a message.
 * Vendor errors are translated here, once, into the shared codes: auth-expired, transient,
 * rate-limited, rejected-permanent.
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'gmail' | 'outlook';
  deliver(message: { raw: Buffer; from: string; to: string[] }): Promise<Result<{ providerId: string }>>;
  /** Used after a crash: did a message with this Message-ID reach the Sent folder? */
  findSent(messageId: string): Promise<Result<{ found: false } | { found: true; providerId: string }>>;
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
