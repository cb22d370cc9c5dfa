import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, evaluateBreaker } from './breakers';
import { decide, type GateFacts } from './gate';
import { dailyCap } from './limits';
import { reason } from './reasons';
import { SuppressionIndex } from './suppression-index';
import { heldUntilResumed, RESUME_RECHECK_MS } from './waiting';

// The rep's own pause of one mailbox, at the gate: every send from it is held (blocked, tried again, never a
// failure and never offered a time to schedule for), with a fix that names the button the card has.

const NOW = Date.UTC(2026, 10, 25, 14, 0); // a Wednesday, 15:00 in Berlin, inside the window

function facts(over: Partial<GateFacts['limits']> = {}, now = NOW): GateFacts {
  return {
    now,
    kind: 'sequence',
    profile: {
      company: 'Acme GmbH',
      postalAddress: 'Torstraße 1, 10119 Berlin',
      unsubscribeBaseUrl: 'https://team.acme.test',
      unsubscribeMailto: 'unsubscribe@acme.test',
    },
    recipient: { address: 'jane@example.test', timeZone: 'Europe/Berlin' },
    mx: { kind: 'found', hosts: ['mx.example.test'] },
    suppression: {
      ready: true,
      index: new SuppressionIndex(),
      addressKey: 'a'.repeat(64),
      domainKey: 'd'.repeat(64),
    },
    limits: {
      cap: dailyCap({ provider: 'google-workspace', createdAt: now - 60 * 86_400_000, now }),
      sentToday: 0,
      breaker: evaluateBreaker({ sends: 0, hardBounces: 0, complaints: 0 }),
      mailboxTimeZone: 'Europe/Berlin',
      ...over,
    },
    senderAuth: { verdict: 'ok', reasons: [], consumer: null },
    content: {
      subject: 'Onboarding analysts at Example',
      html: '<p>Hi Jane, worth a short call next week?</p>',
      text: 'Hi Jane, worth a short call next week?',
      isFirstTouch: true,
    },
  };
}

describe('a mailbox the rep paused, at the gate', () => {
  it('lets the same send through when the mailbox is not paused', () => {
    expect(decide(facts()).verdict).toBe('ok');
    expect(decide(facts({ pausedByRep: false })).verdict).toBe('ok');
  });

  it('blocks a sequence step and a one-off alike, held and tried again, never scheduled for a time', () => {
    for (const kind of ['sequence', 'one-off'] as const) {
      const decision = decide({ ...facts({ pausedByRep: true }), kind });
      expect(decision.verdict).toBe('block');
      expect(decision.reasons.map((r) => r.code)).toEqual(['mailbox-paused-by-rep']);
      expect(decision.retryAt).toBe(NOW + RESUME_RECHECK_MS);
      expect(decision.scheduleAt).toBeUndefined();
      expect(heldUntilResumed(decision.reasons)).toBe(true);
    }
  });

  it('tells the rep in words, with the button the mailbox card really has', () => {
    const r = reason('mailbox-paused-by-rep');
    expect(r.message).toBe('You paused this mailbox, so no email goes from it until you resume it.');
    expect(r.fix).toContain('Resume sending');
    expect(r.fix).toContain('Mailboxes');
  });

  it('waits for the later of the window and the recheck when both hold the send', () => {
    const night = Date.UTC(2026, 10, 25, 2, 0); // 03:00 in Berlin
    const decision = decide(facts({ pausedByRep: true }, night));
    expect(decision.reasons.map((r) => r.code)).toEqual(['mailbox-paused-by-rep', 'outside-send-window']);
    expect(decision.retryAt).toBe(Date.UTC(2026, 10, 25, 7, 0)); // the window opens at 08:00 in Berlin
    expect(decision.scheduleAt).toBeUndefined();
  });

  it('is not "held until resumed" when something else blocks too (a breaker, a suppressed lead)', () => {
    const tripped = evaluateBreaker({ sends: 100, hardBounces: 5, complaints: 0 }, DEFAULT_THRESHOLDS);
    const both = decide(facts({ pausedByRep: true, breaker: tripped }));
    expect(both.reasons.map((r) => r.code)).toEqual(['bounce-rate-paused', 'mailbox-paused-by-rep']);
    expect(heldUntilResumed(both.reasons)).toBe(false);
    expect(heldUntilResumed([])).toBe(false);
    // a warning beside the pause does not change that it waits for the rep's Resume
    expect(heldUntilResumed([reason('mailbox-paused-by-rep'), reason('tracking-pixel')])).toBe(true);
  });
});
