import { heldUntilResumed } from '../compliance/waiting';
import type { ErrorCode, Result } from '../ipc/result';
import type { SendOutcome } from '../ipc/send';

/**
 * The rules of scheduled sends, pure: which messages are due, how long the scheduler sleeps, and what an
 * attempt's outcome makes of a scheduled message. The renderer's scheduler (renderer/src/scheduler) applies
 * them; the sequence runner is to reuse them.
 */

/**
 * The longest the scheduler sleeps even when nothing is due sooner: another window may have scheduled one
 * (windows do not share change feeds), and a laptop's sleep can delay a timer.
 */
export const MAX_SLEEP_MS = 15 * 60_000;
/** A failure the bridge may recover from (main restarting, a dropped socket): try again this much later. */
export const BRIDGE_RETRY_MS = 5 * 60_000;
/** Due messages sent in one run; the next run starts at once when more are due. */
export const DUE_BATCH = 20;

const SOONEST_FIRST: { [field: string]: 'asc' }[] = [{ status: 'asc' }, { scheduledAt: 'asc' }];

/** The query for due scheduled messages, soonest first, through ['status', 'scheduledAt']: never a scan. */
export function dueQuery(now: number, limit = DUE_BATCH) {
  return {
    selector: { status: 'scheduled' as const, scheduledAt: { $lte: now } },
    index: ['status', 'scheduledAt'],
    sort: SOONEST_FIRST,
    limit,
  };
}

/** The query for the soonest scheduled message, due or not: when the scheduler wakes next. */
export function nextDueQuery() {
  return {
    selector: { status: 'scheduled' as const, scheduledAt: { $gte: 0 } },
    index: ['status', 'scheduledAt'],
    sort: SOONEST_FIRST,
    limit: 1,
  };
}

/** How long to sleep until the soonest scheduled message (null: none), within [0, maxSleep]. */
export function wakeDelay(nextDueAt: number | null, now: number, maxSleepMs = MAX_SLEEP_MS): number {
  if (nextDueAt === null) return maxSleepMs;
  return Math.min(Math.max(0, nextDueAt - now), maxSleepMs);
}

/** What an attempt makes of a scheduled message. */
export type ScheduledFate =
  /** gone out: the Outbox lists it as sent (the draft is dropped) */
  | { next: 'sent'; outcome: SendOutcome }
  /** held again only by the daily cap, the send window or a mailbox the rep paused: stays scheduled, for the gate's new time */
  | { next: 'rescheduled'; at: number; outcome: SendOutcome }
  /** blocked by something the rep must fix, or failed: booked as such (the draft is dropped) */
  | { next: 'stopped'; outcome: SendOutcome }
  /** its fate is unknown: main holds it for the rep, never sent again on its own */
  | { next: 'held'; outcome: SendOutcome }
  /** main could not be asked: stays scheduled and is tried again later */
  | { next: 'retry'; at: number; problem: string }
  /** main refused the request for good (a disconnected mailbox), or there was nothing to send: stopped, with the reason */
  | { next: 'refused'; code: ErrorCode; problem: string };

/** The bridge's refusals that no later try can change (main's own failures, not a send's: those are outcomes). */
const FINAL_BRIDGE_ERRORS = [
  'not-found',
  'invalid-input',
  'forbidden',
  'unknown-channel',
] as const satisfies readonly ErrorCode[];
const isFinal = (code: ErrorCode) => (FINAL_BRIDGE_ERRORS as readonly ErrorCode[]).includes(code);

export function fateOf(answer: Result<SendOutcome>, now: number): ScheduledFate {
  if (!answer.ok) {
    const { code, message } = answer.error;
    return isFinal(code)
      ? { next: 'refused', code, problem: message }
      : { next: 'retry', at: now + BRIDGE_RETRY_MS, problem: message };
  }
  const outcome = answer.value;
  switch (outcome.status) {
    case 'sent':
      return { next: 'sent', outcome };
    case 'blocked':
      if (outcome.gate.scheduleAt !== undefined)
        return { next: 'rescheduled', at: outcome.gate.scheduleAt, outcome };
      // a mailbox the rep paused holds the email, tried again until they resume it: not a failure
      if (outcome.retryAt !== undefined && heldUntilResumed(outcome.gate.reasons))
        return { next: 'rescheduled', at: outcome.retryAt, outcome };
      return { next: 'stopped', outcome };
    case 'failed':
      return { next: 'stopped', outcome };
    case 'unknown':
      return { next: 'held', outcome };
    case 'duplicate':
      // another window (or a run cut short) sent this key already; main's journal says what became of it
      return outcome.state === 'failed'
        ? { next: 'stopped', outcome }
        : outcome.state === 'sent'
          ? { next: 'sent', outcome }
          : { next: 'held', outcome };
  }
}
