/**
 * The planner's input from what the renderer holds, pure: the due enrollments (read through the index),
 * their sequences and leads' zones, and each mailbox's cap, today's count and breaker as main reports them
 * (`mailboxes.health`, as the Mailboxes screen shows it).
 */
import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import type {
  DueEnrollment,
  MailboxState,
  PlanInput,
  PlanMailbox,
  PlanSequence,
} from '../../../shared/sequences/types';
import type { EnrollmentDoc, SequenceDoc } from '../db/schemas/outreach';
import { scheduleOf } from './step-message';

/** What the engine counts itself, per day of the rep: sends per sequence, and each mailbox's last send. */
export interface EngineDay {
  /** the rep's local date, YYYY-MM-DD */
  day: string;
  bySequence: Record<string, number>;
  lastSentAt: Record<string, number>;
}

export interface PlanFacts {
  now: number;
  horizonMs: number;
  due: readonly EnrollmentDoc[];
  sequences: ReadonlyMap<string, SequenceDoc>;
  leadZones: ReadonlyMap<string, string>;
  mailboxes: readonly MailboxInfo[];
  health: readonly MailboxHealthInfo[];
  engineDay: EngineDay;
  repTimeZone: string;
  jitterSeed: number | null;
}

/** The rep's local date of `at` (for the day's counters). */
export function localDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Today's counters: yesterday's per-sequence counts start again at 0; last sends are kept. */
export function engineDayFor(stored: EngineDay | null, now: number, timeZone: string): EngineDay {
  const day = localDay(now, timeZone);
  if (stored?.day === day) return stored;
  return { day, bySequence: {}, lastSentAt: stored?.lastSentAt ?? {} };
}

/**
 * What the planner makes of a mailbox: not reported by main is disconnected; the rep's own pause comes before
 * the breaker (only the rep's Resume ends it either way, and theirs is the one they chose).
 */
export function mailboxStateOf(m: MailboxInfo, h: MailboxHealthInfo | undefined): MailboxState {
  if (!h) return 'disconnected';
  if (m.pausedAt !== undefined) return 'paused';
  return h.breaker.state === 'paused' ? 'breaker' : 'ready';
}

export function planInputOf(facts: PlanFacts): PlanInput {
  const due: DueEnrollment[] = facts.due.map((e) => ({
    id: e.id,
    leadId: e.leadId,
    sequenceId: e.sequenceId,
    step: e.step,
    nextSendAt: e.nextSendAt,
    mailboxId: e.mailboxId,
    leadTimeZone: facts.leadZones.get(e.leadId) || null,
    isFollowUp: e.step > 0,
  }));
  const sequences = new Map<string, PlanSequence>();
  for (const [id, s] of facts.sequences)
    sequences.set(id, {
      id,
      steps: s.steps.map((step) => ({ delayDays: step.delayBusinessDays })),
      schedule: scheduleOf(s.schedule),
      dailyLimit: s.dailyLimit > 0 ? s.dailyLimit : null,
      sentToday: facts.engineDay.bySequence[id] ?? 0,
      paused: s.status !== 'active',
    });
  const health = new Map(facts.health.map((h) => [h.id, h]));
  const mailboxes = new Map<string, PlanMailbox>();
  for (const m of facts.mailboxes) {
    const h = health.get(m.id);
    const lastSentAt = facts.engineDay.lastSentAt[m.id];
    mailboxes.set(m.id, {
      id: m.id,
      timeZone: facts.repTimeZone,
      capToday: h?.cap.cap ?? 0,
      sentToday: h?.sentToday ?? 0,
      ...(lastSentAt !== undefined ? { lastSentAt } : {}),
      state: mailboxStateOf(m, h),
    });
  }
  return {
    now: facts.now,
    horizonMs: facts.horizonMs,
    due,
    sequences,
    mailboxes,
    repTimeZone: facts.repTimeZone,
    jitterSeed: facts.jitterSeed,
  };
}
