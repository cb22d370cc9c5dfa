import type { Reason } from '../../../shared/compliance/reasons';
import type { Result } from '../../../shared/ipc/result';
import type { SendDraft, SendOutcome } from '../../../shared/ipc/send';
import { DUE_BATCH, fateOf, type ScheduledFate, wakeDelay } from '../../../shared/outbox/scheduled-sends';
import type { AuditLog } from '../bridge/audit';
import type { LeadsRepo } from '../db/leads-repo';
import type { MessagesRepo } from '../db/messages-repo';
import { draftOf, type ScheduledMessages } from '../db/scheduled-messages';
import type { MessageDoc } from '../db/schemas/outreach';
import { bridgeProblem } from '../ui/bridge-problem';
import { wakeLoop } from './wake-loop';
import type { Lock } from './window-lock';

export interface ScheduledSenderDeps {
  store: ScheduledMessages;
  messages: Pick<MessagesRepo, 'record' | 'onChange'>;
  leads: Pick<LeadsRepo, 'get' | 'update'>;
  audit: Pick<AuditLog, 'record' | 'mirror'>;
  /** the one send path: `send.message` */
  send(key: string, draft: SendDraft): Promise<Result<SendOutcome>>;
  /** shared by every window, so two never send the same due messages at once */
  lock: Lock;
  now?: () => number;
  /** a run that failed as a whole (the database, not a send) is tried again this much later */
  troubleRetryMs?: number;
}

/** What became of a "Send now", for the Outbox's toast. */
export type SendNowResult = ScheduledFate | { next: 'gone' };

/**
 * Scheduled messages go out through the one send path when they are due, each with its stored key (the same
 * key every attempt, so main's journal refuses a second delivery). It runs at start, then wakes at the next
 * due time (or after MAX_SLEEP_MS), and again whenever this window writes a message. Every run holds a lock
 * shared by all windows and reads each message afresh from storage before sending it, so a message another
 * window sent or cancelled is not sent again, nor even asked for.
 */
export function createScheduledSender(deps: ScheduledSenderDeps) {
  const now = deps.now ?? Date.now;
  const troubleRetryMs = deps.troubleRetryMs ?? 60_000;
  const { store, lock } = deps;

  async function apply(doc: MessageDoc, fate: ScheduledFate): Promise<void> {
    const attempt = (outcome: SendOutcome) =>
      deps.messages.record({
        key: doc.id,
        leadId: doc.leadId,
        mailboxId: doc.mailboxId,
        subject: doc.subject,
        outcome,
      });
    switch (fate.next) {
      case 'sent':
        if (fate.outcome.status === 'duplicate') await store.settle(doc.id, 'sent');
        else await attempt(fate.outcome);
        await markContacted(doc.leadId);
        return;
      case 'rescheduled':
        return store.reschedule(doc.id, fate.at, gateReasons(fate.outcome));
      case 'stopped':
        if (fate.outcome.status === 'duplicate') return store.settle(doc.id, 'failed');
        await attempt(fate.outcome);
        return;
      case 'held':
        if (fate.outcome.status === 'duplicate') return store.settle(doc.id, 'sending');
        await attempt(fate.outcome);
        return;
      case 'retry':
        return store.reschedule(doc.id, fate.at, doc.reasons);
      case 'refused':
        return store.settle(doc.id, 'failed', [{ code: fate.code, message: fate.problem }]);
    }
  }

  async function markContacted(leadId: string): Promise<void> {
    const lead = await deps.leads.get(leadId).catch(() => null);
    if (lead?.status === 'new') await deps.leads.update(leadId, { status: 'contacted' }).catch(() => {});
  }

  /** One attempt of a message read afresh under the lock; null when it is no longer scheduled. */
  async function attempt(id: string, dueBy?: number): Promise<ScheduledFate | null> {
    const doc = await store.fresh(id);
    if (doc?.status !== 'scheduled') return null;
    if (dueBy !== undefined && doc.scheduledAt > dueBy) return null;
    const draft = draftOf(doc);
    const fate: ScheduledFate = draft
      ? fateOf(inWords(await deps.send(doc.id, draft)), now())
      : { next: 'refused', code: 'internal', problem: 'The scheduled email was stored without its text.' };
    await apply(doc, fate);
    void deps.audit.mirror();
    return fate;
  }

  /** Sends what is due now; true when a whole batch was due (more may be waiting). */
  function runDue(): Promise<boolean> {
    return lock(async () => {
      const at = now();
      const due = await store.due(at);
      for (const doc of due) await attempt(doc.id, at);
      return due.length >= DUE_BATCH;
    });
  }

  const loop = wakeLoop(async () => ((await runDue()) ? 0 : wakeDelay(await store.nextDueAt(), now())), {
    troubleMs: troubleRetryMs,
    what: 'Scheduled sends',
  });

  /** After a write in this window (a new schedule, a send): wake for the soonest message again. */
  async function rearm(): Promise<void> {
    if (loop.stopped) return;
    try {
      loop.arm(wakeDelay(await store.nextDueAt(), now()));
    } catch {
      loop.arm(troubleRetryMs);
    }
  }

  return {
    /** Starts the runs (the first at once); the returned stop waits for a run under way. */
    start(): () => Promise<void> {
      if (!loop.stopped) return async () => {};
      const stop = loop.start();
      const off = deps.messages.onChange(() => void rearm());
      return async () => {
        off();
        await stop();
      };
    },

    /** One run now (tests): sends what is due. */
    runDue,

    /** Scheduled messages, soonest first, for the Outbox (read from storage: fresh across windows). */
    list: store.list,

    /** Calls `listener` after each run (the Outbox re-reads then); returns how to stop. */
    onRun: loop.onRun,

    /** Keeps a one-off the cap or send window holds, to go out at `at`; audited. */
    async schedule(request: Parameters<ScheduledMessages['schedule']>[0]): Promise<MessageDoc> {
      const doc = await store.schedule(request);
      await deps.audit.record('outbox.scheduled', {
        key: request.key,
        mailboxId: request.draft.mailboxId,
        sendAt: request.at,
        waitsFor: request.reasons
          .map((r) => r.code)
          .filter((c) => c === 'daily-cap-reached' || c === 'outside-send-window')
          .join(' '),
      });
      return doc;
    },

    /** The rep's "Send now": through the gate like any send, which may hold it again. */
    sendNow(id: string): Promise<SendNowResult> {
      return lock(async () => (await attempt(id)) ?? { next: 'gone' });
    },

    /** The rep's "Cancel": false when it had already gone out or been cancelled (in another window). */
    cancel(id: string): Promise<boolean> {
      return lock(async () => {
        const doc = await store.fresh(id);
        if (doc?.status !== 'scheduled') return false;
        await store.remove(id);
        await deps.audit.record('outbox.cancelled', { key: doc.id, mailboxId: doc.mailboxId });
        return true;
      });
    },
  };
}

/** A refusal from main in the rep's words (the Outbox and the toast show it; the code stays beside it). */
function inWords(answer: Result<SendOutcome>): Result<SendOutcome> {
  if (answer.ok) return answer;
  return { ok: false, error: { code: answer.error.code, message: bridgeProblem(answer.error).text } };
}

function gateReasons(outcome: SendOutcome): Reason[] {
  return outcome.status === 'duplicate' ? [] : outcome.gate.reasons;
}

export type ScheduledSender = ReturnType<typeof createScheduledSender>;
