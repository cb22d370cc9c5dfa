import { describe, expect, it } from 'vitest';
import { evaluateBreaker } from './breakers';
import { decide, type GateFacts } from './gate';
import { dailyCap } from './limits';
import { cleanGateFacts } from './testing/clean-facts';
import { capRetryAt } from './waiting';

// CLEAN_NOW is a Wednesday, 15:00 in Berlin.
const WEDNESDAY = Date.UTC(2026, 10, 25, 14, 0);
const FRIDAY = Date.UTC(2026, 10, 27, 14, 0);
const CLEAN = {
  subject: 'Onboarding analysts at Example',
  html: '<p>Hi Dana, worth a short call next week?</p>',
  text: 'Hi Dana, worth a short call next week?',
  isFirstTouch: true,
};

function facts(over: Partial<GateFacts> = {}, sentToday = 0): GateFacts {
  const base = cleanGateFacts(CLEAN);
  return { ...base, ...over, limits: { ...base.limits, sentToday, ...over.limits } };
}
const full = (over: Partial<GateFacts> = {}) => facts(over, 1_000);

describe('when a full daily cap allows the next send', () => {
  it('is the next day at the send window’s opening hour, in the lead’s zone', () => {
    expect(capRetryAt({ now: WEDNESDAY, mailboxTimeZone: 'Europe/Berlin' })).toBe(
      Date.UTC(2026, 10, 26, 7, 0), // Thursday 08:00 in Berlin
    );
    expect(
      capRetryAt({ now: WEDNESDAY, mailboxTimeZone: 'Europe/Berlin', leadTimeZone: 'America/New_York' }),
    ).toBe(Date.UTC(2026, 10, 26, 13, 0)); // Thursday 08:00 in New York
  });

  it('skips the days the window is closed', () => {
    expect(capRetryAt({ now: FRIDAY, mailboxTimeZone: 'Europe/Berlin' })).toBe(
      Date.UTC(2026, 10, 30, 7, 0), // Monday 08:00
    );
  });

  it('is the mailbox’s next day even just before midnight, across a DST change', () => {
    // Saturday 28 March 2026, 23:30 in Berlin; the clocks go forward that night
    const late = Date.UTC(2026, 2, 28, 22, 30);
    const window = { startHour: 8, endHour: 18, days: [0, 1, 2, 3, 4, 5, 6] };
    expect(capRetryAt({ now: late, mailboxTimeZone: 'Europe/Berlin', window })).toBe(
      Date.UTC(2026, 2, 29, 6, 0), // Sunday 08:00 summer time
    );
  });
});

describe('a send the gate lets the rep schedule', () => {
  it('is one held only by the daily cap, one-off or sequence step', () => {
    const oneOff = decide(full({ kind: 'one-off' }));
    expect(oneOff.verdict).toBe('block');
    expect(oneOff.scheduleAt).toBe(Date.UTC(2026, 10, 26, 7, 0));
    expect(decide(full()).scheduleAt).toBe(Date.UTC(2026, 10, 26, 7, 0));
  });

  it('is one held by a warming-up mailbox’s lower cap (ramp-up) too', () => {
    const base = facts({ kind: 'one-off' });
    const warming = dailyCap({ provider: 'google-workspace', createdAt: WEDNESDAY, now: WEDNESDAY });
    const decision = decide({ ...base, limits: { ...base.limits, cap: warming, sentToday: warming.cap } });
    expect(warming.rampingUp).toBe(true);
    expect(decision.reasons.map((r) => r.code)).toEqual(['daily-cap-reached']);
    expect(decision.scheduleAt).toBe(Date.UTC(2026, 10, 26, 7, 0));
  });

  it('is a sequence step outside its send window, at the window’s opening', () => {
    const night = decide(facts({ now: Date.UTC(2026, 10, 25, 2, 0) }));
    expect(night.scheduleAt).toBe(Date.UTC(2026, 10, 25, 7, 0));
  });

  it('is never one that anything else blocks', () => {
    const paused = evaluateBreaker({ sends: 100, hardBounces: 20, complaints: 0 });
    const cases: GateFacts[] = [
      full({ profile: null }),
      full({ mx: { kind: 'nxdomain' } }),
      full({ mx: { kind: 'error' } }),
      full({ content: { ...CLEAN, subject: 'Re: our call' } }),
      { ...full(), limits: { ...full().limits, breaker: paused } },
    ];
    for (const f of cases) {
      const decision = decide(f);
      expect(decision.verdict).toBe('block');
      expect(decision.scheduleAt).toBeUndefined();
    }
  });

  it('is not one that can go now', () => {
    expect(decide(facts()).scheduleAt).toBeUndefined();
    expect(decide(facts({ kind: 'one-off', now: Date.UTC(2026, 10, 25, 2, 0) })).scheduleAt).toBeUndefined();
  });
});
