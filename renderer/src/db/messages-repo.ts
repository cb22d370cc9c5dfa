import type { Reason } from '../../../shared/compliance/reasons';
import type { SendOutcome } from '../../../shared/ipc/send';
import { rankFor } from '../../../shared/leads/lead';
import { SEND_FAILURES } from '../../../shared/outbox/failure-codes';
import type { FairsendDatabase } from './database';
import type { MessageDoc } from './schemas/outreach';

export type OutboxStatus = 'sent' | 'failed' | 'blocked';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['sent', 'failed', 'blocked'];

export interface SendAttempt {
  /** the idempotency key the send used; also the message's id */
  key: string;
  leadId: string;
  mailboxId: string;
  subject: string;
  outcome: SendOutcome;
  /**
   * a sequence's step: the enrollment, the step's index and id, and the variant sent (the lead's timeline and
   * the reports read them; the id and variant keep a report right after the sequence is edited)
   */
  sequence?: { enrollmentId: string; step: number; stepId?: string; variant?: string };
}

export type StoredReason = MessageDoc['reasons'][number];

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A gate reason, or a transport failure (its code is a send failure code, not a reason code). */
function storedReason(reason: Omit<Reason, 'code' | 'weight'> & { code: string }): StoredReason {
  return {
    code: clip(reason.code, 64),
    message: clip(reason.message, 1000),
    ...(reason.fix ? { fix: clip(reason.fix, 1000) } : {}),
  };
}

/** The reasons an outcome carries: the gate's (block reasons, or warnings on a sent one) and a transport error. */
export function reasonsOf(outcome: SendOutcome): StoredReason[] {
  if (outcome.status === 'duplicate') return [];
  const gate = outcome.gate.reasons.slice(0, 49).map(storedReason);
  if (outcome.status !== 'failed') return gate;
  const failure = { code: outcome.code, message: outcome.message, fix: SEND_FAILURES[outcome.code].fix };
  return [storedReason(failure), ...gate].slice(0, 50);
}

/**
 * The messages the rep has sent or tried to send, for the Outbox. Every outcome of `send.message` is kept
 * (sent, failed, blocked, with reasons); bodies are not (data minimisation: the subject is enough to
 * recognise one). Lists walk ['status', 'rank'] or 'rank' ascending, which is newest first.
 */
export function createMessagesRepo(db: FairsendDatabase) {
  const messages = db.messages;
  let lastAt = 0;

  return {
    /** Stores one send outcome; a second outcome for the same key replaces the first (a retried failure). */
    async record(attempt: SendAttempt): Promise<MessageDoc | null> {
      const { outcome } = attempt;
      if (outcome.status === 'duplicate') return null; // the first attempt's record stands
      const at = Math.max(Date.now(), lastAt + 1);
      lastAt = at;
      const doc: MessageDoc = {
        id: attempt.key,
        leadId: attempt.leadId,
        mailboxId: attempt.mailboxId,
        // an unknown fate stays "sending" here: main holds it for the rep (send.held) until it is settled
        status: outcome.status === 'unknown' ? 'sending' : outcome.status,
        subject: clip(attempt.subject, 998),
        reasons: reasonsOf(outcome),
        scheduledAt: at,
        rank: rankFor(at),
        ...(attempt.sequence ?? {}),
        ...(outcome.status === 'sent' ? { messageId: outcome.messageId, sentAt: at } : {}),
        // an unknown fate keeps its Message-ID: a follow-up can thread under it once it is settled as sent
        ...(outcome.status === 'unknown' ? { messageId: outcome.messageId } : {}),
      };
      await messages.upsert(doc);
      return doc;
    },

    /**
     * A key main's journal says went out before (a run cut short, a held send the rep settled): booked as
     * sent, keeping what an earlier record of it knew (its Message-ID).
     */
    async bookSent(attempt: Omit<SendAttempt, 'outcome'> & { messageId?: string | null }): Promise<void> {
      const [earlier] = (await messages.storageInstance.findDocumentsById(
        [attempt.key],
        false,
      )) as unknown as MessageDoc[];
      if (earlier?.status === 'sent') return;
      const at = Math.max(Date.now(), lastAt + 1);
      lastAt = at;
      const messageId = earlier?.messageId || attempt.messageId;
      await messages.upsert({
        id: attempt.key,
        leadId: attempt.leadId,
        mailboxId: attempt.mailboxId,
        status: 'sent',
        subject: clip(attempt.subject, 998),
        reasons: [],
        scheduledAt: at,
        sentAt: at,
        rank: rankFor(at),
        ...(attempt.sequence ?? {}),
        ...(messageId ? { messageId } : {}),
      });
    },

    /** Newest first, optionally one status, `limit` after the message of rank `afterRank` (keyset paging). */
    async list({
      status,
      limit = 100,
      afterRank,
    }: {
      status?: OutboxStatus;
      limit?: number;
      afterRank?: number;
    } = {}): Promise<MessageDoc[]> {
      const rank = afterRank === undefined ? {} : { rank: { $gt: afterRank } };
      const docs = await messages
        .find(
          status
            ? {
                selector: { status, ...rank },
                index: ['status', 'rank'],
                sort: [{ status: 'asc' }, { rank: 'asc' }],
                limit,
              }
            : {
                // the other statuses (scheduled, sending) belong to the sequence engine, not the Outbox
                selector: { status: { $in: [...OUTBOX_STATUSES] }, ...rank },
                index: ['rank'],
                sort: [{ rank: 'asc' }],
                limit,
              },
        )
        .exec();
      return docs.map((d) => d.toMutableJSON());
    },

    /** Messages by key (a sequence's earlier steps: `enrollmentId:step`), read past this window's caches. */
    async byKeys(keys: readonly string[]): Promise<Map<string, MessageDoc>> {
      const found = await messages.storageInstance.findDocumentsById([...keys], false);
      return new Map((found as unknown as MessageDoc[]).map((doc) => [doc.id, doc]));
    },

    count: (status?: OutboxStatus) =>
      messages.count({ selector: { status: status ?? { $in: [...OUTBOX_STATUSES] } } }).exec(),

    /** Calls `listener` after any change to messages (the Outbox re-reads then). */
    onChange(listener: () => void): () => void {
      const subscription = messages.$.subscribe(() => listener());
      return () => subscription.unsubscribe();
    },
  };
}

export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
