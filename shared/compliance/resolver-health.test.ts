import { describe, expect, it } from 'vitest';
import { DNS_RETRY_MS, decide } from './gate';
import type { MxAnswer } from './recipient';
import { createResolverHealth, ownDomainCanaries } from './resolver-health';
import { CLEAN_NOW, cleanGateFacts } from './testing/clean-facts';

const CLEAN_DRAFT = {
  subject: 'Onboarding at Acme',
  text: 'Hi Dana,\n\nWould a short call next week about onboarding work for you?\n\nBest, Rita',
  isFirstTouch: true,
};

describe('createResolverHealth', () => {
  it('judges DNS failing only when every canary fails, and keeps the judgement briefly', async () => {
    const answers: Record<string, MxAnswer> = {
      'gmail.com': { kind: 'nxdomain' },
      'acme.com': { kind: 'error' },
    };
    let asked = 0;
    let t = 0;
    const health = createResolverHealth(
      {
        mx: async (d) => {
          asked++;
          return answers[d] ?? { kind: 'nxdomain' };
        },
      },
      { canaries: () => ['gmail.com', 'acme.com'], ttlMs: 30_000, now: () => t },
    );
    expect(await health.isFailing()).toBe(true);
    expect(asked).toBe(2);
    answers['acme.com'] = { kind: 'found', hosts: ['mx.acme.com'] };
    t = 29_000;
    expect(await health.isFailing()).toBe(true); // cached
    t = 31_000;
    expect(await health.isFailing()).toBe(false); // one canary answered: the resolver works
    expect(asked).toBe(4);
  });

  it('names the rep’s sending domains and their parents as canaries', () => {
    expect(ownDomainCanaries(['rep@mail.acme.com', 'x@b.io'])).toEqual(['mail.acme.com', 'acme.com', 'b.io']);
  });
});

describe('the gate when DNS is failing', () => {
  it('holds the send for a retry, without judging the lead or its domain', () => {
    const decision = decide({ ...cleanGateFacts(CLEAN_DRAFT), kind: 'one-off', mx: { kind: 'dns-failing' } });
    expect(decision.verdict).toBe('block');
    expect(decision.reasons.map((r) => r.code)).toEqual(['dns-failing']);
    expect(decision.retryAt).toBe(CLEAN_NOW + DNS_RETRY_MS);
  });

  it('gives no retry time to a domain that does not exist', () => {
    const decision = decide({ ...cleanGateFacts(CLEAN_DRAFT), kind: 'one-off', mx: { kind: 'nxdomain' } });
    expect(decision.reasons.map((r) => r.code)).toEqual(['domain-not-found']);
    expect(decision.retryAt).toBeUndefined();
  });
});
