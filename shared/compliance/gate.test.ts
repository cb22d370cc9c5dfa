import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, evaluateBreaker } from './breakers';
import { decide, type GateFacts } from './gate';
import { dailyCap } from './limits';
import { SuppressionIndex } from './suppression-index';

const NOW = Date.UTC(2026, 10, 25, 14, 0); // a Wednesday, 15:00 in Berlin
const KEY_A = 'a'.repeat(64);
const KEY_D = 'd'.repeat(64);

function facts(over: Partial<GateFacts> = {}): GateFacts {
  return {
    now: NOW,
    kind: 'sequence',
    profile: {
      company: 'Acme GmbH',
      postalAddress: 'Torstraße 1, 10119 Berlin',
      unsubscribeBaseUrl: 'https://team.acme.test',
      unsubscribeMailto: 'unsubscribe@acme.test',
    },
    recipient: { address: 'jane@example.test', timeZone: 'Europe/Berlin' },
    mx: { kind: 'found', hosts: ['mx.example.test'] },
    suppression: { ready: true, index: new SuppressionIndex(), addressKey: KEY_A, domainKey: KEY_D },
    limits: {
      cap: dailyCap({ provider: 'google-workspace', createdAt: NOW - 60 * 86_400_000, now: NOW }),
      sentToday: 0,
      breaker: evaluateBreaker({ sends: 0, hardBounces: 0, complaints: 0 }),
      mailboxTimeZone: 'Europe/Berlin',
    },
    senderAuth: { verdict: 'ok', reasons: [], consumer: null },
    content: {
      subject: 'Onboarding analysts at Example',
      html: '<p>Hi Jane, worth a short call next week?</p>',
      text: 'Hi Jane, worth a short call next week?',
      isFirstTouch: true,
    },
    ...over,
  };
}

const codes = (f: GateFacts) => decide(f).reasons.map((r) => r.code);

describe('the gate decision', () => {
  it('lets a clean draft through with no reasons', () => {
    expect(decide(facts())).toMatchObject({ verdict: 'ok', reasons: [] });
  });

  it.each<[string, Partial<GateFacts> | (() => Partial<GateFacts>), string]>([
    ['no sender identity', { profile: null }, 'identity-missing'],
    ['an invalid address', { recipient: { address: 'jane@' } }, 'invalid-address'],
    [
      'a suppressed address',
      () => {
        const index = new SuppressionIndex();
        index.add(KEY_A);
        return { suppression: { ready: true, index, addressKey: KEY_A, domainKey: KEY_D } };
      },
      'suppressed-address',
    ],
    [
      'a list that has not loaded',
      { suppression: { ready: false, index: new SuppressionIndex(), addressKey: KEY_A, domainKey: KEY_D } },
      'suppression-not-ready',
    ],
    ['the daily cap', () => ({ limits: { ...facts().limits, sentToday: 30 } }), 'daily-cap-reached'],
    [
      'a paused mailbox',
      () => ({
        limits: {
          ...facts().limits,
          breaker: evaluateBreaker({ sends: 100, hardBounces: 5, complaints: 0 }, DEFAULT_THRESHOLDS),
        },
      }),
      'bounce-rate-paused',
    ],
    [
      'outside the send window (a sequence step at 03:00)',
      { now: Date.UTC(2026, 10, 25, 2, 0) },
      'outside-send-window',
    ],
    [
      'a sender domain without DMARC',
      {
        senderAuth: {
          verdict: 'block',
          reasons: [{ code: 'dmarc-missing', message: 'No DMARC record.' }],
          consumer: null,
        },
      },
      'dmarc-missing',
    ],
    [
      'a fake Re: on a first touch',
      () => ({ content: { ...facts().content, subject: 'Re: our call' } }),
      'deceptive-subject',
    ],
  ])('blocks %s', (_name, over, code) => {
    const f = facts(typeof over === 'function' ? over() : over);
    const decision = decide(f);
    expect(decision.verdict).toBe('block');
    expect(codes(f)).toContain(code);
  });

  it('runs every step, so the editor shows every reason at once', () => {
    const f = facts({ profile: null, content: { ...facts().content, subject: 'Re: FREE!!!' } });
    expect(codes(f)).toEqual(expect.arrayContaining(['identity-missing', 'deceptive-subject']));
  });

  it('does not hold a one-off email to the send window, but still to the cap', () => {
    const night = { now: Date.UTC(2026, 10, 25, 2, 0), kind: 'one-off' as const };
    expect(decide(facts(night)).verdict).toBe('ok');
    expect(codes(facts({ ...night, limits: { ...facts().limits, sentToday: 30 } }))).toContain(
      'daily-cap-reached',
    );
  });

  it('says when a held sequence step may go', () => {
    const decision = decide(facts({ now: Date.UTC(2026, 10, 25, 2, 0) }));
    expect(decision.retryAt).toBe(Date.UTC(2026, 10, 25, 7, 0)); // 08:00 in Berlin
  });
});
