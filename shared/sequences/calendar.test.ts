import { describe, expect, it } from 'vitest';
import { checkSendWindow } from '../compliance/limits';
import {
  addBusinessDays,
  calendarFor,
  DEFAULT_SCHEDULE,
  dueAfterDelay,
  gateWindowOf,
  nextOpening,
  type Schedule,
} from './calendar';
import { holidayCalendar } from './holidays';
import { clockText, localTime } from './testing/fixtures';
import { epochDayOf, isoDate, resolveZone, weekdayOf, zoneClock } from './zone-clock';

const clock = (zone: string) => zoneClock(zone)!;
const utc = (text: string) => Date.parse(text);
const NINE_TO_FIVE = { startMinute: 540, endMinute: 1020 };

/** The local "YYYY-MM-DDTHH:MM" of an instant in a zone, read independently through Intl. */
const local = (at: number, zone: string) => `${localTime(at, zone).date}T${clockText(at, zone)}`;

describe('zone clock', () => {
  it('numbers local days so weekdays are arithmetic', () => {
    expect(weekdayOf(epochDayOf('2026-03-09'))).toBe(1); // a Monday
    expect(weekdayOf(epochDayOf('1970-01-01'))).toBe(4);
    expect(isoDate(epochDayOf('2026-12-31'))).toBe('2026-12-31');
  });

  it('has 23- and 25-hour days at the DST changes in New York', () => {
    const ny = clock('America/New_York');
    const spring = ny.dayOf(utc('2026-03-08T12:00:00Z'));
    expect(isoDate(spring.day)).toBe('2026-03-08');
    expect(spring.endsAt - spring.startsAt).toBe(23 * 3_600_000);
    const autumn = ny.dayOf(utc('2026-11-01T12:00:00Z'));
    expect(autumn.endsAt - autumn.startsAt).toBe(25 * 3_600_000);
  });

  it('keeps 09:00 local at 09:00 on both sides of the change, in New York and Berlin', () => {
    for (const [zone, before, after] of [
      ['America/New_York', '2026-03-06', '2026-03-09'],
      ['America/New_York', '2026-10-30', '2026-11-02'],
      ['Europe/Berlin', '2026-03-27', '2026-03-30'],
      ['Europe/Berlin', '2026-10-23', '2026-10-26'],
    ] as const) {
      const c = clock(zone);
      for (const date of [before, after]) {
        expect(local(c.instantOf(epochDayOf(date), 540), zone)).toBe(`${date}T09:00`);
      }
      const gap = c.instantOf(epochDayOf(after), 540) - c.instantOf(epochDayOf(before), 540);
      expect(Math.abs(gap - 3 * 86_400_000)).toBe(3_600_000); // the three days held one hour more or less
    }
  });

  it('reports an unknown zone and falls back to the mailbox, then UTC; no zone is never skipped', () => {
    expect(zoneClock('Mars/Olympus')).toBeNull();
    expect(resolveZone('Mars/Olympus', 'Europe/Berlin')).toMatchObject({
      problem: 'unknown-lead-time-zone',
      unknown: 'Mars/Olympus',
    });
    expect(resolveZone('Mars/Olympus', 'Europe/Berlin').clock.zone).toBe('Europe/Berlin');
    expect(resolveZone('', 'Europe/Berlin')).toEqual({ clock: clock('Europe/Berlin') });
    expect(resolveZone(null, 'Nowhere/Else')).toMatchObject({ problem: 'unknown-mailbox-time-zone' });
    expect(resolveZone(null, 'Nowhere/Else').clock.zone).toBe('UTC');
  });
});

describe('send windows', () => {
  const weekdays = calendarFor(DEFAULT_SCHEDULE);

  it('is open inside the window and says so', () => {
    const at = utc('2026-03-10T15:00:00Z'); // 11:00 in New York, a Tuesday
    expect(nextOpening(at, clock('America/New_York'), weekdays)).toEqual({
      at,
      closesAt: utc('2026-03-10T21:00:00Z'),
      day: epochDayOf('2026-03-10'),
    });
  });

  it('waits for the morning, over the weekend, at 09:00 local after a DST change', () => {
    const friday = utc('2026-03-06T23:30:00Z'); // 18:30 Friday in New York, EST
    const opening = nextOpening(friday, clock('America/New_York'), weekdays)!;
    expect(local(opening.at, 'America/New_York')).toBe('2026-03-09T09:00'); // Monday, EDT
    expect(opening.deferred).toBe('outside-window');
    const saturday = utc('2026-03-07T15:00:00Z');
    expect(nextOpening(saturday, clock('America/New_York'), weekdays)!.deferred).toBe('not-a-send-day');
  });

  it('skips public holidays of the chosen country only', () => {
    const germany = calendarFor({ ...DEFAULT_SCHEDULE, holidaysCountry: 'DE' });
    const goodFriday = utc('2026-04-03T06:00:00Z'); // 08:00 in Berlin
    const opening = nextOpening(goodFriday, clock('Europe/Berlin'), germany)!;
    expect(local(opening.at, 'Europe/Berlin')).toBe('2026-04-07T09:00'); // Easter Monday is one too
    expect(opening.deferred).toBe('public-holiday');
    expect(local(nextOpening(goodFriday, clock('Europe/Berlin'), weekdays)!.at, 'Europe/Berlin')).toBe(
      '2026-04-03T09:00',
    );
    const us = calendarFor({ ...DEFAULT_SCHEDULE, holidaysCountry: 'us' });
    const thanksgiving = utc('2026-11-26T12:00:00Z');
    expect(local(nextOpening(thanksgiving, clock('America/New_York'), us)!.at, 'America/New_York')).toBe(
      '2026-11-27T09:00',
    );
  });

  it('reports a country it does not know instead of skipping nothing silently', () => {
    expect(calendarFor({ ...DEFAULT_SCHEDULE, holidaysCountry: 'XX' }).unknownCountry).toBe('XX');
    const bavaria = calendarFor({ ...DEFAULT_SCHEDULE, holidaysCountry: 'de-by' }).holidays!;
    expect(bavaria.code).toBe('DE-BY');
    expect(bavaria.holidayOn(epochDayOf('2026-01-06'))).toBeDefined(); // Epiphany: Bavaria, not all Germany
    expect(holidayCalendar('DE')!.holidayOn(epochDayOf('2026-01-06'))).toBeUndefined();
    expect(holidayCalendar('DE-ZZ')).toBeNull();
  });

  it('has no opening when no day or no hour is chosen', () => {
    const none: Schedule = { ...DEFAULT_SCHEDULE, sendDays: [] };
    expect(nextOpening(0, clock('UTC'), calendarFor(none))).toBeNull();
    const empty: Schedule = { ...DEFAULT_SCHEDULE, window: { startMinute: 600, endMinute: 600 } };
    expect(nextOpening(0, clock('UTC'), calendarFor(empty))).toBeNull();
  });
});

describe('business-day delays', () => {
  const germany = calendarFor({ sendDays: [1, 2, 3, 4, 5], window: NINE_TO_FIVE, holidaysCountry: 'DE' });

  it('counts send days and skips weekends and holidays', () => {
    const thursday = epochDayOf('2026-04-02');
    expect(isoDate(addBusinessDays(thursday, 1, germany)!)).toBe('2026-04-07'); // Good Friday, Easter Monday
    expect(isoDate(addBusinessDays(epochDayOf('2026-03-06'), 3, germany)!)).toBe('2026-03-11');
  });

  it('makes the next step due at the window opening in the lead zone, across a DST change', () => {
    const sent = utc('2026-03-27T13:00:00Z'); // Friday 14:00 in Berlin, CET
    const due = dueAfterDelay(sent, 2, clock('Europe/Berlin'), germany)!;
    expect(local(due, 'Europe/Berlin')).toBe('2026-03-31T09:00'); // Tuesday, CEST
    expect(dueAfterDelay(sent, 0, clock('Europe/Berlin'), germany)).toBe(sent);
  });
});

describe('the gate window of a schedule', () => {
  it('covers the schedule in whole hours, so the gate never refuses what the planner planned', () => {
    const schedule = {
      sendDays: [5, 1, 3],
      window: { startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 15 },
      holidaysCountry: null,
    };
    expect(gateWindowOf(schedule)).toEqual({ startHour: 8, endHour: 18, days: [1, 3, 5] });
    const at = Date.parse('2026-03-09T21:10:00Z'); // Monday 17:10 in New York (EDT): inside both
    expect(
      checkSendWindow({
        now: at,
        timeZone: 'America/New_York',
        fallbackTimeZone: 'UTC',
        window: gateWindowOf(schedule),
      }).verdict,
    ).toBe('ok');
    expect(nextOpening(at, clock('America/New_York'), calendarFor(schedule))!.at).toBe(at);
  });
});
