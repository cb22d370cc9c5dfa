import { describe, expect, it } from 'vitest';
import { planTick } from './planner';
import {
  byId,
  clockText,
  DAY,
  enrollment,
  HOUR,
  localTime,
  MINUTE,
  mailbox,
  sequence,
} from './testing/fixtures';
import { DEFAULT_PACING, type PlanInput, type PlanMailbox, type PlanSequence } from './types';

const NY = 'America/New_York';
/** Tuesday 2026-03-10, 10:00 in New York (EDT). */
const TUE_10 = Date.parse('2026-03-10T14:00:00Z');

function input(over: Partial<PlanInput> & { mailboxList?: PlanMailbox[]; sequenceList?: PlanSequence[] }) {
  const { mailboxList = [mailbox('m1')], sequenceList = [sequence('s1')], ...rest } = over;
  return {
    now: TUE_10,
    horizonMs: HOUR,
    due: [],
    sequences: byId(sequenceList),
    mailboxes: byId(mailboxList),
    repTimeZone: NY,
    jitterSeed: 7,
    ...rest,
  } satisfies PlanInput;
}

const gaps = (ats: number[]) => ats.slice(1).map((at, i) => at - ats[i]!);

describe('planTick', () => {
  it('sends the longest-waiting lead now, keyed enrollment:step, with the next step due on a business day', () => {
    const due = [
      enrollment('e2', { nextSendAt: TUE_10 - HOUR }),
      enrollment('e1', { nextSendAt: TUE_10 - 2 * HOUR }),
    ];
    const plan = planTick(input({ due, jitterSeed: null }));
    const first = plan.sends[0]!;
    expect(first).toMatchObject({ key: 'e1:0', enrollmentId: 'e1', step: 0, mailboxId: 'm1', at: TUE_10 });
    expect(first.next!.step).toBe(1);
    expect(localTime(first.next!.dueAt, NY).date).toBe('2026-03-12');
    expect(clockText(first.next!.dueAt, NY)).toBe('09:00');
    // The second waits its turn: at least the minimum gap after the first.
    expect(
      plan.sends.every((s, i) => i === 0 || s.at - plan.sends[i - 1]!.at >= DEFAULT_PACING.minGapMs),
    ).toBe(true);
  });

  it("spreads a day's sends over the whole window, never a burst, never front-loaded", () => {
    const morning = Date.parse('2026-03-10T13:00:00Z'); // 09:00 in New York
    const due = Array.from({ length: 30 }, (_, i) => enrollment(`e${i}`, { nextSendAt: morning }));
    const plan = planTick(input({ now: morning, horizonMs: 8 * HOUR, due, jitterSeed: 3 }));
    const ats = plan.sends.map((s) => s.at);
    expect(ats).toHaveLength(30);
    expect(Math.min(...gaps(ats))).toBeGreaterThanOrEqual(10 * MINUTE); // 8 h over 30 sends: ~16 min each
    expect(clockText(ats[29]!, NY) >= '16:00').toBe(true);
    expect(clockText(ats[29]!, NY) < '17:00').toBe(true);
  });

  it('keeps every gap within [minimum, minimum + jitter) and replays the same jitter for the same seed', () => {
    const pacing = { minGapMs: 4 * MINUTE, jitterMs: 3 * MINUTE, recheckMs: 15 * MINUTE };
    const due = Array.from({ length: 200 }, (_, i) => enrollment(`e${i}`, { nextSendAt: TUE_10 }));
    const mailboxes = [mailbox('m1', { capToday: 500 })];
    const run = (jitterSeed: number | null) =>
      planTick(input({ due, pacing, jitterSeed, horizonMs: 7 * HOUR, mailboxList: mailboxes })).sends.map(
        (s) => s.at,
      );
    const ats = run(11);
    for (const gap of gaps(ats)) {
      expect(gap).toBeGreaterThanOrEqual(pacing.minGapMs);
      expect(gap).toBeLessThan(pacing.minGapMs + pacing.jitterMs);
    }
    expect(new Set(gaps(ats).map((g) => Math.round(g / 1000))).size).toBeGreaterThan(20); // not a metronome
    expect(run(11)).toEqual(ats);
    expect(run(12)).not.toEqual(ats);
    expect(new Set(gaps(run(null)))).toEqual(new Set([pacing.minGapMs]));
  });

  it('gives a short day to follow-ups before first touches, and says the rest wait for the cap', () => {
    const due = [
      ...Array.from({ length: 6 }, (_, i) => enrollment(`new${i}`, { nextSendAt: TUE_10 - DAY })),
      ...Array.from({ length: 4 }, (_, i) =>
        enrollment(`fu${i}`, { step: 1, isFollowUp: true, nextSendAt: TUE_10 - HOUR }),
      ),
    ];
    const plan = planTick(input({ due, horizonMs: 7 * HOUR, mailboxList: [mailbox('m1', { capToday: 5 })] }));
    expect(plan.sends.map((s) => s.enrollmentId)).toEqual(['fu0', 'fu1', 'fu2', 'fu3', 'new0']);
    const waits = plan.waits.filter((w) => w.reason === 'mailbox-at-cap');
    expect(waits).toHaveLength(5);
    expect(waits.map((w) => `${localTime(w.until!, NY).date} ${clockText(w.until!, NY)}`)).toContain(
      '2026-03-11 09:00',
    );
  });

  it('tells the leads past the rest of the day at once that they wait for tomorrow, follow-ups kept first', () => {
    const due = [
      ...Array.from({ length: 8 }, (_, i) => enrollment(`new${i}`, { nextSendAt: TUE_10 - DAY })),
      enrollment('fu0', { step: 1, isFollowUp: true, nextSendAt: TUE_10 }),
    ];
    const plan = planTick(input({ due, horizonMs: MINUTE, mailboxList: [mailbox('m1', { capToday: 4 })] }));
    expect(plan.sends.map((s) => s.enrollmentId)).toEqual(['fu0']);
    expect(plan.waits.filter((w) => w.reason === 'pacing').map((w) => w.enrollmentId)).toEqual([
      'new0',
      'new1',
      'new2',
    ]);
    const full = plan.waits.filter((w) => w.reason === 'mailbox-day-full');
    expect(full.map((w) => w.enrollmentId).sort()).toEqual(['new3', 'new4', 'new5', 'new6', 'new7']);
    expect(new Set(full.map((w) => `${localTime(w.until!, NY).date} ${clockText(w.until!, NY)}`))).toEqual(
      new Set(['2026-03-11 09:00']),
    );
  });

  it('keeps room for a follow-up whose window opens later in the day', () => {
    const due = [
      enrollment('new0', { nextSendAt: TUE_10 }),
      enrollment('new1', { nextSendAt: TUE_10 }),
      enrollment('fu0', {
        step: 1,
        isFollowUp: true,
        nextSendAt: TUE_10,
        leadTimeZone: 'America/Los_Angeles',
      }),
    ];
    const plan = planTick(input({ due, horizonMs: 8 * HOUR, mailboxList: [mailbox('m1', { capToday: 2 })] }));
    expect(plan.sends.map((s) => s.enrollmentId)).toEqual(['new0', 'fu0']);
    expect(clockText(plan.sends[1]!.at, 'America/Los_Angeles') >= '09:00').toBe(true);
  });

  it('stops at the end of a window too short for the pace: the rest wait for the next one', () => {
    const morning = Date.parse('2026-03-10T13:00:00Z'); // 09:00 in New York
    const due = Array.from({ length: 20 }, (_, i) => enrollment(`e${i}`, { nextSendAt: morning }));
    const short = [sequence('s1', { schedule: { window: { startMinute: 540, endMinute: 570 } } })];
    const plan = planTick(input({ now: morning, horizonMs: 8 * HOUR, due, sequenceList: short }));
    expect(plan.sends.length).toBeGreaterThanOrEqual(4); // 30 min at 4–7 min a gap
    expect(plan.sends.length).toBeLessThanOrEqual(8);
    expect(plan.sends.every((s) => clockText(s.at, NY) < '09:30')).toBe(true);
    const busy = plan.waits.filter((w) => w.reason === 'mailbox-busy');
    expect(busy).toHaveLength(20 - plan.sends.length);
    expect(
      busy.every((w) => localTime(w.until!, NY).date === '2026-03-11' && clockText(w.until!, NY) === '09:00'),
    ).toBe(true);
  });

  it('catches up after sleep at the normal pace, and plans nothing while the clock is behind the last send', () => {
    const due = Array.from({ length: 40 }, (_, i) => enrollment(`e${i}`, { nextSendAt: TUE_10 - 5 * HOUR }));
    const slept = mailbox('m1', { capToday: 100, lastSentAt: TUE_10 - 5 * HOUR });
    const awake = planTick(input({ due, mailboxList: [slept] }));
    expect(awake.sends[0]!.at).toBe(TUE_10);
    expect(awake.sends.length).toBeLessThanOrEqual(1 + HOUR / DEFAULT_PACING.minGapMs);
    expect(Math.min(...gaps(awake.sends.map((s) => s.at)))).toBeGreaterThanOrEqual(DEFAULT_PACING.minGapMs);

    const ahead = mailbox('m1', { capToday: 100, lastSentAt: TUE_10 + 2 * HOUR }); // the clock went back
    const behind = planTick(input({ due, mailboxList: [ahead] }));
    expect(behind.sends).toEqual([]);
    expect(behind.waits.every((w) => w.reason === 'pacing')).toBe(true);
  });

  it('holds the leads of a paused, tripped, disconnected or gone mailbox with the reason', () => {
    const due = ['m1', 'm2', 'm3', 'gone'].map((m) =>
      enrollment(`e-${m}`, { mailboxId: m, nextSendAt: TUE_10 }),
    );
    const resumesAt = TUE_10 + 3 * HOUR;
    const plan = planTick(
      input({
        due,
        mailboxList: [
          mailbox('m1', { state: 'paused' }),
          mailbox('m2', { state: 'breaker', resumesAt }),
          mailbox('m3', { state: 'disconnected' }),
        ],
      }),
    );
    expect(plan.sends).toEqual([]);
    expect(plan.waits).toEqual([
      { enrollmentId: 'e-m1', reason: 'mailbox-paused', until: TUE_10 + DEFAULT_PACING.recheckMs },
      { enrollmentId: 'e-m2', reason: 'mailbox-breaker', until: resumesAt },
      { enrollmentId: 'e-m3', reason: 'mailbox-disconnected', until: TUE_10 + DEFAULT_PACING.recheckMs },
      { enrollmentId: 'e-gone', reason: 'mailbox-gone', until: null },
    ]);
  });

  it("stops a sequence at its daily limit across a rotation and respects each mailbox's cap", () => {
    const mailboxList = [
      mailbox('m1', { capToday: 30, sentToday: 28 }),
      mailbox('m2', { capToday: 10 }),
      mailbox('m3', { capToday: 0 }),
    ];
    const due = Array.from({ length: 30 }, (_, i) => enrollment(`e${i}`, { mailboxId: `m${(i % 3) + 1}` }));
    const limited = planTick(
      input({
        due,
        horizonMs: 7 * HOUR,
        mailboxList,
        sequenceList: [sequence('s1', { dailyLimit: 9, sentToday: 1 })],
      }),
    );
    expect(limited.sends).toHaveLength(8);
    expect(limited.sends.filter((s) => s.mailboxId === 'm1')).toHaveLength(2);
    expect(limited.sends.filter((s) => s.mailboxId === 'm3')).toHaveLength(0);
    expect(limited.waits.filter((w) => w.reason === 'sequence-daily-limit').length).toBeGreaterThan(0);
    const open = planTick(input({ due, horizonMs: 7 * HOUR, mailboxList }));
    expect(open.sends.filter((s) => s.mailboxId === 'm2')).toHaveLength(10);
    expect(open.sends).toHaveLength(12);
  });

  it('waits outside the window in the lead zone, over weekends and holidays, with the reason', () => {
    const early = Date.parse('2026-03-10T06:00:00Z'); // 07:00 in Berlin
    const berlinEarly = enrollment('berlin', { leadTimeZone: 'Europe/Berlin', nextSendAt: early });
    const late = Date.parse('2026-03-10T22:00:00Z'); // 18:00 in New York
    const friday = Date.parse('2026-04-03T15:00:00Z'); // Good Friday, 11:00 in New York
    const de = [sequence('s1', { schedule: { holidaysCountry: 'DE' } })];
    const plans = [
      planTick(input({ now: early, due: [berlinEarly] })).waits[0],
      planTick(input({ now: late, due: [enrollment('ny', { nextSendAt: late })] })).waits[0],
      planTick(
        input({
          now: friday,
          due: [enrollment('b', { nextSendAt: friday, leadTimeZone: 'Europe/Berlin' })],
          sequenceList: de,
        }),
      ).waits[0],
    ];
    expect(plans.map((w) => w!.reason)).toEqual(['outside-window', 'outside-window', 'public-holiday']);
    expect(clockText(plans[0]!.until!, 'Europe/Berlin')).toBe('09:00');
    expect(localTime(plans[1]!.until!, NY).date).toBe('2026-03-11');
    expect(localTime(plans[2]!.until!, 'Europe/Berlin').date).toBe('2026-04-07');
  });

  it('reports an unknown lead zone and judges it in the mailbox zone; plans a lead listed twice once', () => {
    const due = [
      enrollment('e1', { leadTimeZone: 'Atlantis/Capital', nextSendAt: TUE_10 }),
      enrollment('e1', { leadTimeZone: 'Atlantis/Capital', nextSendAt: TUE_10 }),
    ];
    const plan = planTick(input({ due }));
    expect(plan.notices).toEqual([
      { code: 'unknown-lead-time-zone', subjectId: 'e1', value: 'Atlantis/Capital' },
    ]);
    expect(plan.sends.map((s) => [s.key, s.timeZone])).toEqual([['e1:0', NY]]);
  });

  it('finishes an enrollment whose steps were removed, and holds those of a paused sequence', () => {
    const due = [enrollment('done', { step: 3 }), enrollment('held', { sequenceId: 's2' })];
    const plan = planTick(input({ due, sequenceList: [sequence('s1'), sequence('s2', { paused: true })] }));
    expect(plan.finished).toEqual(['done']);
    expect(plan.waits).toEqual([{ enrollmentId: 'held', reason: 'sequence-paused', until: null }]);
    const last = planTick(input({ due: [enrollment('last', { step: 2, isFollowUp: true })] }));
    expect(last.sends[0]!.next).toBeNull();
  });
});
