import { describe, expect, it } from 'vitest';
import { reason } from '../compliance/reasons';
import type { SendOutcome } from '../ipc/send';
import { BRIDGE_RETRY_MS, fateOf, MAX_SLEEP_MS, wakeDelay } from './scheduled-sends';
import { blockedOutcome, CAP_REACHED, SUPPRESSED, sentOutcome } from './testing/outcomes';

const NOW = Date.UTC(2026, 10, 25, 14, 0);
const ok = (value: SendOutcome) => ({ ok: true as const, value });
const nextOf = (value: SendOutcome) => fateOf(ok(value), NOW).next;

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
    expect(nextOf(sentOutcome())).toBe('sent');
    expect(nextOf({ status: 'duplicate', state: 'sent' })).toBe('sent');
  });

  it('held again only by the cap or the window: rescheduled for the gate’s new time', () => {
    const again = blockedOutcome([CAP_REACHED], NOW + 3_600_000);
    expect(fateOf(ok(again), NOW)).toMatchObject({ next: 'rescheduled', at: NOW + 3_600_000 });
  });

  it('held by a mailbox the rep paused: kept, tried again when main says, never dropped', () => {
    const paused = { ...blockedOutcome([reason('mailbox-paused-by-rep')]), retryAt: NOW + 900_000 };
    expect(fateOf(ok(paused), NOW)).toMatchObject({ next: 'rescheduled', at: NOW + 900_000 });
    // paused and suppressed: the lead's problem does not wait for a Resume
    const both = { ...blockedOutcome([reason('mailbox-paused-by-rep'), SUPPRESSED]), retryAt: NOW + 900_000 };
    expect(nextOf(both)).toBe('stopped');
  });

  it('held while all sending is paused: kept, tried again when main says, never dropped', () => {
    const paused = { ...blockedOutcome([reason('sending-paused')]), retryAt: NOW + 900_000 };
    expect(fateOf(ok(paused), NOW)).toMatchObject({ next: 'rescheduled', at: NOW + 900_000 });
  });

  it('blocked by anything else, or failed: stopped', () => {
    expect(nextOf(blockedOutcome([SUPPRESSED]))).toBe('stopped');
    expect(nextOf(blockedOutcome([CAP_REACHED, SUPPRESSED]))).toBe('stopped');
    expect(
      nextOf({
        status: 'failed',
        code: 'rejected-permanent',
        message: '550 no',
        retryable: false,
        gate: { verdict: 'ok', score: 0, reasons: [] },
      }),
    ).toBe('stopped');
    expect(nextOf({ status: 'duplicate', state: 'failed' })).toBe('stopped');
  });

  it('unknown fate, or being sent elsewhere: held for the rep, never sent again on its own', () => {
    expect(
      nextOf({
        status: 'unknown',
        messageId: '<a@b>',
        why: 'connection-lost',
        message: 'dropped',
        gate: { verdict: 'ok', score: 0, reasons: [] },
      }),
    ).toBe('held');
    expect(nextOf({ status: 'duplicate', state: 'sending' })).toBe('held');
    expect(nextOf({ status: 'duplicate', state: 'unknown' })).toBe('held');
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
