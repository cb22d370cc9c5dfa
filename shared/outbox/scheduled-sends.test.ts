import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/chain';
import type { SendOutcome } from '../ipc/send';
import { BRIDGE_RETRY_MS, fateOf, MAX_SLEEP_MS, wakeDelay } from './scheduled-sends';

const NOW = Date.UTC(2026, 10, 25, 14, 0);
const audit = {} as AuditEvent;
const cap = {
  code: 'daily-cap-reached' as const,
  message: 'This mailbox has sent 1 of its 1 emails for today.',
};
const ok = (value: SendOutcome) => ({ ok: true as const, value });

describe('when the scheduler wakes', () => {
  it('sleeps until the soonest scheduled message, at once when one is overdue', () => {
    expect(wakeDelay(NOW + 60_000, NOW)).toBe(60_000);
    expect(wakeDelay(NOW - 5_000, NOW)).toBe(0);
  });

  it('never sleeps longer than the longest sleep, nor forever when nothing is scheduled', () => {
    expect(wakeDelay(NOW + 86_400_000, NOW)).toBe(MAX_SLEEP_MS);
    expect(wakeDelay(null, NOW)).toBe(MAX_SLEEP_MS);
  });
});

describe('what an attempt makes of a scheduled message', () => {
  it('sent, or already sent under its key (by another window)', () => {
    const sent: SendOutcome = {
      status: 'sent',
      messageId: '<a@b>',
      providerId: '250',
      gate: { verdict: 'ok', score: 0, reasons: [] },
    };
    expect(fateOf(ok(sent), NOW).next).toBe('sent');
    expect(fateOf(ok({ status: 'duplicate', state: 'sent' }), NOW).next).toBe('sent');
  });

  it('held again only by the cap or the window: rescheduled for the gate’s new time', () => {
    const again: SendOutcome = {
      status: 'blocked',
      gate: { verdict: 'block', score: 0, reasons: [cap], scheduleAt: NOW + 3_600_000 },
      audit,
    };
    expect(fateOf(ok(again), NOW)).toMatchObject({ next: 'rescheduled', at: NOW + 3_600_000 });
  });

  it('blocked by anything else, or failed: stopped', () => {
    const suppressed: SendOutcome = {
      status: 'blocked',
      gate: {
        verdict: 'block',
        score: 0,
        reasons: [{ code: 'suppressed-address', message: 'On the list.' }],
      },
      audit,
    };
    const failed: SendOutcome = {
      status: 'failed',
      code: 'rejected-permanent',
      message: '550 no',
      retryable: false,
      gate: { verdict: 'ok', score: 0, reasons: [] },
    };
    expect(fateOf(ok(suppressed), NOW).next).toBe('stopped');
    expect(fateOf(ok(failed), NOW).next).toBe('stopped');
  });

  it('unknown fate, or being sent elsewhere: held for the rep, never sent again on its own', () => {
    const unknown: SendOutcome = {
      status: 'unknown',
      messageId: '<a@b>',
      why: 'connection-lost',
      message: 'dropped',
      gate: { verdict: 'ok', score: 0, reasons: [] },
    };
    expect(fateOf(ok(unknown), NOW).next).toBe('held');
    expect(fateOf(ok({ status: 'duplicate', state: 'sending' }), NOW).next).toBe('held');
    expect(fateOf(ok({ status: 'duplicate', state: 'unknown' }), NOW).next).toBe('held');
  });

  it('main not reachable: tried again later; refused for good: stopped with the reason', () => {
    const down = {
      ok: false as const,
      error: { code: 'transient' as const, message: 'Main is restarting.' },
    };
    const gone = { ok: false as const, error: { code: 'not-found' as const, message: 'No such mailbox.' } };
    expect(fateOf(down, NOW)).toEqual({
      next: 'retry',
      at: NOW + BRIDGE_RETRY_MS,
      problem: 'Main is restarting.',
    });
    expect(fateOf(gone, NOW)).toEqual({ next: 'refused', code: 'not-found', problem: 'No such mailbox.' });
  });
});
