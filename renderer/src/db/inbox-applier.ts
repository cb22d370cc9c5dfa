import type { InboxEvent } from '../../../shared/ipc/inbox';
import type { Result } from '../../../shared/ipc/result';
import { normalizeEmail } from '../../../shared/leads/email';
import type { LeadStatus } from '../../../shared/leads/lead';
import { createCompanyStop } from './company-stop';
import type { FairsendDatabase } from './database';
import type { LeadsRepo } from './leads-repo';
import { outOfOfficeUntil } from './out-of-office';
import type { LeadDoc } from './schemas/leads';
import { type ManualReason, SuppressionInputError, type SuppressionRepo } from './suppression-repo';

export const APPLIED_DOC = 'inbox-applied';
export const APPLY_PAGE = 500;

export interface InboxApplierDeps {
  since(seq: number, limit: number): Promise<Result<InboxEvent[]>>;
  suppression: Pick<SuppressionRepo, 'add'>;
  /** the window's one leads repo: it keeps the status counters, so nothing else may write leads */
  leads: Pick<LeadsRepo, 'get' | 'update'>;
}

export interface InboxApplier {
  /** applies every event main has that this database has not applied; concurrent calls share one run */
  apply(): Promise<number>;
}

const SUPPRESS: Partial<Record<InboxEvent['type'], ManualReason>> = {
  bounce: 'bounced',
  optout: 'unsubscribed',
  complaint: 'complained',
};
const STOP_REASON = {
  bounce: 'bounced',
  optout: 'opted-out',
  complaint: 'complained',
  reply: 'replied',
} as const;
type StoppingType = Exclude<InboxEvent['type'], 'ooo'>;
/** terminal statuses a later, weaker event does not overwrite */
const KEEP: Record<StoppingType, LeadStatus[]> = {
  bounce: ['opted-out'],
  optout: [],
  complaint: [],
  reply: ['opted-out', 'bounced'],
};
const STATUS: Record<StoppingType, LeadStatus> = {
  bounce: 'bounced',
  optout: 'opted-out',
  complaint: 'opted-out',
  reply: 'replied',
};

/**
 * Applies what main's inbox watcher found: suppresses bounced, opted-out and complaining addresses, sets the
 * lead's status, and stops its sequences. Events are applied in `seq` order and the last applied `seq` is
 * kept in a local document; every step is idempotent, so an event applied twice after a crash is harmless.
 */
export function createInboxApplier(db: FairsendDatabase, deps: InboxApplierDeps): InboxApplier {
  let running: Promise<number> | null = null;
  const companyStop = createCompanyStop(db);

  async function appliedSeq(): Promise<number> {
    const doc = await db.leads.getLocal<{ seq: number }>(APPLIED_DOC);
    return doc?.get('seq') ?? 0;
  }

  /**
   * The lead an event is about: a reply's thread names it best, other events their address (the lead's key),
   * with the thread as the fallback when the address is redacted or is not a lead (a forwarding alias).
   */
  async function leadFor(event: InboxEvent): Promise<LeadDoc | null> {
    const byMessage = async () => {
      if (!event.messageId) return null;
      const sent = await db.messages.findOne({ selector: { messageId: event.messageId } }).exec();
      return sent ? deps.leads.get(sent.leadId) : null;
    };
    const byAddress = async () => {
      const id = event.address ? normalizeEmail(event.address) : null;
      return id ? deps.leads.get(id) : null;
    };
    if (event.type === 'reply' || event.type === 'ooo') return (await byMessage()) ?? byAddress();
    return (await byAddress()) ?? byMessage();
  }

  async function suppress(address: string, reason: ManualReason): Promise<void> {
    try {
      await deps.suppression.add({ kind: 'address', value: address, reason, note: 'from the inbox' });
    } catch (error) {
      if (!(error instanceof SuppressionInputError)) throw error; // not an address we can key: skip it
    }
  }

  /** An out-of-office: the lead's running enrollments wait until the return date, then go on; never a stop. */
  async function pauseAway(event: InboxEvent): Promise<void> {
    const lead = await leadFor(event);
    if (!lead) return;
    const until = outOfOfficeUntil(event.returnsOn, event.at);
    const active = await db.enrollments.find({ selector: { leadId: lead.id, status: 'active' } }).exec();
    for (const enrollment of active)
      if (enrollment.nextSendAt < until)
        await enrollment.incrementalPatch({
          nextSendAt: until,
          waitReason: 'out-of-office',
          updatedAt: Date.now(),
        });
  }

  /** A reply in a sequence with the company stop on stops that sequence for everyone at the lead's company. */
  async function stopCompany(lead: LeadDoc): Promise<void> {
    const mine = await db.enrollments.find({ selector: { leadId: lead.id } }).exec();
    for (const sequenceId of new Set(mine.map((e) => e.sequenceId))) {
      const sequence = await db.sequences.findOne(sequenceId).exec();
      if (sequence?.stopCompanyOnReply) await companyStop.stopColleagues(lead, sequenceId);
    }
  }

  async function applyOne(event: InboxEvent): Promise<void> {
    if (event.type === 'ooo') return pauseAway(event);
    const lead = await leadFor(event);
    const reason = SUPPRESS[event.type];
    // Both the address that bounced or asked and the lead of the thread: when in doubt, contact nobody.
    const addresses = new Set([event.address, lead?.email].flatMap((a) => (a ? [a.toLowerCase()] : [])));
    if (reason) for (const address of addresses) await suppress(address, reason);
    if (!lead) return;
    if (lead.status !== STATUS[event.type] && !KEEP[event.type].includes(lead.status))
      await deps.leads.update(lead.id, { status: STATUS[event.type] });
    const live = await db.enrollments
      .find({ selector: { leadId: lead.id, status: { $in: ['active', 'paused', 'held'] } } })
      .exec();
    const now = Date.now();
    for (const enrollment of live)
      await enrollment.incrementalPatch({
        status: 'stopped',
        stopReason: STOP_REASON[event.type],
        updatedAt: now,
      });
    if (event.type === 'reply') await stopCompany(lead);
  }

  async function run(): Promise<number> {
    let applied = 0;
    for (;;) {
      const page = await deps.since(await appliedSeq(), APPLY_PAGE);
      if (!page.ok) throw new Error(page.error.message);
      for (const event of page.value) {
        await applyOne(event);
        await db.leads.upsertLocal(APPLIED_DOC, { seq: event.seq });
        applied++;
      }
      if (page.value.length < APPLY_PAGE) return applied;
    }
  }

  return {
    apply() {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
