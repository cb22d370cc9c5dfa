import { describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../../shared/ipc/send';
import { BRIDGE_RETRY_MS } from '../../../shared/outbox/scheduled-sends';
import { blockedOutcome, CAP_REACHED, sentOutcome } from '../../../shared/outbox/testing/outcomes';
import { FAILED_RETRY_MS, FIX_RETRY_MS, HELD_RECHECK_MS, transitionOf } from './step-outcome';

const NOW = Date.UTC(2026, 11, 1, 10);
const ok = (value: SendOutcome) => ({ ok: true as const, value });
const failed = (code: string, retryable: boolean): SendOutcome => ({
  status: 'failed',
  code,
  message: 'no',
  retryable,
  gate: { verdict: 'ok', score: 0, reasons: [] },
});

describe('what a send answer makes of an enrollment', () => {
  it('moves on when sent, and when main says the key went out before', () => {
    expect(transitionOf(ok(sentOutcome()), NOW)).toEqual({ next: 'advance', messageId: '<fs.1@acme.test>' });
    expect(transitionOf(ok({ status: 'duplicate', state: 'sent' }), NOW)).toEqual({
      next: 'advance',
      messageId: null,
    });
    // the journal's Message-ID, when main has it, so the next step still threads
    expect(transitionOf(ok({ status: 'duplicate', state: 'sent', messageId: '<a@b>' }), NOW)).toEqual({
      next: 'advance',
      messageId: '<a@b>',
    });
  });

  it('holds an unknown fate, and a key main is still sending or holding', () => {
    const unknown: SendOutcome = {
      status: 'unknown',
      messageId: '<x@y>',
      why: 'timed-out',
      message: '',
      gate: { verdict: 'ok', score: 0, reasons: [] },
    };
    for (const outcome of [unknown, { status: 'duplicate', state: 'unknown' } as const])
      expect(transitionOf(ok(outcome), NOW)).toEqual({ next: 'hold', at: NOW + HELD_RECHECK_MS });
  });

  it('waits for the time the gate names for the cap, and stops for a suppressed lead', () => {
    expect(transitionOf(ok(blockedOutcome([CAP_REACHED], NOW + 5)), NOW)).toEqual({
      next: 'wait',
      at: NOW + 5,
      reason: 'daily-cap-reached',
    });
    const suppressed = blockedOutcome([{ code: 'suppressed-domain', message: 'listed' }]);
    expect(transitionOf(ok(suppressed), NOW)).toEqual({ next: 'stop', reason: 'suppressed-domain' });
  });

  it('keeps a step due when all sending was paused during the run: it goes with the run Resume wakes', () => {
    const paused = blockedOutcome([{ code: 'sending-paused', message: 'paused' }]);
    expect(transitionOf(ok(paused), NOW)).toEqual({ next: 'wait', at: NOW + 1, reason: 'sending-paused' });
  });

  it('keeps a lead waiting for the rep when the mailbox or sender is at fault, never stopping it', () => {
    const breaker = blockedOutcome([{ code: 'bounce-rate-paused', message: 'paused' }]);
    expect(transitionOf(ok(breaker), NOW)).toEqual({
      next: 'wait',
      at: NOW + FIX_RETRY_MS,
      reason: 'bounce-rate-paused',
    });
    expect(transitionOf({ ok: false, error: { code: 'not-found', message: 'gone' } }, NOW)).toEqual({
      next: 'wait',
      at: NOW + FIX_RETRY_MS,
      reason: 'mailbox-gone',
    });
    expect(transitionOf({ ok: false, error: { code: 'internal', message: 'x' } }, NOW)).toMatchObject({
      next: 'wait',
      at: NOW + BRIDGE_RETRY_MS,
    });
  });

  it('retries a retryable failure later, and stops on a recipient refused for good', () => {
    expect(transitionOf(ok(failed('transient', true)), NOW)).toEqual({
      next: 'wait',
      at: NOW + FAILED_RETRY_MS,
      reason: 'transient',
    });
    expect(transitionOf(ok(failed('rejected-permanent', false)), NOW)).toEqual({
      next: 'stop',
      reason: 'rejected-permanent',
    });
  });
});
