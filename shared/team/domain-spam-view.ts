import type { DomainReputationView } from './postmaster';
import type { RepRow } from './stats-view';

/**
 * The Team screen's "spam reports" table: per day, the team's own complaint figures (complaints the desktops
 * recorded, over the emails they sent) beside each sending domain's user-reported spam rate from Google Postmaster
 * Tools. Pure, so the table and its tests read the same rows.
 */
export interface DomainSpamRow {
  day: string;
  sent: number;
  complaints: number;
  /** the team's own complaint rate that day, "–" with nothing sent */
  teamRate: string;
  /** per domain (in `domains` order): Google's rate that day, "–" when Google reported none */
  domainRates: string[];
}

export const spamPercent = (ratio: number): string => `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)}%`;

export function domainSpamRows(
  days: readonly string[],
  reps: readonly RepRow[],
  domains: readonly DomainReputationView[],
): DomainSpamRow[] {
  const byDomain = domains.map((d) => new Map(d.days.map((x) => [x.date, x.spamRate])));
  return days.map((day, i) => {
    const sent = reps.reduce((n, r) => n + (r.perDay.sent[i] ?? 0), 0);
    const complaints = reps.reduce((n, r) => n + (r.perDay.complained[i] ?? 0), 0);
    return {
      day,
      sent,
      complaints,
      teamRate: sent > 0 ? spamPercent(complaints / sent) : '–',
      domainRates: byDomain.map((rates) => {
        const rate = rates.get(day);
        return rate === undefined ? '–' : spamPercent(rate);
      }),
    };
  });
}

/** What a domain's line says when Google has no figures for it. */
export const DOMAIN_PROBLEM_WORDS = {
  'not-verified':
    'Google Postmaster Tools has not verified this domain for the admin’s Google account, so there are no figures.',
  'no-data': 'Google reported no day with enough Gmail traffic from this domain to give a rate.',
} as const;
