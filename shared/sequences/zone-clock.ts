/**
 * Wall-clock days and times in one IANA zone, DST-correct, through the Temporal API (temporal-polyfill: Node 24
 * has no Temporal without a flag). A local date is an "epoch day": whole days since 1970-01-01 in the zone's own
 * calendar, so day arithmetic is integer arithmetic and weekdays are `(day + 4) % 7` (0 = Sunday, as the gate's
 * `SendWindow.days`). Temporal costs tens of microseconds a call, so each clock remembers the days and instants
 * it has worked out: a tick over 100,000 leads in a handful of zones makes a few dozen Temporal calls.
 */
import { Temporal } from 'temporal-polyfill';

export type EpochDay = number;

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export interface LocalDay {
  day: EpochDay;
  /** the instant the local day starts (00:00 local, or the first instant after a DST gap) */
  startsAt: number;
  /** the instant the next local day starts: 23, 24 or 25 hours later */
  endsAt: number;
}

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (day: EpochDay): number => (((day + 4) % 7) + 7) % 7;

/** "2026-03-09" for an epoch day. */
export function isoDate(day: EpochDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The epoch day of "2026-03-09" (the first ten characters are read). */
export function epochDayOf(isoDateText: string): EpochDay {
  return Math.floor(Date.parse(`${isoDateText.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export class ZoneClock {
  /** days worked out so far, kept sorted by start */
  private readonly days: LocalDay[] = [];
  private readonly instants = new Map<number, number>();
  private lastHit: LocalDay | undefined;
  /** this clock as a resolved zone without a problem (one object, not one per lead) */
  readonly resolved: ResolvedZone;

  constructor(readonly zone: string) {
    this.resolved = { clock: this };
  }

  /** The local day that contains `at`. */
  dayOf(at: number): LocalDay {
    const last = this.lastHit;
    if (last && at >= last.startsAt && at < last.endsAt) return last;
    const found = this.findDay(at) ?? this.addDay(at);
    this.lastHit = found;
    return found;
  }

  /**
   * The instant of `minuteOfDay` (0–1440) on a local day. A time a DST jump skips resolves to the same
   * distance after the jump, a repeated one to its first occurrence (Temporal's 'compatible').
   */
  instantOf(day: EpochDay, minuteOfDay: number): number {
    const key = day * 1441 + minuteOfDay;
    const known = this.instants.get(key);
    if (known !== undefined) return known;
    if (this.instants.size > 20_000) this.instants.clear();
    const date = Temporal.PlainDate.from(isoDate(day));
    const at =
      minuteOfDay >= 1440
        ? date.add({ days: 1 }).toZonedDateTime({ timeZone: this.zone }).epochMilliseconds
        : date
            .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
            .toZonedDateTime(this.zone, { disambiguation: 'compatible' }).epochMilliseconds;
    this.instants.set(key, at);
    return at;
  }

  private findDay(at: number): LocalDay | undefined {
    const { days } = this;
    let lo = 0;
    let hi = days.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = days[mid]!;
      if (at < d.startsAt) hi = mid - 1;
      else if (at >= d.endsAt) lo = mid + 1;
      else return d;
    }
    return undefined;
  }

  private addDay(at: number): LocalDay {
    const zoned = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(this.zone);
    const start = zoned.startOfDay();
    const found: LocalDay = {
      day: epochDayOf(start.toPlainDate().toString()),
      startsAt: start.epochMilliseconds,
      endsAt: start.add({ days: 1 }).startOfDay().epochMilliseconds,
    };
    if (this.days.length > 4000) this.days.length = 0;
    const insertAt = this.days.findIndex((d) => d.startsAt > found.startsAt);
    this.days.splice(insertAt < 0 ? this.days.length : insertAt, 0, found);
    return found;
  }
}

const clocks = new Map<string, ZoneClock | null>();

/** The clock of an IANA zone (or a fixed offset such as "+05:30"), or null when the runtime does not know it. */
export function zoneClock(zone: string): ZoneClock | null {
  const known = clocks.get(zone);
  if (known !== undefined) return known;
  let clock: ZoneClock | null = null;
  try {
    if (zone.length > 0 && zone.length <= 64) {
      Temporal.Now.instant().toZonedDateTimeISO(zone);
      clock = new ZoneClock(zone);
    }
  } catch {
    clock = null; // not a zone: the caller reports it
  }
  if (clocks.size < 2000) clocks.set(zone, clock);
  return clock;
}

/** Why a send was judged in another zone than the lead's own. */
export type ZoneProblem = 'unknown-lead-time-zone' | 'unknown-mailbox-time-zone';

export interface ResolvedZone {
  clock: ZoneClock;
  /** set when a zone was given but not known: the send still goes, in the fallback's zone */
  problem?: ZoneProblem;
  /** the zone text that was not understood */
  unknown?: string;
}

const UTC_CLOCK = new ZoneClock('UTC');

/**
 * The zone a lead's send window is judged in: the lead's, else the mailbox's, else UTC. A lead without a
 * zone is never skipped; an unknown zone is reported, never thrown.
 */
export function resolveZone(leadZone: string | null | undefined, mailboxZone: string): ResolvedZone {
  if (leadZone) {
    const lead = zoneClock(leadZone);
    if (lead) return lead.resolved;
    const fallback = zoneClock(mailboxZone);
    return { clock: fallback ?? UTC_CLOCK, problem: 'unknown-lead-time-zone', unknown: leadZone };
  }
  const mailbox = zoneClock(mailboxZone);
  if (mailbox) return mailbox.resolved;
  return { clock: UTC_CLOCK, problem: 'unknown-mailbox-time-zone', unknown: mailboxZone };
}
