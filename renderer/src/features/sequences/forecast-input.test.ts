import { describe, expect, it } from 'vitest';
import type { MailboxHealthInfo, MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { PARKED_AT } from '../../db/enrollments-repo';
import type { EnrollmentDoc } from '../../db/schemas/outreach';
import { type ForecastFacts, forecastInputOf, forecastOf, stretchWords } from './forecast-input';
import { testSequence } from './test-sequence';

const MONDAY = Date.parse('2026-03-02T05:00:00Z'); // 00:00 in New York

const sequence = testSequence;

const enrollment = (i: number, fields: Partial<EnrollmentDoc> = {}): EnrollmentDoc => ({
  id: `e${i}`,
  sequenceId: 's1',
  leadId: `l${i}`,
  mailboxId: 'mb1',
  step: 0,
  status: 'active',
  waitReason: '',
  variants: [],
  nextSendAt: MONDAY,
  enrolledAt: 0,
  updatedAt: 0,
  ...fields,
});

const health = (cap: number): MailboxHealthInfo => ({
  id: 'mb1',
  sentToday: 0,
  cap: { cap, target: cap, ceiling: 500, rampingUp: false, reasons: [] },
  breaker: { state: 'ok', reasons: [], judged: false, rates: { bounce: 0, complaint: 0 } },
});

const facts = (fields: Partial<ForecastFacts> = {}): ForecastFacts => ({
  now: MONDAY,
  sequences: [sequence('active')],
  enrollments: Array.from({ length: 20 }, (_, i) => enrollment(i)),
  leadZones: new Map(),
  mailboxes: [{ id: 'mb1', displayName: 'Rita Rep' } as MailboxInfo],
  health: [health(10)],
  engineDay: null,
  repTimeZone: 'America/New_York',
  ...fields,
});

describe('the forecast from what the window holds', () => {
  it("plans with the mailbox's cap from main and warns in words when the caps stretch the sequence", () => {
    const result = forecastOf(facts());
    expect(result.days).toHaveLength(14);
    for (const day of result.days) expect(day.perMailbox.mb1 ?? 0).toBeLessThanOrEqual(10);
    expect(result.days[0]).toMatchObject({ total: 10, short: ['mb1'] });
    const [s] = result.sequences;
    expect(s).toMatchObject({ sequenceId: 's1', withoutCaps: '2026-03-06', stretched: true });
    expect(stretchWords(s!, 3)).toMatch(
      /^At these caps the last lead gets step 3 on \w{3} \d+ Mar, \d+ business days? later than without them\.$/,
    );
    const roomy = forecastOf(facts({ health: [health(100)] }));
    expect(roomy.sequences[0]).toMatchObject({ lastStepDate: '2026-03-06', stretched: false });
    expect(stretchWords(roomy.sequences[0]!, 3)).toBe('');
  });

  it('counts what main says was sent today against the cap', () => {
    const busy = health(10);
    busy.sentToday = 8;
    expect(forecastOf(facts({ health: [busy] })).days[0]!.total).toBe(2);
  });

  it("counts the engine's sends of today against a sequence's daily limit", () => {
    const limited = { ...sequence('active'), dailyLimit: 6 };
    const fresh = forecastOf(facts({ sequences: [limited], health: [health(100)] }));
    expect(fresh.days[0]!.total).toBe(6);
    const engineDay = { day: '2026-03-02', bySequence: { s1: 4 }, lastSentAt: {} };
    const later = forecastOf(facts({ sequences: [limited], health: [health(100)], engineDay }));
    expect(later.days[0]!.total).toBe(2);
  });

  it('plans a draft as if launched, judges parked leads afresh and leaves stopped ones out', () => {
    const input = forecastInputOf(
      facts({
        sequences: [sequence('draft')],
        enrollments: [
          enrollment(1, { nextSendAt: PARKED_AT, waitReason: 'sequence-paused' }),
          enrollment(2, { status: 'stopped', stopReason: 'replied' }),
        ],
      }),
    );
    expect(input.sequences.get('s1')!.paused).toBe(false);
    expect(input.enrollments.map((e) => [e.id, e.nextSendAt])).toEqual([['e1', MONDAY]]);
  });

  it('a disconnected mailbox (no health from main) sends nothing and its leads wait for it past the fortnight', () => {
    const result = forecastOf(facts({ health: [] }));
    expect(result.days.every((d) => d.total === 0)).toBe(true);
    expect(result.unfinished).toBe(20);
  });
});
