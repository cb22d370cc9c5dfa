import type { SendDraft } from '../../../shared/ipc/send';
import { isRetryable } from '../../../shared/outbox/failure-codes';
import type { SendError, UnknownWhy } from './journal-entry';
import type { FollowUp, SendJournal } from './send-journal';
import { type Checkpoint, noCheckpoint } from './send-points';
import type { MailTransport } from './transports/mail-transport';

/** A message the journal has `prepared`, with its bytes (Message-ID already in them). */
export interface PreparedMessage {
  key: string;
  raw: Buffer;
  from: string;
  to: string[];
  /** kept in the journal while the fate is open: what the rep sees, and what "Send it again" sends */
  draft: SendDraft;
}

export type DeliveryOutcome =
  | { status: 'sent'; providerId: string; followUps: FollowUp[] }
  | { status: 'unknown'; why: UnknownWhy; error: SendError }
  | { status: 'failed'; error: SendError; retryable: boolean };

/**
 * prepared → (commit: `sending`, fsynced) → transport → `accepted` / `failed` / `unknown`, fsynced. The only
 * way bytes reach a transport. `accepted` is written before anything else happens (the follow-ups come after,
 * on their own). Between 'after-reply' and 'after-accepted' is the window in which a crash leaves a delivered
 * message looking unanswered (the crash bench measures it).
 */
export async function deliverPrepared(
  journal: SendJournal,
  transport: MailTransport,
  message: PreparedMessage,
  checkpoint: Checkpoint = noCheckpoint,
): Promise<DeliveryOutcome> {
  const { key } = message;
  const copyDue = transport.saveSentCopy !== undefined;
  let commitment: Promise<void> | null = null;
  let commitError: unknown = null;
  const commit = () => {
    commitment ??= (async () => {
      checkpoint('before-commit', key);
      try {
        await journal.commit(key, { draft: message.draft, ...(copyDue ? { raw: message.raw } : {}) });
      } catch (error) {
        commitError = error;
        throw error;
      }
      checkpoint('after-commit', key);
    })();
    return commitment;
  };

  checkpoint('before-connect', key);
  const result = await transport.deliver({ raw: message.raw, from: message.from, to: message.to }, commit);
  // the outcome's line must follow the commit's, never race it
  await (commitment as Promise<void> | null)?.catch(() => {});
  if (result.ok) {
    checkpoint('after-reply', key);
    // every transport commits before it completes a message; should one not, the journal still learns of it
    if (!commitment) await commit().catch(() => undefined);
    const followUps: FollowUp[] = copyDue ? ['audit', 'sent-copy'] : ['audit'];
    try {
      await journal.accepted(key, { providerId: result.value.providerId, followUps });
    } catch (error) {
      return unrecorded(journal, key, error);
    }
    checkpoint('after-accepted', key);
    return { status: 'sent', providerId: result.value.providerId, followUps };
  }
  if (commitError !== null) {
    const error = { code: 'transient' as const, message: messageOf(commitError) };
    // the journal may be writable again for this line (a full disk, cut back): try, but the send is over
    await journal.failed(key, { error, retryable: true, undelivered: true }).catch(() => undefined);
    return { status: 'failed', error, retryable: true };
  }
  const { mayHaveDelivered, ...error } = result.error;
  if (mayHaveDelivered) {
    await journal.unknown(key, { why: mayHaveDelivered, error });
    return { status: 'unknown', why: mayHaveDelivered, error };
  }
  const retryable = isRetryable(error.code);
  await journal.failed(key, { error, retryable, undelivered: true });
  return { status: 'failed', error, retryable };
}

/**
 * The server took the message but `accepted` could not be written (a full disk): on disk the fate is still
 * `sending`, so the key stays blocked and the next upkeep pass looks it up or holds it for the rep, as after a
 * crash. Never "nothing was sent": the journal's own error says so, and here it is untrue.
 */
async function unrecorded(journal: SendJournal, key: string, cause: unknown): Promise<DeliveryOutcome> {
  const full = cause instanceof Error && /disk is full/.test(cause.message);
  const error = {
    code: 'transient' as const,
    message: `The mail server took this email, but Fairsend could not record it${full ? ' because the disk is full' : ''}. It will not be sent again on its own.`,
  };
  // the journal may take this line (a full disk, cut back): then the rep sees it held at once
  await journal.unknown(key, { why: 'interrupted', error }).catch(() => undefined);
  return { status: 'unknown', why: 'interrupted', error };
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'Fairsend could not record this send. Nothing was sent.';
