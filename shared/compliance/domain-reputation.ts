import type { PostmasterDomain } from '../team/postmaster';
import { type BreakerState, type BreakerThresholds, DEFAULT_THRESHOLDS } from './breakers';
import { type Reason, reason } from './reasons';

/**
 * The complaint breaker's second source: a sending domain's daily user-reported spam rate from Google Postmaster
 * Tools (Gmail users pressing "Report spam"), shared by an admin as the team's `postmaster` document. Judged with
 * the same limits as the mailbox's own complaint rate (`complaintWarn` / `complaintPause`: 0.1% and 0.3% by
 * default, Google's own guidance; a team can only make them stricter), and it can only add to the mailbox's own
 * verdict, never lift it.
 *
 * Which day: the latest day Google reported a rate for, if it is at most `FRESH_DAYS` old (Postmaster Tools runs a
 * day or two behind, and a quiet domain gets no figure at all, so an old bad day must not pause a domain for ever)
 * and later than the day the rep last pressed Resume on that mailbox (the days up to then measured the mail sent
 * before the fix).
 */
export const DOMAIN_SPAM_FRESH_DAYS = 7;
const DAY_MS = 86_400_000;

export interface DomainSpamVerdict {
  state: BreakerState['state'];
  reasons: Reason[];
  /** the day judged, when there was one */
  day?: { date: string; spamRate: number };
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pct = (r: number) => `${(r * 100).toFixed(r < 0.01 ? 2 : 1)}%`;

export function judgeDomainSpam(
  domain: PostmasterDomain | undefined,
  {
    now,
    resumedAt,
    thresholds = DEFAULT_THRESHOLDS,
  }: { now: number; resumedAt?: number | undefined; thresholds?: BreakerThresholds },
): DomainSpamVerdict {
  if (!domain) return { state: 'ok', reasons: [] };
  const oldest = utcDay(now - DOMAIN_SPAM_FRESH_DAYS * DAY_MS);
  const today = utcDay(now);
  const afterResume = resumedAt === undefined ? '' : utcDay(resumedAt);
  let latest: PostmasterDomain['days'][number] | undefined;
  for (const d of domain.days) {
    if (d.date < oldest || d.date > today || d.date <= afterResume) continue;
    if (!latest || d.date > latest.date) latest = d;
  }
  if (!latest) return { state: 'ok', reasons: [] };
  const day = { date: latest.date, spamRate: latest.spamRate };
  const { complaintWarn: warnAt, complaintPause: pauseAt } = thresholds;
  if (latest.spamRate < Math.min(warnAt, pauseAt)) return { state: 'ok', reasons: [], day };
  const paused = latest.spamRate >= pauseAt;
  const figures = {
    domain: domain.domain,
    day: latest.date,
    rate: pct(latest.spamRate),
    limit: pct(paused ? pauseAt : warnAt),
    pauseAt: pct(pauseAt),
  };
  return paused
    ? { state: 'paused', reasons: [reason('domain-spam-rate-paused', figures)], day }
    : { state: 'warn', reasons: [reason('domain-spam-rate-warning', figures)], day };
}

const RANK: Record<BreakerState['state'], number> = { ok: 0, warn: 1, paused: 2 };

/** The mailbox's own breaker with its domain's verdict added: the worse state, both sets of reasons. */
export function withDomainSpam(own: BreakerState, domain: DomainSpamVerdict): BreakerState {
  if (domain.state === 'ok') return own;
  return {
    ...own,
    state: RANK[domain.state] > RANK[own.state] ? domain.state : own.state,
    reasons: [...own.reasons, ...domain.reasons],
  };
}
