/**
 * A sequence's calendar: which local days are send days (weekdays minus public holidays), when the send
 * window opens and closes on them in a given zone, and business-day delays between steps. All times are
 * worked out per local day in the zone, so 09:00 stays 09:00 across a DST change.
 */
import type { SendWindow as GateSendWindow } from '../compliance/limits';
import { type HolidayCalendar, holidayCalendar } from './holidays';
import { type EpochDay, weekdayOf, type ZoneClock } from './zone-clock';

export interface SendWindow {
  /** minutes after local midnight the window opens (540 = 09:00) */
  startMinute: number;
  /** minutes after local midnight it closes, exclusive (1020 = 17:00); at most 1440 */
  endMinute: number;
}

export interface Schedule {
  /** weekdays sends may go, 0 = Sunday … 6 = Saturday (as the gate's `SendWindow.days`) */
  sendDays: readonly number[];
  window: SendWindow;
  /** ISO 3166 country (optionally "-STATE") whose public holidays are skipped; null for none */
  holidaysCountry: string | null;
}

export const DEFAULT_SCHEDULE: Schedule = {
  sendDays: [1, 2, 3, 4, 5],
  window: { startMinute: 9 * 60, endMinute: 17 * 60 },
  holidaysCountry: null,
};

/** A schedule with its holiday calendar looked up once. */
export interface Calendar {
  schedule: Schedule;
  /** a bitmask of send weekdays */
  dayMask: number;
  holidays: HolidayCalendar | null;
  /** set when `holidaysCountry` names a country date-holidays does not know (no holiday is skipped) */
  unknownCountry?: string;
  /** openings worked out per zone and start: a tick asks "from now" for thousands of leads in a few zones */
  openings: Map<ZoneClock, Map<number, Opening | null>>;
}

export function calendarFor(schedule: Schedule): Calendar {
  let dayMask = 0;
  for (const d of schedule.sendDays) if (Number.isInteger(d) && d >= 0 && d <= 6) dayMask |= 1 << d;
  const country = schedule.holidaysCountry?.trim();
  const holidays = country ? holidayCalendar(country) : null;
  return {
    schedule,
    dayMask,
    holidays,
    ...(country && !holidays ? { unknownCountry: country } : {}),
    openings: new Map(),
  };
}

/** Why a day is not a send day. */
export type DayClosed = 'not-a-send-day' | 'public-holiday';

export function dayClosed(day: EpochDay, calendar: Calendar): DayClosed | undefined {
  if (!(calendar.dayMask & (1 << weekdayOf(day)))) return 'not-a-send-day';
  if (calendar.holidays?.holidayOn(day) !== undefined) return 'public-holiday';
  return undefined;
}

/** Why the earliest send time is later than asked. */
export type Deferral = 'outside-window' | DayClosed;

export interface Opening {
  /** the earliest instant ≥ the asked time inside a window */
  at: number;
  /** when that window closes */
  closesAt: number;
  /** the local day of that window */
  day: EpochDay;
  /** set when `at` is later than asked, with the reason for the first closed step on the way */
  deferred?: Deferral;
}

/** How far ahead a window is looked for (a year of holidays and weekends is far less). */
const SEARCH_DAYS = 400;

/**
 * The first moment at or after `from` inside a send window, in the clock's zone; null when the schedule has
 * no send day (no weekday chosen, an empty window).
 */
export function nextOpening(from: number, clock: ZoneClock, calendar: Calendar): Opening | null {
  let known = calendar.openings.get(clock);
  if (!known) {
    known = new Map();
    calendar.openings.set(clock, known);
  }
  const hit = known.get(from);
  if (hit !== undefined) return hit;
  const opening = searchOpening(from, clock, calendar);
  if (known.size > 5000) known.clear();
  known.set(from, opening);
  return opening;
}

function searchOpening(from: number, clock: ZoneClock, calendar: Calendar): Opening | null {
  const { startMinute, endMinute } = calendar.schedule.window;
  if (!calendar.dayMask || !(startMinute < endMinute) || startMinute < 0 || endMinute > 1440) return null;
  let day = clock.dayOf(from).day;
  let deferred: Deferral | undefined;
  for (let ahead = 0; ahead < SEARCH_DAYS; ahead++, day++) {
    const closed = dayClosed(day, calendar);
    if (closed) {
      deferred ??= closed;
      continue;
    }
    const closesAt = clock.instantOf(day, endMinute);
    if (closesAt <= from) {
      deferred ??= 'outside-window';
      continue;
    }
    const opensAt = clock.instantOf(day, startMinute);
    if (opensAt > from) deferred ??= 'outside-window';
    const opening: Opening = { at: Math.max(opensAt, from), closesAt, day };
    if (deferred) opening.deferred = deferred;
    return opening;
  }
  return null;
}

/** The local day `count` business days after `day` (send days that are not holidays); null if none. */
export function addBusinessDays(day: EpochDay, count: number, calendar: Calendar): EpochDay | null {
  if (!calendar.dayMask) return null;
  let left = Math.max(0, Math.floor(count));
  let current = day;
  for (let guard = 0; left > 0 && guard < SEARCH_DAYS * 4; guard++) {
    current++;
    if (!dayClosed(current, calendar)) left--;
  }
  return left === 0 ? current : null;
}

/**
 * When a step with a delay of `delayDays` business days becomes due after the previous step went at `sentAt`:
 * the window's opening on that business day in the lead's zone. A delay of 0 is due at once (the window still
 * applies when it is planned).
 */
export function dueAfterDelay(
  sentAt: number,
  delayDays: number,
  clock: ZoneClock,
  calendar: Calendar,
): number | null {
  if (!(delayDays > 0)) return sentAt;
  const day = addBusinessDays(clock.dayOf(sentAt).day, delayDays, calendar);
  return day === null ? null : clock.instantOf(day, calendar.schedule.window.startMinute);
}

/**
 * The gate's send window (whole hours) for a schedule: the hours that contain the schedule's window, on its send
 * days. The planner is the stricter of the two (minutes, holidays), so the gate never refuses a planned send
 * for its window, yet still checks it at the actual send time.
 */
export function gateWindowOf(schedule: Schedule): GateSendWindow {
  const { startMinute, endMinute } = schedule.window;
  return {
    startHour: Math.max(0, Math.floor(startMinute / 60)),
    endHour: Math.min(24, Math.ceil(endMinute / 60)),
    days: [...schedule.sendDays].sort((a, b) => a - b),
  };
}
