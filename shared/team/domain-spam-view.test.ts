import { describe, expect, it } from 'vitest';
import { domainSpamRows } from './domain-spam-view';
import type { DomainReputationView } from './postmaster';
import type { RepRow } from './stats-view';

const rep = (sent: number[], complained: number[]): RepRow =>
  ({
    memberId: 'm',
    name: 'Ana',
    role: 'rep',
    totals: {},
    perDay: { sent, complained },
  }) as unknown as RepRow;

describe('domainSpamRows', () => {
  it('puts each day’s team complaints beside each domain’s Postmaster rate, "–" where there is none', () => {
    const domains: DomainReputationView[] = [
      {
        domain: 'acme.test',
        days: [{ date: '2026-12-01', spamRate: 0.0035, spammyLoops: 0 }],
        state: 'paused',
        message: 'Paused: …',
      },
      { domain: 'quiet.test', days: [], problem: 'no-data', state: 'ok', message: null },
    ];
    const rows = domainSpamRows(
      ['2026-11-30', '2026-12-01'],
      [rep([0, 400], [0, 1]), rep([10, 600], [0, 2])],
      domains,
    );
    expect(rows).toEqual([
      { day: '2026-11-30', sent: 10, complaints: 0, teamRate: '0.00%', domainRates: ['–', '–'] },
      { day: '2026-12-01', sent: 1000, complaints: 3, teamRate: '0.30%', domainRates: ['0.35%', '–'] },
    ]);
  });

  it('says "–" for the team’s rate on a day nothing was sent', () => {
    expect(domainSpamRows(['2026-12-01'], [rep([0], [0])], [])[0]?.teamRate).toBe('–');
  });
});
