/**
 * The forecast: the planner on a simulated clock, a day (up to the next midnight of any mailbox or of the rep)
 * at a time, with no jitter, so it shows the earliest deterministic times and the same answer every time it
 * is opened. It counts sends per mailbox per day, flags days whose load did not fit (leads pushed to a later
 * day by a cap, a sequence limit or a window too short for the pace), and says when the last lead gets its
 * last step.
 */

import { SimulatedWorld, type WorldInput } from './simulation';
import type { PlanNotice, WaitReason } from './types';
import { isoDate, zoneClock } from './zone-clock';

export interface ForecastInput extends WorldInput {
  now: number;
  /** days to look ahead, today included (14 by default) */
  days?: number;
}

export interface ForecastDay {
  /** the rep's local date, "2026-03-09" */
  date: string;
  /** sends per mailbox id (only mailboxes that send that day) */
  perMailbox: Record<string, number>;
  total: number;
  /** mailboxes (or, for a sequence's limit, sequence ids) that could not hold the day's load */
  short: string[];
  /** enrollments pushed from this day to a later one for lack of room */
  carriedOver: number;
}

export interface Forecast {
  days: ForecastDay[];
  /** the rep's date the last lead gets its last step; null when some are still going after the last day */
  lastStepDate: string | null;
  /** enrollments with steps left after the last day */
  unfinished: number;
  /** enrollments that wait for the rep (a gone mailbox, a paused sequence, a schedule without send days) */
  stuck: number;
  notices: PlanNotice[];
}

/** Waits that mean the day was too short for its load. */
const OVERLOAD: ReadonlySet<WaitReason> = new Set([
  'mailbox-at-cap',
  'mailbox-day-full',
  'mailbox-busy',
  'sequence-daily-limit',
]);

export function forecast(input: ForecastInput): Forecast {
  const dayCount = Math.max(1, Math.floor(input.days ?? 14));
  const repClock = zoneClock(input.repTimeZone) ?? zoneClock('UTC')!;
  const firstDay = repClock.dayOf(input.now).day;
  const end = repClock.instantOf(firstDay + dayCount, 0);
  const days: ForecastDay[] = Array.from({ length: dayCount }, (_, i) => ({
    date: isoDate(firstDay + i),
    perMailbox: {},
    total: 0,
    short: [],
    carriedOver: 0,
  }));
  const dayAt = (at: number) => days[repClock.dayOf(at).day - firstDay];
  const world = new SimulatedWorld(input, input.now);
  const notices = new Map<string, PlanNotice>();
  let lastStepAt = Number.NEGATIVE_INFINITY;
  for (let now = input.now; now < end; ) {
    const boundary = Math.min(world.nextDayBoundary(now), end);
    const plan = world.step(now, boundary - now, null);
    for (const send of plan.sends) {
      const day = dayAt(send.at);
      if (day) {
        day.perMailbox[send.mailboxId] = (day.perMailbox[send.mailboxId] ?? 0) + 1;
        day.total++;
      }
      if (!send.next) lastStepAt = Math.max(lastStepAt, send.at);
    }
    const today = dayAt(now);
    for (const wait of plan.waits) {
      if (!today || !OVERLOAD.has(wait.reason)) continue;
      today.carriedOver++;
      const e = world.enrollment(wait.enrollmentId);
      const who = wait.reason === 'sequence-daily-limit' ? e?.sequenceId : e?.mailboxId;
      if (who && !today.short.includes(who)) today.short.push(who);
    }
    for (const n of plan.notices) notices.set(`${n.code}:${n.subjectId}`, n);
    now = boundary;
  }
  const unfinished = world.enrollments.filter((e) => e.active && !e.parked).length;
  return {
    days,
    lastStepDate:
      unfinished === 0 && Number.isFinite(lastStepAt) ? isoDate(repClock.dayOf(lastStepAt).day) : null,
    unfinished,
    stuck: world.enrollments.filter((e) => e.active && e.parked).length,
    notices: [...notices.values()],
  };
}
