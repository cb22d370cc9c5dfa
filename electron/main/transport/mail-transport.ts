import type { Result } from '../../../shared/ipc/result';

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
