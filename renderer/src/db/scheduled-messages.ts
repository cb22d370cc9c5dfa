import type { MangoQuery } from 'rxdb';
import type { Reason } from '../../../shared/compliance/reasons';
import type { SendDraft } from '../../../shared/ipc/send';
import { rankFor } from '../../../shared/leads/lead';
import { dueQuery, nextDueQuery } from '../../../shared/outbox/scheduled-sends';
import type { FairsendDatabase } from './database';
import type { MessageDoc } from './schemas/outreach';

export type StoredDraft = NonNullable<MessageDoc['draft']>;

export interface ScheduleRequest {
  /** the idempotency key every attempt of this message uses */
  key: string;
  leadId: string;
  draft: SendDraft;
  /** when it is due (epoch ms) */
  at: number;
  /** why it waits: the gate's reasons when it was scheduled */
  reasons: readonly Reason[];
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const storedReasons = (reasons: readonly (Pick<Reason, 'message' | 'fix'> & { code: string })[]) =>
  reasons.slice(0, 50).map((r) => ({
    code: clip(r.code, 64),
    message: clip(r.message, 1000),
    ...(r.fix ? { fix: clip(r.fix, 1000) } : {}),
  }));

/** What the stored draft and the message's own fields make: the request `send.message` is given. */
export function draftOf(doc: MessageDoc): SendDraft | null {
  const d = doc.draft;
  if (!d) return null;
  return {
    mailboxId: doc.mailboxId,
    to: d.to,
    ...(d.toName ? { toName: d.toName } : {}),
    subject: doc.subject,
    html: d.html,
    ...(d.text !== undefined ? { text: d.text } : {}),
    isFirstTouch: d.isFirstTouch,
    kind: d.kind,
    ...(d.leadTimeZone ? { leadTimeZone: d.leadTimeZone } : {}),
  };
}

/**
 * Scheduled messages in the `messages` collection: status `scheduled`, due at `scheduledAt`, with the draft
 * kept until the message is settled. Due ones are read through ['status', 'scheduledAt'], never by a scan.
 */
export function createScheduledMessages(db: FairsendDatabase, clock: () => number = Date.now) {
  const messages = db.messages;
  /**
   * Reads through the index straight from storage, past this window's query cache: windows do not share
   * change feeds, so only storage knows what another window scheduled, sent or cancelled.
   */
  async function fromStorage(query: MangoQuery<MessageDoc>): Promise<MessageDoc[]> {
    const prepared = messages.find(query).getPreparedQuery();
    const { documents } = await messages.storageInstance.query(prepared);
    return documents as unknown as MessageDoc[];
  }

  return {
    async schedule(request: ScheduleRequest): Promise<MessageDoc> {
      const { draft } = request;
      const doc: MessageDoc = {
        id: request.key,
        leadId: request.leadId,
        mailboxId: draft.mailboxId,
        status: 'scheduled',
        subject: clip(draft.subject, 998),
        reasons: storedReasons(request.reasons),
        scheduledAt: request.at,
        rank: rankFor(clock()),
        draft: {
          to: draft.to,
          ...(draft.toName ? { toName: draft.toName } : {}),
          html: draft.html,
          ...(draft.text !== undefined ? { text: draft.text } : {}),
          isFirstTouch: draft.isFirstTouch,
          kind: draft.kind,
          ...(draft.leadTimeZone ? { leadTimeZone: draft.leadTimeZone } : {}),
        },
      };
      // upsert: a plain Send main held for later was booked blocked under this key a moment ago
      await messages.upsert(doc);
      return doc;
    },

    /** Due messages, soonest first. */
    due: (now: number, limit?: number): Promise<MessageDoc[]> => fromStorage(dueQuery(now, limit)),

    /** When the soonest scheduled message is due; null when none is scheduled. */
    async nextDueAt(): Promise<number | null> {
      const [first] = await fromStorage(nextDueQuery());
      return first ? first.scheduledAt : null;
    },

    /** Every scheduled message, soonest first, for the Outbox. */
    list: (limit = 200): Promise<MessageDoc[]> => fromStorage({ ...nextDueQuery(), limit }),

    /**
     * The message as stored right now, read from storage past this window's caches: another window may have
     * sent or cancelled it since this one last looked (windows do not share change feeds).
     */
    async fresh(id: string): Promise<MessageDoc | null> {
      const [found] = await messages.storageInstance.findDocumentsById([id], false);
      return found ? (found as unknown as MessageDoc) : null;
    },

    /** Still waiting, for a new time and the gate's new reasons. */
    async reschedule(
      id: string,
      at: number,
      reasons: readonly (Pick<Reason, 'message' | 'fix'> & { code: string })[],
    ): Promise<void> {
      await messages.findOne(id).incrementalPatch({ scheduledAt: at, reasons: storedReasons(reasons) });
    },

    /** Settled without a send outcome to book (a duplicate, a refusal): the status, the draft dropped. */
    async settle(
      id: string,
      status: 'sent' | 'sending' | 'failed' | 'blocked',
      reasons?: readonly (Pick<Reason, 'message' | 'fix'> & { code: string })[],
    ) {
      const at = clock();
      await messages.findOne(id).incrementalModify((doc) => {
        const { draft: _dropped, ...rest } = doc;
        return {
          ...rest,
          status,
          scheduledAt: at,
          rank: rankFor(at),
          ...(status === 'sent' ? { sentAt: at } : {}),
          ...(reasons ? { reasons: storedReasons(reasons) } : {}),
        };
      });
    },

    /** Cancelled by the rep: the message and its draft are gone (it never went out). */
    async remove(id: string): Promise<boolean> {
      const doc = await messages.findOne(id).exec();
      if (!doc) return false;
      await doc.incrementalRemove(); // incremental: another window may have written it since
      return true;
    },

    count: () => messages.count({ selector: { status: 'scheduled' } }).exec(),
  };
}

export type ScheduledMessages = ReturnType<typeof createScheduledMessages>;
