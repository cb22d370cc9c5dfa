import { z } from 'zod';
import type { BreakerState } from '../compliance/breakers';

/**
 * The team's sending domains as Gmail's users see them: the daily user-reported spam rate from Google Postmaster
 * Tools, fetched by an admin's desktop (the only place the Google sign-in lives) and shared with the team as the
 * `team` collection's `postmaster` document. Every joined desktop's complaint breaker reads it (see
 * shared/compliance/domain-reputation.ts). Pure: the document's shape and its limits, for the server's push check,
 * main's store and the Team screen alike.
 */

export const POSTMASTER_DOC_ID = 'postmaster';

export const POSTMASTER_LIMITS = {
  /** sending domains one team shares */
  maxDomains: 50,
  /** days kept per domain (the Team screen shows the last 30) */
  maxDays: 31,
  /** bytes of the document's value, as JSON */
  maxValueBytes: 96 * 1024,
} as const;

/** `YYYY-MM-DD`: Postmaster Tools' day (its own calendar day, as `trafficStats/{yyyymmdd}` names it). */
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const RATIO = z.number().min(0).max(1);

export const postmasterDaySchema = z.object({
  date: z.string().regex(DAY),
  /** Postmaster Tools' `userReportedSpamRatio`: spam reports by Gmail users / DKIM-authenticated mail to the inbox */
  spamRate: RATIO,
  /** the interval Google gives for the ratio, when it gives one */
  spamRateLow: RATIO.optional(),
  spamRateHigh: RATIO.optional(),
  /** how many Feedback-ID loops Google flagged as spammy that day */
  spammyLoops: z.number().int().min(0).max(10_000).default(0),
});
export type PostmasterDay = z.infer<typeof postmasterDaySchema>;

/**
 * Why a domain has no figures: `not-verified` (Postmaster Tools has not verified it for the admin's Google account
 * or access was not shared with it — Google answers 403), `no-data` (verified, but Google reports no day with enough
 * Gmail traffic to give a rate).
 */
export const postmasterDomainSchema = z.object({
  domain: z.string().regex(DOMAIN),
  days: z.array(postmasterDaySchema).max(POSTMASTER_LIMITS.maxDays),
  problem: z.enum(['not-verified', 'no-data']).optional(),
});
export type PostmasterDomain = z.infer<typeof postmasterDomainSchema>;

export const postmasterValueSchema = z.object({
  /** when the admin's desktop last read Postmaster Tools (ms) */
  fetchedAt: z.number().int().min(0).max(10_000_000_000_000),
  domains: z.array(postmasterDomainSchema).max(POSTMASTER_LIMITS.maxDomains),
});
export type PostmasterValue = z.infer<typeof postmasterValueSchema>;

/** A domain's figures as the Team screen shows them (`team.reputation`), with today's verdict. */
export interface DomainReputationView extends PostmasterDomain {
  /** how the gate judges a mailbox on this domain today (before any Resume) */
  state: BreakerState['state'];
  /** the reason's sentence when it warns or pauses */
  message: string | null;
}

export type TeamReputationView =
  | { joined: false }
  | { joined: true; fetchedAt: number | null; domains: DomainReputationView[] };

/** A sending domain as written in the document: lower case, no trailing dot. */
export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/** The domain of a mailbox address (what is after the last @), normalised; '' when there is none. */
export function domainOfAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : normaliseDomain(address.slice(at + 1));
}

export function isDomainName(text: string): boolean {
  return DOMAIN.test(normaliseDomain(text));
}
