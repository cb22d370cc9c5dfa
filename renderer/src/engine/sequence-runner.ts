import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { Result } from '../../../shared/ipc/result';
import type { SendDraft, SendOutcome } from '../../../shared/ipc/send';
import { wakeDelay } from '../../../shared/outbox/scheduled-sends';
import { planTick } from '../../../shared/sequences/planner';
import type { SenderFields } from '../../../shared/sequences/templates/scope';
import type { SentStep } from '../../../shared/sequences/templates/threading';
import { type PlannedSend, sendKey } from '../../../shared/sequences/types';
import type { CompanyStop } from '../db/company-stop';
import type { EnrollmentsRepo } from '../db/enrollments-repo';
import type { LeadsRepo } from '../db/leads-repo';
import type { MessagesRepo } from '../db/messages-repo';
import type { LeadDoc } from '../db/schemas/leads';
import type { EnrollmentDoc, SequenceDoc } from '../db/schemas/outreach';
import type { SequencesRepo } from '../db/sequences-repo';
import { type LoopTimers, wakeLoop } from '../scheduler/wake-loop';
import type { Lock } from '../scheduler/window-lock';
import { type EngineDay, engineDayFor, planInputOf } from './plan-input';
import { senderFields, startsThread, stepMessage } from './step-message';
import { type StepTransition, transitionOf } from './step-outcome';

export interface SequenceRunnerDeps {
  enrollments: EnrollmentsRepo;
  sequences: Pick<SequencesRepo, 'get'>;
  leads: Pick<LeadsRepo, 'get' | 'getMany' | 'update'>;
  messages: Pick<MessagesRepo, 'record' | 'bookSent' | 'byKeys'>;
  /** the one send path: `send.message` */
  send(key: string, draft: SendDraft): Promise<Result<SendOutcome>>;
  mailboxes(): Promise<{ list: MailboxInfo[]; health: MailboxHealthInfo[] }>;
  /** the rep's company, for `sender.company` */
  company(): Promise<string>;
  /** applies what main's inbox watcher found (a reply stops the lead) right before a send */
  beforeSend?(): Promise<unknown>;
  /** main's "Pause all sending": while it is on, a run sends nothing and the engine sleeps until woken */
  sendingPaused?(): Promise<boolean>;
  /** a sequence's company stop: has someone at the lead's company replied to it (checked right before a send) */
  companyStop?: Pick<CompanyStop, 'replied'>;
  /** the engine's own counters, kept across reloads */
  day: { load(): Promise<EngineDay | null>; save(day: EngineDay): Promise<void> };
  lock: Lock;
  now?: () => number;
  repTimeZone?: string;
  jitterSeed?: number | null;
  /** the wake-up timers (tests give a simulated clock's) */
  timers?: LoopTimers;
}

/** How far ahead a run plans: it sends what is due now and wakes for the next planned time. */
export const HORIZON_MS = 15 * 60_000;
/** A wait with no end (a paused sequence, a mailbox gone) is looked at again this much later. */
export const PARK_MS = 60 * 60_000;

/** What a run did, for tests and the next wake-up. */
export interface RunReport {
  sent: number;
  nextAt: number | null;
  /** the due times this run read (its `now` plus the horizon): a due time past it is news to the next run */
  seenUntil: number;
  /** main's "Pause all sending" was on: nothing was sent, and a wake-up (Resume) starts the next run */
  paused?: boolean;
}

const STOPPING_STATUS: Record<string, string> = {
  replied: 'replied',
  bounced: 'bounced',
  'opted-out': 'opted-out',
};

/**
 * The sequence engine: reads due enrollments through ['status', 'nextSendAt'], plans the tick with the pure
 * planner, and at each planned time checks again that the lead may still be written to, renders the step,
 * sends it through the gate with the key `enrollmentId:step` and moves the enrollment on by the answer.
 * Every run holds a lock shared by all windows; main's journal refuses a key sent before, so a run cut short
 * (a crash, a reload) never sends a step twice: the answer "duplicate, sent" is booked as sent.
 */
export function createSequenceRunner(deps: SequenceRunnerDeps) {
  const now = deps.now ?? Date.now;
  const repTimeZone = deps.repTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { enrollments } = deps;

  /** What this lead was sent by the sequence before `step`, from the messages kept under their keys. */
  async function earlierSteps(e: EnrollmentDoc, sequence: SequenceDoc, step: number): Promise<SentStep[]> {
    const shift = e.keyShift ?? 0;
    const keys = Array.from({ length: Math.max(0, step + shift) }, (_, k) => sendKey(e.id, k));
    const found = await deps.messages.byKeys(keys);
    return keys.flatMap((key, k) => {
      const doc = found.get(key);
      // a step booked sent without its Message-ID (main's journal said "sent" after a crash) cannot be quoted
      if (!doc?.messageId) return [];
      const startedThread = startsThread(sequence, Math.max(0, k - shift));
      return [{ subject: doc.subject, messageId: doc.messageId, startedThread }];
    });
  }

  async function senderOf(mailboxId: string, list: MailboxInfo[]): Promise<SenderFields> {
    const mailbox = list.find((m) => m.id === mailboxId);
    return senderFields(mailbox?.displayName ?? '', await deps.company().catch(() => ''));
  }

  /** Why this enrollment may not get its step now (checked at the send, not when planned); null: it may. */
  async function stopReasonOf(e: EnrollmentDoc): Promise<{ stop: string } | { lead: LeadDoc }> {
    const lead = await deps.leads.get(e.leadId);
    if (!lead) return { stop: 'erased' };
    if (lead.suppressed === 1) return { stop: 'suppressed' };
    const byStatus = STOPPING_STATUS[lead.status];
    return byStatus ? { stop: byStatus } : { lead };
  }

  async function apply(
    e: EnrollmentDoc,
    t: StepTransition,
    sent?: { variant: string; next: PlannedSend['next'] },
  ) {
    switch (t.next) {
      case 'advance': {
        const variants = [...e.variants];
        variants[e.step] = sent?.variant ?? variants[e.step] ?? '';
        const filled = Array.from(variants, (v) => v ?? '');
        const next = sent ? sent.next : await nextAfter(e);
        // an out-of-office applied while this step was on its way keeps its later time
        const away = next ? await awayUntil(e.id, next.dueAt) : null;
        return enrollments.patch(
          e.id,
          next
            ? {
                status: 'active',
                step: next.step,
                nextSendAt: away ?? next.dueAt,
                waitReason: away ? 'out-of-office' : '',
                variants: filled,
              }
            : { status: 'finished', waitReason: '', variants: filled },
        );
      }
      case 'wait':
        return enrollments.patch(e.id, { status: 'active', nextSendAt: t.at, waitReason: t.reason });
      case 'hold':
        return enrollments.patch(e.id, { status: 'held', nextSendAt: t.at, waitReason: 'unknown-fate' });
      case 'stop':
        return enrollments.patch(e.id, { status: 'stopped', stopReason: t.reason, waitReason: '' });
    }
  }

  /** The return time an out-of-office set on the enrollment after it was read, when later than `dueAt`. */
  async function awayUntil(id: string, dueAt: number): Promise<number | null> {
    const current = await enrollments.fresh(id);
    return current?.waitReason === 'out-of-office' && current.nextSendAt > dueAt ? current.nextSendAt : null;
  }

  /** A held step that turned out sent: its next step is due from now (the planner's rule, without jitter). */
  async function nextAfter(e: EnrollmentDoc): Promise<PlannedSend['next']> {
    const sequence = await deps.sequences.get(e.sequenceId);
    return sequence && e.step + 1 < sequence.steps.length ? { step: e.step + 1, dueAt: now() } : null;
  }

  async function stopped(e: EnrollmentDoc, reason: string): Promise<false> {
    await apply(e, { next: 'stop', reason });
    return false;
  }

  /** One step of one enrollment through the gate; the day's counters move when it went out. */
  async function sendStep(
    e: EnrollmentDoc,
    planned: Pick<PlannedSend, 'next'> | null,
    list: MailboxInfo[],
    day: EngineDay,
  ): Promise<boolean> {
    const sequence = await deps.sequences.get(e.sequenceId);
    if (!sequence) return stopped(e, 'sequence-deleted');
    const check = await stopReasonOf(e);
    if (!('lead' in check)) return stopped(e, check.stop);
    if (sequence.stopCompanyOnReply && (await deps.companyStop?.replied(check.lead, e.sequenceId)))
      return stopped(e, 'company-replied');
    const message = stepMessage({
      sequence,
      stepIndex: e.step,
      enrollmentId: e.id,
      mailboxId: e.mailboxId,
      lead: check.lead,
      sender: await senderOf(e.mailboxId, list),
      earlier: await earlierSteps(e, sequence, e.step),
    });
    if (!message.ok) return stopped(e, 'cannot-render');
    // the key's number only grows: a sequence edited under it (edit-plan.ts) shifts it past keys main holds
    const key = sendKey(e.id, e.step + (e.keyShift ?? 0));
    const answer = await deps.send(key, message.draft);
    const t = transitionOf(answer, now());
    if (answer.ok) {
      const attempt = {
        key,
        leadId: e.leadId,
        mailboxId: e.mailboxId,
        subject: message.draft.subject,
        sequence: {
          enrollmentId: e.id,
          step: e.step,
          stepId: sequence.steps[e.step]?.id ?? '',
          variant: message.variant,
        },
      };
      // "duplicate, sent": main delivered it before; booked as sent (the first record, if any, stands)
      if (answer.value.status === 'duplicate' && t.next === 'advance')
        await deps.messages.bookSent({ ...attempt, messageId: t.messageId });
      else await deps.messages.record({ ...attempt, outcome: answer.value });
    }
    await apply(e, t, planned ? { variant: message.variant, next: planned.next } : undefined);
    if (t.next !== 'advance') return false;
    day.bySequence[e.sequenceId] = (day.bySequence[e.sequenceId] ?? 0) + 1;
    day.lastSentAt[e.mailboxId] = now();
    if (check.lead.status === 'new')
      await deps.leads.update(e.leadId, { status: 'contacted' }).catch(() => {});
    return true;
  }

  /** Right before a planned send: the enrollment afresh, the inbox's news applied, the sequence running. */
  async function stillDue(planned: PlannedSend): Promise<EnrollmentDoc | null> {
    await deps.beforeSend?.().catch(() => undefined);
    const e = await enrollments.fresh(planned.enrollmentId);
    if (e?.status !== 'active' || e.step !== planned.step) return null;
    // moved on since the plan (an out-of-office the inbox just applied): it waits for its new time
    if (e.nextSendAt > now() + HORIZON_MS) return null;
    const sequence = await deps.sequences.get(e.sequenceId);
    return sequence?.status === 'active' ? e : null;
  }

  /** Held sends: main's journal is asked again under the same key (it never sends a key twice). */
  async function recheckHeld(at: number, list: MailboxInfo[], day: EngineDay): Promise<void> {
    for (const held of await enrollments.heldDue(at)) await sendStep(held, null, list, day);
  }

  const sendingPaused = () => deps.sendingPaused?.().catch(() => false) ?? Promise.resolve(false);

  async function run(): Promise<RunReport> {
    const at = now();
    // paused: no lead is asked of the gate (each would be blocked and audited); they stay due for the Resume
    if (await sendingPaused()) return { sent: 0, nextAt: null, seenUntil: at, paused: true };
    const { list, health } = await deps.mailboxes();
    const day = engineDayFor(await deps.day.load(), at, repTimeZone);
    await recheckHeld(at, list, day);
    const due = await enrollments.due(at + HORIZON_MS);
    let sent = 0;
    let nextAt: number | null = null;
    let paused = false;
    if (due.length) {
      const sequenceIds = [...new Set(due.map((e) => e.sequenceId))];
      const sequences = new Map<string, SequenceDoc>();
      for (const id of sequenceIds) {
        const s = await deps.sequences.get(id);
        if (s) sequences.set(id, s);
      }
      const leads = await deps.leads.getMany([...new Set(due.map((e) => e.leadId))]);
      const plan = planTick(
        planInputOf({
          now: at,
          horizonMs: HORIZON_MS,
          due,
          sequences,
          leadZones: new Map(leads.map((l) => [l.id, l.timezone])),
          mailboxes: list,
          health,
          engineDay: day,
          repTimeZone,
          jitterSeed: deps.jitterSeed === undefined ? hashDay(day.day) : deps.jitterSeed,
        }),
      );
      await enrollments.waitMany(
        plan.waits
          .filter((w) => w.reason !== 'pacing')
          .map((w) => ({ id: w.enrollmentId, until: w.until ?? at + PARK_MS, reason: w.reason })),
      );
      for (const id of plan.finished) await enrollments.patch(id, { status: 'finished', waitReason: '' });
      let tried = 0;
      for (const planned of [...plan.sends].sort((a, b) => a.at - b.at)) {
        if (planned.at > now() + 1_000) {
          nextAt = Math.min(nextAt ?? planned.at, planned.at);
          continue;
        }
        // paused since the run began (a run's sends take a while each): the rest stay due for the Resume
        if (tried++ > 0 && (await sendingPaused())) {
          paused = true;
          break;
        }
        const e = await stillDue(planned);
        if (e && (await sendStep(e, planned, list, day))) sent++;
      }
      // due leads pacing past this horizon (a day's sends spread over the window): look again a horizon on
      if (nextAt === null && due.length > sent) nextAt = at + HORIZON_MS;
    }
    await deps.day.save(day);
    return paused
      ? { sent, nextAt: null, seenUntil: at, paused }
      : { sent, nextAt, seenUntil: at + HORIZON_MS };
  }

  /** A step as it renders for its lead now (the timeline's "Open": the same variant, thread and text). */
  async function draftFor(enrollmentId: string, step: number): Promise<SendDraft | null> {
    const e = await enrollments.fresh(enrollmentId);
    const sequence = e ? await deps.sequences.get(e.sequenceId) : null;
    const lead = e ? await deps.leads.get(e.leadId) : null;
    if (!e || !sequence || !lead) return null;
    const { list } = await deps.mailboxes();
    const message = stepMessage({
      sequence,
      stepIndex: step,
      enrollmentId: e.id,
      mailboxId: e.mailboxId,
      lead,
      sender: await senderOf(e.mailboxId, list),
      earlier: await earlierSteps(e, sequence, step),
    });
    return message.ok ? message.draft : null;
  }

  return { ...createLoop(deps, now, () => deps.lock(run)), draftFor };
}

/** A seed per day: one day's jitter is the same on every tick and after a reload. */
function hashDay(day: string): number {
  let h = 17;
  for (let i = 0; i < day.length; i++) h = (h * 31 + day.charCodeAt(i)) | 0;
  return h >>> 0;
}

/**
 * When the next run starts, from the clock as it is when this run ends (it may have moved on meanwhile: a
 * laptop waking, a test's clock): a due time this run read and left (pacing) waits for the plan's time; a
 * due time past what it read is news, and is looked at when due, at once if the clock already passed it.
 */
export function nextRunDelay(report: RunReport, soonestDue: number | null, now: number): number {
  if (report.sent > 0) return 0;
  if (report.paused) return wakeDelay(null, now);
  const news = soonestDue !== null && (soonestDue > report.seenUntil || soonestDue > now) ? soonestDue : null;
  const next = [report.nextAt, news].filter((t): t is number => t !== null);
  return wakeDelay(next.length ? Math.min(...next) : null, now);
}

/** Runs at start, again at the next planned or due time (at most MAX_SLEEP_MS apart), and at once after sends. */
function createLoop(deps: SequenceRunnerDeps, now: () => number, runOnce: () => Promise<RunReport>) {
  const loop = wakeLoop(
    async () => {
      const report = await runOnce();
      const soonest = report.sent > 0 || report.paused ? null : await deps.enrollments.nextDueAt();
      return nextRunDelay(report, soonest, now());
    },
    { troubleMs: 60_000, what: 'Sequence sends', ...(deps.timers ? { timers: deps.timers } : {}) },
  );
  return {
    start: loop.start,
    /** One run now (tests): sends what is due. */
    runOnce,
    /** Wakes the engine now (leads enrolled or resumed, sending resumed); during a run, as that run ends. */
    wake: (): void => loop.arm(0),
    onRun: loop.onRun,
  };
}

export type SequenceRunner = ReturnType<typeof createSequenceRunner>;
