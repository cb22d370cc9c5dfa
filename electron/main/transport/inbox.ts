import type { Result } from '../../../shared/ipc/result';
import type { MailTransport } from './mail-transport';

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
