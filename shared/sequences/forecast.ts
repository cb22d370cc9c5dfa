/**
 * The forecast: the planner on a simulated clock, a day (up to the next midnight of any mailbox or of the rep)
 * at a time, with no jitter, so it shows the earliest deterministic times and the same answer every time it
 * is opened. It counts sends per mailbox per day, flags days whose load did not fit (leads pushed to a later
 * day by a cap, a sequence limit or a window too short for the pace), and says when the last lead gets its
 * last step, and whether the caps stretch a sequence past when its delays alone would end it.
 */

import { SimulatedWorld, type WorldInput } from './simulation';
import type { PlanNotice, TickPlan, WaitReason } from './types';
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
  /**
   * Per sequence: the day its last lead gets its last step, with the caps and limits and without them (what the
   * rep expects from the delays alone); `stretched` when the caps push it later: the screen warns.
   */
  sequences: {
    sequenceId: string;
    lastStepDate: string | null;
    withoutCaps: string | null;
    stretched: boolean;
  }[];
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
  const notices = new Map<string, PlanNotice>();
  const run = simulate(input, end, (plan, now, world) => {
    for (const send of plan.sends) {
      const day = dayAt(send.at);
      if (!day) continue;
      day.perMailbox[send.mailboxId] = (day.perMailbox[send.mailboxId] ?? 0) + 1;
      day.total++;
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
  });
  const unlimited = simulate(withoutLimits(input), end, () => {});
  const dateOf = (at: number | null) => (at === null ? null : isoDate(repClock.dayOf(at).day));
  const sequences = [...input.sequences.keys()].map((sequenceId) => {
    const lastStepDate = dateOf(run.lastStepAt(sequenceId));
    const withoutCaps = dateOf(unlimited.lastStepAt(sequenceId));
    const stretched = withoutCaps !== null && (lastStepDate === null || lastStepDate > withoutCaps);
    return { sequenceId, lastStepDate, withoutCaps, stretched };
  });
  return {
    days,
    lastStepDate: dateOf(run.lastStepAt(null)),
    unfinished: run.world.enrollments.filter((e) => e.active && !e.parked).length,
    stuck: run.world.enrollments.filter((e) => e.active && e.parked).length,
    sequences,
    notices: [...notices.values()],
  };
}

interface Simulated {
  world: SimulatedWorld;
  /** when the last lead (of a sequence, or of all with null) got its last step; null while some have steps left */
  lastStepAt(sequenceId: string | null): number | null;
}

/** The planner from one midnight (any mailbox's or the rep's) to the next, no jitter, until `end`. */
function simulate(
  input: ForecastInput,
  end: number,
  onPlan: (plan: TickPlan, now: number, world: SimulatedWorld) => void,
): Simulated {
  const world = new SimulatedWorld(input, input.now);
  const lastSend = new Map<string, number>();
  for (let now = input.now; now < end; ) {
    const boundary = Math.min(world.nextDayBoundary(now), end);
    const plan = world.step(now, boundary - now, null);
    for (const send of plan.sends) {
      if (!send.next)
        lastSend.set(send.sequenceId, Math.max(lastSend.get(send.sequenceId) ?? send.at, send.at));
    }
    onPlan(plan, now, world);
    now = boundary;
  }
  const going = new Set(world.enrollments.filter((e) => e.active && !e.parked).map((e) => e.sequenceId));
  return {
    world,
    lastStepAt(sequenceId) {
      if (sequenceId !== null) return going.has(sequenceId) ? null : (lastSend.get(sequenceId) ?? null);
      if (going.size || !lastSend.size) return null;
      return Math.max(...lastSend.values());
    },
  };
}

/** The same enrollments with no cap and no daily limit: when the rep would expect each sequence to finish. */
function withoutLimits(input: ForecastInput): ForecastInput {
  const mailboxes = new Map(
    [...input.mailboxes].map(([id, m]) => [id, { ...m, capToday: Number.MAX_SAFE_INTEGER, sentToday: 0 }]),
  );
  const sequences = new Map([...input.sequences].map(([id, s]) => [id, { ...s, dailyLimit: null }]));
  return { ...input, mailboxes, sequences };
}
