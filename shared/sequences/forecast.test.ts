import { describe, expect, it } from 'vitest';
import { forecast } from './forecast';
import { byId, enrollment, mailbox, sequence } from './testing/fixtures';

describe('forecast', () => {
  const monday = Date.parse('2026-03-02T05:00:00Z'); // 00:00 in New York

  it('counts sends per mailbox per day within the caps, the same on every run, and flags short days', () => {
    const leads = Array.from({ length: 50 }, (_, i) =>
      enrollment(`e${i}`, { mailboxId: i % 2 ? 'm2' : 'm1' }),
    );
    const input = {
      now: monday,
      enrollments: leads,
      sequences: byId([sequence('s1')]),
      mailboxes: byId([mailbox('m1', { capToday: 10 }), mailbox('m2', { capToday: 15 })]),
      repTimeZone: 'America/New_York',
    };
    const result = forecast(input);
    expect(forecast(input)).toEqual(result);
    expect(result.days).toHaveLength(14);
    expect(result.days[0]!.date).toBe('2026-03-02');
    for (const day of result.days) {
      expect(day.perMailbox.m1 ?? 0).toBeLessThanOrEqual(10);
      expect(day.perMailbox.m2 ?? 0).toBeLessThanOrEqual(15);
    }
    expect(result.days[0]).toMatchObject({ perMailbox: { m1: 10, m2: 15 }, total: 25, carriedOver: 25 });
    expect(result.days[0]!.short.sort()).toEqual(['m1', 'm2']);
    expect(result.days[5]!.total).toBe(0); // Saturday
    // Follow-ups go first, so m1's last five first touches wait until Friday and their third step is due
    // on the 16th: past the fortnight.
    expect(result.days.reduce((sum, d) => sum + d.total, 0)).toBe(145);
    expect(result.unfinished).toBe(5);
    expect(result.lastStepDate).toBeNull();
    const roomy = forecast({ ...input, mailboxes: byId([mailbox('m1', { capToday: 30 }), mailbox('m2')]) });
    expect(roomy.days.map((d) => d.total).filter(Boolean)).toEqual([50, 50, 50]);
    expect(roomy.days.every((d) => d.short.length === 0)).toBe(true);
    expect(roomy.lastStepDate).toBe('2026-03-09'); // two, then three business days later
    // The caps stretch the sequence past what its delays alone would take: the screen warns.
    expect(result.sequences).toEqual([
      { sequenceId: 's1', lastStepDate: null, withoutCaps: '2026-03-09', stretched: true },
    ]);
    expect(roomy.sequences[0]).toMatchObject({ lastStepDate: '2026-03-09', stretched: false });
  });

  it('says when leads are still going after the last day, and how many wait for the rep', () => {
    const leads = [
      ...Array.from({ length: 40 }, (_, i) => enrollment(`e${i}`)),
      enrollment('orphan', { mailboxId: 'gone' }),
    ];
    const result = forecast({
      now: monday,
      days: 3,
      enrollments: leads,
      sequences: byId([sequence('s1')]),
      mailboxes: byId([mailbox('m1', { capToday: 5 })]),
      repTimeZone: 'America/New_York',
    });
    expect(result.days.map((d) => d.total)).toEqual([5, 5, 5]);
    expect(result.lastStepDate).toBeNull();
    expect(result.unfinished).toBe(40);
    expect(result.stuck).toBe(1);
  });

  it('keeps 09:00 local across the DST changes in New York and Berlin, weeks in milliseconds', () => {
    for (const [zone, start, steps] of [
      ['America/New_York', '2026-03-04T12:00:00Z', ['2026-03-04', '2026-03-09', '2026-03-12']],
      ['Europe/Berlin', '2026-03-25T12:00:00Z', ['2026-03-25', '2026-03-30', '2026-04-02']],
      ['Europe/Berlin', '2026-10-21T12:00:00Z', ['2026-10-21', '2026-10-26', '2026-10-29']],
      ['America/New_York', '2026-10-28T15:00:00Z', ['2026-10-28', '2026-11-02', '2026-11-05']],
    ] as const) {
      const now = Date.parse(start);
      const lead = enrollment('e1', { leadTimeZone: zone, nextSendAt: now });
      const seq = sequence('s1', { steps: [{ delayDays: 0 }, { delayDays: 3 }, { delayDays: 3 }] });
      const result = forecast({
        now,
        enrollments: [lead],
        sequences: byId([seq]),
        mailboxes: byId([mailbox('m1', { timeZone: 'UTC' })]),
        repTimeZone: zone,
      });
      expect(result.days.filter((d) => d.total).map((d) => d.date)).toEqual(steps);
      expect(result.lastStepDate).toBe(steps[2]);
    }
  });

  it('flags a sequence whose daily limit cannot hold its load', () => {
    const leads = Array.from({ length: 12 }, (_, i) => enrollment(`e${i}`, { nextSendAt: monday }));
    const result = forecast({
      now: monday,
      days: 2,
      enrollments: leads,
      sequences: byId([sequence('s1', { dailyLimit: 4 })]),
      mailboxes: byId([mailbox('m1', { capToday: 30 })]),
      repTimeZone: 'America/New_York',
    });
    expect(result.days.map((d) => d.total)).toEqual([4, 4]);
    expect(result.days[0]!.short).toEqual(['s1']);
  });

  it('plans the earliest deterministic times: the first send at the window opening, no jitter', () => {
    const result = forecast({
      now: monday,
      days: 1,
      enrollments: [enrollment('e1', { nextSendAt: monday })],
      sequences: byId([sequence('s1', { steps: [{ delayDays: 0 }] })]),
      mailboxes: byId([mailbox('m1')]),
      repTimeZone: 'America/New_York',
    });
    expect(result.days[0]!.total).toBe(1);
    expect(result.lastStepDate).toBe('2026-03-02');
  });
});
