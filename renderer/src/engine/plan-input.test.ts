import { describe, expect, it } from 'vitest';
import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import { planTick } from '../../../shared/sequences/planner';
import type { EnrollmentDoc } from '../db/schemas/outreach';
import { waitWords } from '../features/leads/detail/timeline';
import { forecastOf } from '../features/sequences/forecast-input';
import { testSequence } from '../features/sequences/test-sequence';
import { mailboxStateOf, planInputOf } from './plan-input';

// A mailbox the rep paused ("Pause sending" on its card) plans nothing: its leads wait with a reason the
// timeline words, and the forecast shows nothing going from it until it is resumed.

const MONDAY_10 = Date.parse('2026-03-02T15:00:00Z'); // 10:00 in New York, inside Mon–Fri 09–17

const mailbox = (fields: Partial<MailboxInfo> = {}): MailboxInfo =>
  ({ id: 'mb1', displayName: 'Rita Rep', address: 'rita@acme.test', ...fields }) as MailboxInfo;

const health = (breaker: 'ok' | 'paused' = 'ok'): MailboxHealthInfo => ({
  id: 'mb1',
  sentToday: 0,
  cap: { cap: 50, target: 50, ceiling: 500, rampingUp: false, reasons: [] },
  breaker: { state: breaker, reasons: [], judged: false, rates: { bounce: 0, complaint: 0 } },
});

const enrollment = (i: number): EnrollmentDoc => ({
  id: `e${i}`,
  sequenceId: 's1',
  leadId: `l${i}`,
  mailboxId: 'mb1',
  step: 0,
  status: 'active',
  waitReason: '',
  variants: [],
  nextSendAt: MONDAY_10 - 60_000,
  enrolledAt: 0,
  updatedAt: 0,
});

const planFor = (m: MailboxInfo) =>
  planTick(
    planInputOf({
      now: MONDAY_10,
      horizonMs: 15 * 60_000,
      due: [enrollment(1), enrollment(2)],
      sequences: new Map([['s1', testSequence('active')]]),
      leadZones: new Map(),
      mailboxes: [m],
      health: [health()],
      engineDay: { day: '2026-03-02', bySequence: {}, lastSentAt: {} },
      repTimeZone: 'America/New_York',
      jitterSeed: 7,
    }),
  );

describe('a mailbox the rep paused, as the planner sees it', () => {
  it('is paused while its record says so, and sends again once resumed', () => {
    expect(mailboxStateOf(mailbox({ pausedAt: MONDAY_10 - 1 }), health())).toBe('paused');
    expect(mailboxStateOf(mailbox(), health())).toBe('ready');
    // the rep's pause is named before a breaker's: the rep's Resume is what the screen asks for
    expect(mailboxStateOf(mailbox({ pausedAt: 1 }), health('paused'))).toBe('paused');
    expect(mailboxStateOf(mailbox(), health('paused'))).toBe('breaker');
    expect(mailboxStateOf(mailbox({ pausedAt: 1 }), undefined)).toBe('disconnected');
  });

  it('plans no send from it: its leads wait, looked at again, with the reason the timeline words', () => {
    const paused = planFor(mailbox({ pausedAt: MONDAY_10 - 1 }));
    expect(paused.sends).toEqual([]);
    expect(paused.waits.map((w) => [w.enrollmentId, w.reason])).toEqual([
      ['e1', 'mailbox-paused'],
      ['e2', 'mailbox-paused'],
    ]);
    expect(waitWords(paused.waits[0]!.reason)).toBe(
      'waits: you paused its mailbox; it goes on when you press Resume sending (Mailboxes)',
    );
    // never parked for good: the engine looks again, so a Resume is picked up without the rep doing more
    for (const w of paused.waits) expect(w.until).toBeGreaterThan(MONDAY_10);

    const resumed = planFor(mailbox());
    expect(resumed.sends.map((s) => s.enrollmentId)).toContain('e1');
    expect(resumed.waits.filter((w) => w.reason === 'mailbox-paused')).toEqual([]);
  });

  it('sends nothing from it in the forecast while paused', () => {
    const facts = {
      now: MONDAY_10,
      sequences: [testSequence('active')],
      enrollments: [enrollment(1), enrollment(2)],
      leadZones: new Map<string, string>(),
      health: [health()],
      engineDay: null,
      repTimeZone: 'America/New_York',
    };
    const paused = forecastOf({ ...facts, mailboxes: [mailbox({ pausedAt: 1 })] });
    expect(paused.days.reduce((n, d) => n + d.total, 0)).toBe(0);
    expect(paused.lastStepDate).toBeNull();
    const sending = forecastOf({ ...facts, mailboxes: [mailbox()] });
    expect(sending.days[0]!.perMailbox.mb1).toBe(2);
  });
});
