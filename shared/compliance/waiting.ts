import { checkSendWindow, type SendWindow, startOfDay } from './limits';
import { floorOf, type ReasonCode, type StepResult } from './reasons';

/**
 * Blocking reasons that time alone cures: the mailbox's daily cap (its count starts again tomorrow) and the
 * send window (it opens again). A send held only by these can be scheduled for the time the gate names;
 * any other blocking reason needs the rep, so nothing is scheduled.
 */
export const CURED_BY_WAITING: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'daily-cap-reached',
  'outside-send-window',
]);

/**
 * Blocking reasons the rep ends with a Resume (a mailbox they paused, or all sending): neither a failure nor
 * something time cures, so nothing is scheduled for a time; the send is held and tried again every
 * RESUME_RECHECK_MS, and goes once the rep resumes.
 */
export const HELD_UNTIL_RESUMED: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'mailbox-paused-by-rep',
  'sending-paused',
]);
/** How soon a send held by a paused mailbox is tried again: the planner's recheck of a paused mailbox. */
export const RESUME_RECHECK_MS = 15 * 60_000;

/** True when every blocking reason is one a Resume ends: the send waits, it has not failed. */
export function heldUntilResumed(reasons: readonly { code: string }[]): boolean {
  const blocking = reasons.filter((r) => floorOf(r.code) === 'block');
  return blocking.length > 0 && blocking.every((r) => HELD_UNTIL_RESUMED.has(r.code as ReasonCode));
}

const HOUR_MS = 3_600_000;

/**
 * When a full daily cap allows the next send: the mailbox's next day (its count restarts at midnight in the
 * mailbox's zone), at the first hour the send window is open in the lead's zone — a one-off is not held to
 * the window, but waiting for tomorrow anyway, it goes out in business hours rather than at midnight.
 */
export function capRetryAt({
  now,
  mailboxTimeZone,
  leadTimeZone,
  window,
}: {
  now: number;
  mailboxTimeZone: string;
  leadTimeZone?: string | undefined;
  window?: SendWindow | undefined;
}): number {
  // 26 hours past today's midnight is always inside the next day, whether DST made today 23 or 25 hours long.
  const tomorrow = startOfDay(startOfDay(now, mailboxTimeZone) + 26 * HOUR_MS, mailboxTimeZone);
  const opening = checkSendWindow({
    now: tomorrow,
    ...(leadTimeZone ? { timeZone: leadTimeZone } : {}),
    fallbackTimeZone: mailboxTimeZone,
    ...(window ? { window } : {}),
  });
  return opening.nextAllowedAt ?? tomorrow;
}

/**
 * The time a blocked send can be scheduled for, or undefined: set only when every blocking step is `limits`
 * and every blocking reason there is cured by waiting (a paused breaker, or a content score that blocks
 * without a blocking reason, is not).
 */
export function scheduleAtOf({
  limits,
  others,
  retryAt,
}: {
  limits: StepResult;
  others: readonly StepResult[];
  retryAt: number | undefined;
}): number | undefined {
  if (retryAt === undefined || limits.verdict !== 'block') return undefined;
  if (others.some((s) => s.verdict === 'block')) return undefined;
  const blocking = limits.reasons.filter((r) => floorOf(r.code) === 'block');
  return blocking.length > 0 && blocking.every((r) => CURED_BY_WAITING.has(r.code)) ? retryAt : undefined;
}
