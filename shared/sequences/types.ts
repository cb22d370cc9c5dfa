/**
 * What the sequence planner takes and gives. The runner reads due enrollments through the `[status,
 * nextSendAt]` index and the mailboxes' counters, calls `planTick`, sends what it returns through the gate
 * (key `enrollmentId:step`) and writes each enrollment's next time.
 */
import type { Schedule } from './calendar';

export interface PlanStep {
  /** business days after the previous step (ignored for the first step, due when enrolled) */
  delayDays: number;
}

export interface PlanSequence {
  id: string;
  steps: readonly PlanStep[];
  schedule: Schedule;
  /** sends a day for the whole sequence, over all its mailboxes; null for no limit */
  dailyLimit: number | null;
  /** sends of this sequence so far today (the rep's day, `PlanInput.repTimeZone`) */
  sentToday: number;
  paused?: boolean;
}

export interface DueEnrollment {
  id: string;
  leadId: string;
  sequenceId: string;
  /** the index of the step to send next */
  step: number;
  nextSendAt: number;
  /** the mailbox given at enrollment; every step goes from it (one thread, one sender) */
  mailboxId: string;
  /** the lead's IANA zone, or null/'' (the mailbox's zone is used) */
  leadTimeZone?: string | null;
  /** a later step of a sequence the lead has already had mail from: goes before first touches */
  isFollowUp: boolean;
}

export type MailboxState = 'ready' | 'paused' | 'breaker' | 'disconnected';

export interface PlanMailbox {
  id: string;
  /** the mailbox's IANA zone: its day (for the cap) and the window of leads without a zone */
  timeZone: string;
  /** today's cap (ramp-up, team cap, ceiling: `mailboxCapToday`) */
  capToday: number;
  /** sends counted today, unknown outcomes included */
  sentToday: number;
  /** its last send, for the gap to the next one */
  lastSentAt?: number;
  state: MailboxState;
  /** when a paused or breaker state is known to end */
  resumesAt?: number;
}

export interface Pacing {
  /** the least time between two sends of one mailbox */
  minGapMs: number;
  /** the random part added to every gap: uniform in [0, jitterMs) */
  jitterMs: number;
  /** how soon leads held by a paused, tripped or disconnected mailbox are looked at again */
  recheckMs: number;
}

/** Several minutes plus a random part, as cold-email tools space sends (never a burst). */
export const DEFAULT_PACING: Pacing = { minGapMs: 4 * 60_000, jitterMs: 3 * 60_000, recheckMs: 15 * 60_000 };

export interface PlanInput {
  now: number;
  /** plan sends with `at` in [now, now + horizonMs): the tick length for the runner, a day for the forecast */
  horizonMs: number;
  /** active enrollments with `nextSendAt < now + horizonMs`, in index order */
  due: readonly DueEnrollment[];
  sequences: ReadonlyMap<string, PlanSequence>;
  mailboxes: ReadonlyMap<string, PlanMailbox>;
  /** the rep's zone: the day of each sequence's daily limit */
  repTimeZone: string;
  pacing?: Pacing;
  /** seed of the jitter; null for none (the forecast's earliest deterministic times) */
  jitterSeed: number | null;
}

/** Why a due enrollment is not sent this tick: a closed list the UI words. */
export const WAIT_REASONS = [
  'pacing',
  'outside-window',
  'not-a-send-day',
  'public-holiday',
  'mailbox-at-cap',
  /** the mailbox's sends left today are taken by leads ahead (follow-ups, longer waiting) */
  'mailbox-day-full',
  'mailbox-busy',
  'sequence-daily-limit',
  'mailbox-paused',
  'mailbox-breaker',
  'mailbox-disconnected',
  'mailbox-gone',
  'sequence-paused',
  'no-send-days',
] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

export interface PlannedSend {
  /** the idempotency key for `send.message`: `enrollmentId:step` */
  key: string;
  enrollmentId: string;
  leadId: string;
  sequenceId: string;
  step: number;
  mailboxId: string;
  at: number;
  /** the zone the window was judged in */
  timeZone: string;
  /** the next step and when it is due if this one is sent at `at`; null when this is the last step */
  next: { step: number; dueAt: number } | null;
}

export interface PlannedWait {
  enrollmentId: string;
  reason: WaitReason;
  /** the earliest time worth looking again (the next `nextSendAt`); null: only a change to the schedule helps */
  until: number | null;
}

export type NoticeCode = 'unknown-lead-time-zone' | 'unknown-mailbox-time-zone' | 'unknown-holiday-country';

/** Something the planner worked around and the UI should say. */
export interface PlanNotice {
  code: NoticeCode;
  /** the enrollment (zones) or the sequence (holiday country) it concerns */
  subjectId: string;
  /** the text that was not understood */
  value: string;
}

export interface TickPlan {
  sends: PlannedSend[];
  waits: PlannedWait[];
  /** enrollments past their sequence's last step (steps were removed): finished, nothing to send */
  finished: string[];
  notices: PlanNotice[];
}

export const sendKey = (enrollmentId: string, step: number): string => `${enrollmentId}:${step}`;
