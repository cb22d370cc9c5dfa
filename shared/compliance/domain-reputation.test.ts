import { describe, expect, it } from 'vitest';
import type { PostmasterDomain } from '../team/postmaster';
import { DEFAULT_THRESHOLDS, evaluateBreaker, tightenThresholds } from './breakers';
import { judgeDomainSpam, withDomainSpam } from './domain-reputation';

const now = Date.UTC(2026, 11, 2, 12, 0, 0); // 2026-12-02
const domain = (days: [string, number][]): PostmasterDomain => ({
  domain: 'acme.test',
  days: days.map(([date, spamRate]) => ({ date, spamRate, spammyLoops: 0 })),
});

describe('judgeDomainSpam at the 0.1% and 0.3% edges', () => {
  it.each<[string, number, 'ok' | 'warn' | 'paused', string[]]>([
    ['nothing reported', 0, 'ok', []],
    ['just under 0.1%', 0.000999, 'ok', []],
    ['exactly 0.1% warns', 0.001, 'warn', ['domain-spam-rate-warning']],
    ['just under 0.3% still warns', 0.002999, 'warn', ['domain-spam-rate-warning']],
    ['exactly 0.3% pauses', 0.003, 'paused', ['domain-spam-rate-paused']],
    ['0.35% pauses', 0.0035, 'paused', ['domain-spam-rate-paused']],
  ])('%s', (_, rate, state, codes) => {
    const verdict = judgeDomainSpam(domain([['2026-12-01', rate]]), { now });
    expect(verdict.state).toBe(state);
    expect(verdict.reasons.map((r) => r.code)).toEqual(codes);
    expect(verdict.day).toEqual({ date: '2026-12-01', spamRate: rate });
  });

  it('says in words which domain, which day and what to do', () => {
    const [r] = judgeDomainSpam(domain([['2026-12-01', 0.0035]]), { now }).reasons;
    expect(r?.message).toBe(
      'Paused: Gmail users reported 0.35% of the email from acme.test as spam on 2026-12-01 (Google Postmaster Tools), over the pause limit of 0.30%; every mailbox on acme.test is paused.',
    );
    expect(r?.fix).toContain('press Resume after the fix on the mailbox');
  });

  it('judges the latest reported day, not the worst', () => {
    const verdict = judgeDomainSpam(
      domain([
        ['2026-11-29', 0.004],
        ['2026-12-01', 0.0005],
        ['2026-11-30', 0.002],
      ]),
      { now },
    );
    expect(verdict).toMatchObject({ state: 'ok', day: { date: '2026-12-01' } });
  });

  it('lets a figure older than a week go (a paused domain sends too little for Google to report it)', () => {
    expect(judgeDomainSpam(domain([['2026-11-25', 0.01]]), { now }).state).toBe('paused');
    expect(judgeDomainSpam(domain([['2026-11-24', 0.01]]), { now }).state).toBe('ok');
  });

  it('after Resume, judges only days after the resume day', () => {
    const days = domain([['2026-12-01', 0.004]]);
    expect(judgeDomainSpam(days, { now, resumedAt: Date.UTC(2026, 10, 30, 9) }).state).toBe('paused');
    expect(judgeDomainSpam(days, { now, resumedAt: Date.UTC(2026, 11, 1, 9) }).state).toBe('ok');
    expect(judgeDomainSpam(days, { now, resumedAt: Date.UTC(2026, 11, 2, 9) }).state).toBe('ok');
  });

  it('uses the team’s stricter complaint limits, never looser ones', () => {
    const strict = tightenThresholds(DEFAULT_THRESHOLDS, { complaintWarn: 0.0005, complaintPause: 0.002 });
    expect(
      judgeDomainSpam(domain([['2026-12-01', 0.002]]), { now, thresholds: strict.thresholds }).state,
    ).toBe('paused');
    const loose = tightenThresholds(DEFAULT_THRESHOLDS, { complaintPause: 0.01 });
    expect(
      judgeDomainSpam(domain([['2026-12-01', 0.003]]), { now, thresholds: loose.thresholds }).state,
    ).toBe('paused');
  });

  it('no document for the domain changes nothing', () => {
    expect(judgeDomainSpam(undefined, { now })).toEqual({ state: 'ok', reasons: [] });
  });
});

describe('withDomainSpam', () => {
  const clean = evaluateBreaker({ sends: 100, hardBounces: 0, complaints: 0 });
  const ownWarn = evaluateBreaker({ sends: 1000, hardBounces: 20, complaints: 0 });
  const ownPaused = evaluateBreaker({ sends: 100, hardBounces: 5, complaints: 0 });
  const paused = judgeDomainSpam(domain([['2026-12-01', 0.0035]]), { now });
  const warn = judgeDomainSpam(domain([['2026-12-01', 0.0015]]), { now });
  const ok = judgeDomainSpam(domain([['2026-12-01', 0.0001]]), { now });

  it('adds the domain’s pause to a clean mailbox', () => {
    expect(withDomainSpam(clean, paused)).toMatchObject({ state: 'paused' });
    expect(withDomainSpam(clean, paused).reasons.map((r) => r.code)).toEqual(['domain-spam-rate-paused']);
  });
  it('never lifts the mailbox’s own verdict', () => {
    expect(withDomainSpam(ownPaused, warn).state).toBe('paused');
    expect(withDomainSpam(ownPaused, ok)).toBe(ownPaused);
    expect(withDomainSpam(ownWarn, paused).reasons.map((r) => r.code)).toEqual([
      'bounce-rate-warning',
      'domain-spam-rate-paused',
    ]);
  });
});
