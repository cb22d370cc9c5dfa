import { describe, expect, it } from 'vitest';
import {
  checkDailyCap,
  checkSendWindow,
  DEFAULT_SEND_WINDOW,
  dailyCap,
  mailboxCapToday,
  nextSendDelay,
  PROVIDER_CEILINGS,
  type Provider,
  startOfDay,
} from './limits';

const DAY = 86_400_000;
const created = Date.UTC(2025, 0, 1, 9);
const onDay = (n: number) => created + n * DAY + 3_600_000; // n whole days after connecting

describe('dailyCap', () => {
  it.each<[string, Provider, number, number | undefined, number | undefined, number]>([
    ['first day of a new Google mailbox', 'google-workspace', 0, undefined, undefined, 10],
    ['last day of the first week', 'gmail', 6, undefined, undefined, 10],
    ['day 8 grows by 2', 'gmail', 7, undefined, undefined, 12],
    ['day 9', 'gmail', 8, undefined, undefined, 14],
    ['Google settles at its team cap of 30', 'google-workspace', 16, undefined, undefined, 30],
    ['and stays there', 'google-workspace', 400, undefined, undefined, 30],
    ['Microsoft settles at 20', 'microsoft-365', 12, undefined, undefined, 20],
    ['Outlook.com at 20', 'outlook-com', 100, undefined, undefined, 20],
    ['generic SMTP at 20', 'smtp', 100, undefined, undefined, 20],
    ['a team cap of 50 is reached by ramp-up', 'google-workspace', 100, 50, undefined, 50],
    ['a team cap above the ceiling is held to it', 'outlook-com', 1000, 5000, undefined, 300],
    ['Gmail ceiling 500', 'gmail', 1000, 10_000, undefined, 500],
    ['a rep may lower the cap', 'gmail', 100, undefined, 15, 15],
    ['a rep may lower it during ramp-up', 'gmail', 0, undefined, 5, 5],
    ['but not raise it', 'gmail', 100, undefined, 100, 30],
    ['nor raise it during ramp-up', 'gmail', 2, undefined, 30, 10],
    ['a team cap below 10 applies from day one', 'gmail', 0, 5, undefined, 5],
    ['a clock behind createdAt still gets the starting cap', 'gmail', -3, undefined, undefined, 10],
  ])('%s', (_, provider, day, teamCap, userCap, expected) => {
    expect(dailyCap({ provider, createdAt: created, now: onDay(day), teamCap, userCap }).cap).toBe(expected);
  });

  it('explains ramp-up and refused raises', () => {
    const ramp = dailyCap({ provider: 'gmail', createdAt: created, now: onDay(7), userCap: 99 });
    expect(ramp.rampingUp).toBe(true);
    expect(ramp.reasons.map((r) => r.code)).toEqual(['cap-ramp-up', 'cap-raise-refused']);
    expect(ramp.reasons[0]?.message).toContain('12 emails today');
    const over = dailyCap({ provider: 'outlook-com', createdAt: created, now: onDay(500), teamCap: 1000 });
    expect(over.reasons[0]?.code).toBe('cap-above-ceiling');
  });

  it('documents a ceiling for every provider, all above the default team caps', () => {
    expect(PROVIDER_CEILINGS).toEqual({
      gmail: 500,
      'google-workspace': 2000,
      'outlook-com': 300,
      'microsoft-365': 10_000,
      smtp: 200,
    });
  });
});

describe('checkDailyCap', () => {
  it.each([
    [0, 10, 'ok'],
    [9, 10, 'ok'],
    [10, 10, 'block'],
    [12, 10, 'block'],
    [0, 0, 'block'],
  ])('%i sent of %i → %s', (sentToday, cap, verdict) => {
    const result = checkDailyCap({ sentToday, cap });
    expect(result.verdict).toBe(verdict);
    if (verdict === 'block') expect(result.reasons[0]?.code).toBe('daily-cap-reached');
  });
});

describe('nextSendDelay', () => {
  const now = 1_000_000;
  it.each([
    ['first send goes now', undefined, 0, 0],
    ['right after a send, waits the full gap', now, 0, 60_000],
    ['jitter stretches the gap by up to half', now, 0.5, 75_000],
    ['jitter near 1', now, 0.999, 89_970],
    ['part of the gap has passed', now - 30_000, 0, 30_000],
    ['long ago → no wait', now - 10 * 60_000, 0.9, 0],
    ['out-of-range jitter is clamped', now, 7, 90_000],
  ])('%s', (_, lastSentAt, jitter, expected) => {
    expect(nextSendDelay({ lastSentAt, now, minGapMs: 60_000, jitter })).toBe(expected);
  });
});

describe('checkSendWindow', () => {
  // Wednesday 15 January 2025; Berlin is UTC+1, New York UTC−5 in January.
  const at = (iso: string) => Date.parse(iso);
  it.each<[string, string, string | undefined, 'ok' | 'block', string | undefined]>([
    ['inside hours in Berlin', '2025-01-15T09:30:00Z', 'Europe/Berlin', 'ok', undefined],
    [
      'before 8:00 in New York → 8:00 local today',
      '2025-01-15T12:00:00Z',
      'America/New_York',
      'block',
      '2025-01-15T13:00:00.000Z',
    ],
    [
      'after 18:00 in Berlin → tomorrow 8:00',
      '2025-01-15T17:30:00Z',
      'Europe/Berlin',
      'block',
      '2025-01-16T07:00:00.000Z',
    ],
    [
      'Friday evening → Monday 8:00',
      '2025-01-17T18:00:00Z',
      'Europe/Berlin',
      'block',
      '2025-01-20T07:00:00.000Z',
    ],
    ['Saturday → Monday', '2025-01-18T10:00:00Z', 'Asia/Tokyo', 'block', '2025-01-19T23:00:00.000Z'],
    ['Kolkata half-hour offset', '2025-01-15T01:00:00Z', 'Asia/Kolkata', 'block', '2025-01-15T02:30:00.000Z'],
    [
      'the end hour is exclusive',
      '2025-01-15T17:00:00Z',
      'Europe/Berlin',
      'block',
      '2025-01-16T07:00:00.000Z',
    ],
    [
      'across the March DST change in Berlin',
      '2025-03-28T18:00:00Z',
      'Europe/Berlin',
      'block',
      '2025-03-31T06:00:00.000Z',
    ],
    [
      'no lead zone → the mailbox zone (London)',
      '2025-01-15T07:30:00Z',
      undefined,
      'block',
      '2025-01-15T08:00:00.000Z',
    ],
    ['an unknown zone → the mailbox zone', '2025-01-15T10:00:00Z', 'Mars/Olympus', 'ok', undefined],
  ])('%s', (_, now, timeZone, verdict, next) => {
    const result = checkSendWindow({ now: at(now), timeZone, fallbackTimeZone: 'Europe/London' });
    expect(result.verdict).toBe(verdict);
    expect(
      result.nextAllowedAt === undefined ? undefined : new Date(result.nextAllowedAt).toISOString(),
    ).toBe(next);
  });

  it.each([
    [
      'a minute before the spring-forward jump (01:59 CET)',
      '2025-03-30T00:59:00Z',
      'block',
      '2025-03-30T01:00:00.000Z',
    ],
    ['the jump itself (03:00 CEST)', '2025-03-30T01:00:00Z', 'ok', undefined],
  ])('around a DST change, in a 03:00–04:00 window: %s', (_, now, verdict, next) => {
    const window = { startHour: 3, endHour: 4, days: [0, 1, 2, 3, 4, 5, 6] };
    const result = checkSendWindow({
      now: at(now),
      timeZone: 'Europe/Berlin',
      fallbackTimeZone: 'UTC',
      window,
    });
    expect(result.verdict).toBe(verdict);
    expect(
      result.nextAllowedAt === undefined ? undefined : new Date(result.nextAllowedAt).toISOString(),
    ).toBe(next);
  });

  it('tells the rep the lead’s local time and the window', () => {
    const result = checkSendWindow({
      now: at('2025-01-15T12:00:00Z'),
      timeZone: 'America/New_York',
      fallbackTimeZone: 'UTC',
    });
    expect(result.reasons[0]?.message).toBe(
      'It is 07:00 for this lead (America/New_York), outside the send window of 08:00–18:00 on Mon, Tue, Wed, Thu, Fri.',
    );
    expect(result.timeZone).toBe('America/New_York');
  });

  it.each([
    ['weekends included', { ...DEFAULT_SEND_WINDOW, days: [0, 1, 2, 3, 4, 5, 6] }, 'ok'],
    ['no days', { ...DEFAULT_SEND_WINDOW, days: [] }, 'block'],
    ['start after end', { startHour: 18, endHour: 8, days: [6] }, 'block'],
  ])('custom window: %s', (_, window, verdict) => {
    // Saturday 11:00 in Berlin
    const result = checkSendWindow({
      now: at('2025-01-18T10:00:00Z'),
      timeZone: 'Europe/Berlin',
      fallbackTimeZone: 'UTC',
      window,
    });
    expect(result.verdict).toBe(verdict);
    if (window.days.length === 0) expect(result.reasons[0]?.code).toBe('send-window-empty');
  });
});

describe('startOfDay', () => {
  it('is local midnight in the zone, across a DST change', () => {
    // 2026-03-08 is the US spring-forward day: 15:00 EDT is 19:00Z; midnight was still EST (05:00Z)
    expect(startOfDay(Date.UTC(2026, 2, 8, 19), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5));
    // the next day starts at 04:00Z (EDT)
    expect(startOfDay(Date.UTC(2026, 2, 9, 3, 59), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5));
    expect(startOfDay(Date.UTC(2026, 2, 9, 4), 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4));
    expect(startOfDay(Date.UTC(2026, 5, 1, 23, 30), 'Europe/Berlin')).toBe(Date.UTC(2026, 5, 1, 22));
  });

  it('counts from UTC midnight for a zone it does not know', () => {
    expect(startOfDay(Date.UTC(2026, 0, 2, 13, 14, 15, 16), 'Not/AZone')).toBe(Date.UTC(2026, 0, 2));
  });
});

describe('mailboxCapToday', () => {
  it('applies the rep’s own lower cap and ignores a missing one', () => {
    const mailbox = { provider: 'smtp' as const, createdAt: 0, dailyCapOverride: null };
    const now = 400 * 86_400_000;
    expect(mailboxCapToday(mailbox, now).cap).toBe(dailyCap({ provider: 'smtp', createdAt: 0, now }).cap);
    expect(mailboxCapToday({ ...mailbox, dailyCapOverride: 5 }, now).cap).toBe(5);
  });
});
