import { describe, expect, it } from 'vitest';
import { SimulatedWorld } from './simulation';
import { byId, clockText, DAY, enrollment, localTime, MINUTE, mailbox, sequence } from './testing/fixtures';
import type { PlannedSend } from './types';

/** Runs the world in one-hour ticks from `start` for `days`, with or without jitter. */
function run(world: SimulatedWorld, start: number, days: number, seed: number | null): PlannedSend[] {
  const sends: PlannedSend[] = [];
  for (let now = start; now < start + days * DAY; now += 60 * MINUTE)
    sends.push(...world.step(now, 60 * MINUTE, seed).sends);
  return sends;
}

describe('the planner over weeks of simulated time', () => {
  it('starts each day at 09:00 local in New York and Berlin on both sides of the DST changes', () => {
    for (const [zone, start] of [
      ['America/New_York', '2026-03-02T00:00:00Z'],
      ['Europe/Berlin', '2026-03-23T00:00:00Z'],
      ['Europe/Berlin', '2026-10-19T00:00:00Z'],
      ['America/New_York', '2026-10-26T00:00:00Z'],
    ] as const) {
      const leads = Array.from({ length: 48 }, (_, i) => enrollment(`e${i}`, { leadTimeZone: zone }));
      const world = new SimulatedWorld(
        {
          enrollments: leads,
          sequences: byId([sequence('s1', { steps: [{ delayDays: 0 }, { delayDays: 2 }] })]),
          mailboxes: byId([mailbox('m1', { timeZone: zone, capToday: 12 })]),
          repTimeZone: zone,
        },
        Date.parse(start),
      );
      const sends = run(world, Date.parse(start), 14, null);
      const days = new Map<string, string[]>();
      for (const s of sends) {
        const { date } = localTime(s.at, zone);
        days.set(date, [...(days.get(date) ?? []), clockText(s.at, zone)]);
      }
      expect(sends).toHaveLength(96); // two steps each, 12 a day: done within the fortnight
      expect(days.size).toBeGreaterThanOrEqual(8);
      for (const times of days.values()) {
        expect(times[0]).toBe('09:00');
        expect(times.every((t) => t >= '09:00' && t < '17:00')).toBe(true);
        expect(times.length).toBeLessThanOrEqual(12);
      }
    }
  });

  it('keeps every mailbox of a rotation within its cap each day, with jitter', () => {
    const start = Date.parse('2026-03-09T00:00:00Z');
    const mailboxes = [
      mailbox('m1', { capToday: 5 }),
      mailbox('m2', { capToday: 8, timeZone: 'Europe/Berlin' }),
      mailbox('m3', { capToday: 3, timeZone: 'America/Los_Angeles' }),
    ];
    const leads = Array.from({ length: 90 }, (_, i) => enrollment(`e${i}`, { mailboxId: `m${(i % 3) + 1}` }));
    const world = new SimulatedWorld(
      {
        enrollments: leads,
        sequences: byId([sequence('s1')]),
        mailboxes: byId(mailboxes),
        repTimeZone: 'UTC',
      },
      start,
    );
    const perDay = new Map<string, number>();
    for (const s of run(world, start, 7, 99)) {
      const zone = mailboxes.find((m) => m.id === s.mailboxId)!.timeZone;
      const key = `${s.mailboxId} ${localTime(s.at, zone).date}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    for (const [key, count] of perDay) {
      const cap = mailboxes.find((m) => key.startsWith(`${m.id} `))!.capToday;
      expect(count).toBeLessThanOrEqual(cap);
    }
    expect(perDay.get('m2 2026-03-10')).toBe(8); // full days: the caps bind, not the pace
  });
});
