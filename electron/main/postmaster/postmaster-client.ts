import { err, ok, type Result } from '../../../shared/ipc/result';
import { normaliseDomain, type PostmasterDay } from '../../../shared/team/postmaster';
import { type GmailSettings, googleEndpoints } from '../mailboxes/gmail/gmail-settings';
import { type AccessTokenSource, authorizedCall } from '../oauth/authorized-call';
import { field, type HttpOutcome } from '../oauth/http-call';

/**
 * The Gmail Postmaster Tools API v1, the two reads Fairsend makes: `GET /v1/domains` (the domains the connected
 * Google account has registered, with its permission on each) and `GET /v1/domains/{domain}/trafficStats` for a
 * range of days (`startDate` inclusive, `endDate` exclusive, as Google's `Date` query fields). The access token
 * comes from google-auth-library (createGoogleTokenSource) and gets one silent refresh on a 401.
 */
export const POSTMASTER_SCOPE = 'https://www.googleapis.com/auth/postmaster.readonly';

export interface PostmasterDomainInfo {
  domain: string;
  /** OWNER and READER can read figures; NONE cannot (not verified, or access not shared) */
  permission: 'OWNER' | 'READER' | 'NONE' | 'PERMISSION_UNSPECIFIED';
}

export const POSTMASTER_MESSAGES = {
  signedOut:
    'Google no longer accepts Fairsend’s access to Postmaster Tools. Connect Postmaster Tools again in Settings → Team.',
  notVerified: (domain: string) =>
    `Google Postmaster Tools has not verified ${domain} for the Google account you connected, or its owner has not shared it with that account. Verify the domain at postmaster.google.com (or ask its owner to add you), then fetch again.`,
} as const;

/** Postmaster Tools' failures in our catalogue; Google's own text is never repeated (it can echo addresses). */
function translate(failure: HttpOutcome, domain?: string): Result<never> {
  if (failure.kind === 'timeout')
    return err('transient', 'Google Postmaster Tools did not answer in time. Fairsend will try again later.');
  if (failure.kind === 'network')
    return err('transient', 'Could not reach Google Postmaster Tools. Fairsend will try again later.');
  const { status } = failure;
  if (status === 401) return err('auth-expired', POSTMASTER_MESSAGES.signedOut);
  if (status === 429)
    return err('rate-limited', 'Google Postmaster Tools asked Fairsend to slow down. Try again later.');
  const details = field(failure.body, 'error', 'details');
  const scopeMissing =
    Array.isArray(details) && details.some((d) => field(d, 'reason') === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  if (status === 403 && scopeMissing) return err('auth-expired', POSTMASTER_MESSAGES.signedOut);
  if (status === 403 && field(failure.body, 'error', 'status') === 'PERMISSION_DENIED' && domain)
    return err('forbidden', POSTMASTER_MESSAGES.notVerified(domain));
  if (status === 403) return err('auth-expired', POSTMASTER_MESSAGES.signedOut);
  if (status === 404 && domain)
    return err(
      'not-found',
      `Google Postmaster Tools does not know ${domain}. Add it at postmaster.google.com.`,
    );
  if (status >= 500)
    return err('transient', `Google Postmaster Tools had a temporary problem (${status}). Try again later.`);
  return err('rejected-permanent', `Google Postmaster Tools refused the request (${status}).`);
}

const MAX_PAGES = 20;
const PERMISSIONS = new Set(['OWNER', 'READER', 'NONE', 'PERMISSION_UNSPECIFIED']);

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : undefined;

/** One TrafficStats resource as a day of the team document; a day without a spam ratio is left out. */
export function dayOf(stats: unknown): PostmasterDay | null {
  const name = field(stats, 'name');
  const date = typeof name === 'string' ? /\/trafficStats\/(\d{4})(\d{2})(\d{2})$/.exec(name) : null;
  const spamRate = num(field(stats, 'userReportedSpamRatio'));
  if (!date || spamRate === undefined) return null;
  const low = num(field(stats, 'userReportedSpamRatioLowerBound'));
  const high = num(field(stats, 'userReportedSpamRatioUpperBound'));
  const loops = field(stats, 'spammyFeedbackLoops');
  return {
    date: `${date[1]}-${date[2]}-${date[3]}`,
    spamRate,
    ...(low !== undefined ? { spamRateLow: low } : {}),
    ...(high !== undefined ? { spamRateHigh: high } : {}),
    spammyLoops: Array.isArray(loops) ? loops.length : 0,
  };
}

const dateQuery = (prefix: string, day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return `${prefix}.year=${year}&${prefix}.month=${month}&${prefix}.day=${date}`;
};

export function createPostmasterClient(options: {
  settings: GmailSettings;
  tokens: AccessTokenSource;
  fetch?: typeof fetch;
}) {
  const base = `${googleEndpoints(options.settings).postmasterApiBaseUrl}/v1`;
  const timeoutMs = options.settings.timeoutMs ?? 30_000;

  async function pages(
    url: (pageToken: string | null) => string,
    items: string,
    domain?: string,
  ): Promise<Result<unknown[]>> {
    const all: unknown[] = [];
    let pageToken: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await authorizedCall(
        options.tokens,
        { method: 'GET', url: url(pageToken), timeoutMs },
        (failure) => translate(failure, domain),
        options.fetch,
      );
      if (!answer.ok) return answer;
      const list = field(answer.value.body, items);
      if (Array.isArray(list)) all.push(...list); // an empty answer ({}) is a range with no data
      const next = field(answer.value.body, 'nextPageToken');
      if (typeof next !== 'string' || next === '') return ok(all);
      pageToken = next;
    }
    return ok(all);
  }

  return {
    async listDomains(): Promise<Result<PostmasterDomainInfo[]>> {
      const found = await pages(
        (token) => `${base}/domains?pageSize=100${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
        'domains',
      );
      if (!found.ok) return found;
      const domains: PostmasterDomainInfo[] = [];
      for (const d of found.value) {
        const name = field(d, 'name');
        const permission = field(d, 'permission');
        if (typeof name !== 'string' || !name.startsWith('domains/')) continue;
        domains.push({
          domain: normaliseDomain(name.slice('domains/'.length)),
          permission: PERMISSIONS.has(String(permission))
            ? (permission as PostmasterDomainInfo['permission'])
            : 'PERMISSION_UNSPECIFIED',
        });
      }
      return ok(domains);
    },

    /** the days `from` (inclusive) to `to` (exclusive) Google has a spam rate for, oldest first */
    async trafficStats(
      domain: string,
      range: { from: string; to: string },
    ): Promise<Result<PostmasterDay[]>> {
      const path = `${base}/domains/${encodeURIComponent(domain)}/trafficStats`;
      const dates = `${dateQuery('startDate', range.from)}&${dateQuery('endDate', range.to)}`;
      const found = await pages(
        (token) => `${path}?${dates}&pageSize=100${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
        'trafficStats',
        domain,
      );
      if (!found.ok) return found;
      const days = found.value.map(dayOf).filter((d): d is PostmasterDay => d !== null);
      return ok(days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
    },
  };
}

export type PostmasterClient = ReturnType<typeof createPostmasterClient>;
