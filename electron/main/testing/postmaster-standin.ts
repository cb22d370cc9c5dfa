import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OAuthCore, sendJson } from './oauth-standin-core';

/**
 * The Gmail Postmaster Tools API v1 as Google serves it, for tests (mounted on the Google stand-in): `GET /v1/domains`
 * (paged), `GET /v1/domains/{domain}/trafficStats` with `startDate.*` / `endDate.*` (both or neither; start inclusive,
 * end exclusive) and `pageSize` / `pageToken`, and `GET /v1/domains/{domain}/trafficStats/{yyyymmdd}`. Errors in
 * Google's shape: 401 UNAUTHENTICATED, 403 PERMISSION_DENIED (a domain the account may not read, or a token without
 * the postmaster.readonly scope), 400 INVALID_ARGUMENT, 404 NOT_FOUND. Empty lists are left out of the JSON, as
 * Google leaves out empty repeated fields.
 */
export const POSTMASTER_READONLY = 'https://www.googleapis.com/auth/postmaster.readonly';

export interface StandinDomain {
  permission: 'OWNER' | 'READER' | 'NONE';
  /** TrafficStats by yyyymmdd, without `name` (added when served) */
  days: Map<string, Record<string, unknown>>;
}

export interface PostmasterStandin {
  domains: Map<string, StandinDomain>;
  /** every request path the API was asked, in order */
  requests: string[];
  /** a domain with `permission` and days `{ 'YYYY-MM-DD': userReportedSpamRatio | full stats }` */
  addDomain(
    domain: string,
    permission: StandinDomain['permission'],
    days?: Record<string, number | Record<string, unknown>>,
  ): void;
}

const googleError = (res: ServerResponse, code: number, status: string, message: string, reason?: string) =>
  sendJson(res, code, {
    error: {
      code,
      message,
      status,
      ...(reason ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] } : {}),
    },
  });

export function createPostmasterStandin(): PostmasterStandin {
  const domains = new Map<string, StandinDomain>();
  return {
    domains,
    requests: [],
    addDomain(domain, permission, days = {}) {
      const map = new Map<string, Record<string, unknown>>();
      for (const [date, stats] of Object.entries(days)) {
        map.set(
          date.replaceAll('-', ''),
          typeof stats === 'number' ? { userReportedSpamRatio: stats, domainReputation: 'MEDIUM' } : stats,
        );
      }
      domains.set(domain, { permission, days: map });
    },
  };
}

function page<T>(items: T[], q: URLSearchParams): { items: T[]; next?: string } {
  const size = Math.min(Number(q.get('pageSize') ?? 10) || 10, 100);
  const from = Number(q.get('pageToken') ?? 0) || 0;
  const slice = items.slice(from, from + size);
  return from + size < items.length ? { items: slice, next: String(from + size) } : { items: slice };
}

function dateOf(q: URLSearchParams, prefix: string): string | null | undefined {
  const parts = ['year', 'month', 'day'].map((k) => q.get(`${prefix}.${k}`));
  if (parts.every((p) => p === null)) return undefined;
  if (parts.some((p) => p === null || !/^\d+$/.test(p ?? ''))) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  return `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

/** Answers a Postmaster Tools request (`url.pathname` starts with /v1/domains). */
export function answerPostmaster(
  data: PostmasterStandin,
  oauth: OAuthCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  data.requests.push(`${url.pathname}${url.search}`);
  if (!oauth.checkBearer(req))
    return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
  if (!oauth.scopeOf(req).includes(POSTMASTER_READONLY))
    return googleError(
      res,
      403,
      'PERMISSION_DENIED',
      'Request had insufficient authentication scopes.',
      'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
    );
  if (req.method !== 'GET') return googleError(res, 404, 'NOT_FOUND', 'Not found.');
  const q = url.searchParams;
  if (url.pathname === '/v1/domains') {
    const all = [...data.domains.entries()].map(([name, d]) => ({
      name: `domains/${name}`,
      createTime: '2026-01-05T10:00:00Z',
      permission: d.permission,
    }));
    const { items, next } = page(all, q);
    return sendJson(res, 200, {
      ...(items.length ? { domains: items } : {}),
      ...(next ? { nextPageToken: next } : {}),
    });
  }
  const m = /^\/v1\/domains\/([^/]+)\/trafficStats(?:\/(\d{8}))?$/.exec(url.pathname);
  if (!m) return googleError(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
  const name = decodeURIComponent(m[1] ?? '');
  const domain = data.domains.get(name);
  if (!domain || domain.permission === 'NONE')
    return googleError(res, 403, 'PERMISSION_DENIED', 'The caller does not have permission');
  const served = (date: string, stats: Record<string, unknown>) => ({
    name: `domains/${name}/trafficStats/${date}`,
    ...stats,
  });
  if (m[2]) {
    const stats = domain.days.get(m[2]);
    if (!stats) return googleError(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
    return sendJson(res, 200, served(m[2], stats));
  }
  const start = dateOf(q, 'startDate');
  const end = dateOf(q, 'endDate');
  if (
    start === null ||
    end === null ||
    (start === undefined) !== (end === undefined) ||
    (start && end && end < start)
  )
    return googleError(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.');
  const days = [...domain.days.entries()]
    .filter(([date]) => !start || !end || (date >= start && date < end))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, stats]) => served(date, stats));
  const { items, next } = page(days, q);
  sendJson(res, 200, {
    ...(items.length ? { trafficStats: items } : {}),
    ...(next ? { nextPageToken: next } : {}),
  });
}
