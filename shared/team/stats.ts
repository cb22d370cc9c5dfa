import { z } from 'zod';
import { SEQUENCE_REF_ID } from '../audit/sequence-ref';
import { floorOf } from '../compliance/reasons';
import { CURED_BY_WAITING, HELD_UNTIL_RESUMED } from '../compliance/waiting';

/**
 * Team stats (issue 11): which audit events count as what, per rep per day, and the shape `GET /v1/stats`
 * answers with. Pure: the server's rollup (server/src/stats) counts with `countsOf`, the desktop's Team screen
 * reads the answer through `statsAnswerSchema`.
 *
 * The day is the UTC date of the event's own time (`at`, the desktop's clock when it happened), not the time the
 * server received it: a desktop offline for a week pushes late, and its sends still belong to the days they went.
 * UTC, because a team spans time zones and the server has none of its own; one rep's day is then one row.
 */

export const METRICS = [
  'sent',
  'blocked',
  'blocked_by',
  'bounced',
  'replied',
  'opted_out',
  'complained',
] as const;
export type Metric = (typeof METRICS)[number];
/** the per-day figures (blocked_by is per reason) */
export type DayMetric = Exclude<Metric, 'blocked_by'>;
export const DAY_METRICS = METRICS.filter((m): m is DayMetric => m !== 'blocked_by');

/** the audit event as the rollup sees it: who wrote it (its chain), its type, when, and its data */
export interface StatsEvent {
  deviceId: string;
  type: string;
  at: number;
  data: Record<string, unknown>;
}

export interface Count {
  /** YYYY-MM-DD, UTC */
  day: string;
  metric: Metric;
  /** a blocking reason's code for blocked_by, else '' */
  reason: string;
  /** the sequence the event names (`data.sequenceId`), else '' */
  sequenceId: string;
}

/** the device id of the server's own events (server/src/unsubscribe/record.ts) */
const SERVER_DEVICE = 'server';

/**
 * Blocking reasons that only hold a send for a while: time, a Resume, DNS or the suppression list coming back
 * ends them and the send is tried again (every 2 to 15 minutes), writing a `send.blocked` each time. Counted,
 * they would multiply one waiting email into dozens of "blocked"; it is counted once it goes or is blocked for real.
 */
export const HOLD_REASONS: ReadonlySet<string> = new Set<string>([
  ...CURED_BY_WAITING,
  ...HELD_UNTIL_RESUMED,
  'dns-unavailable',
  'dns-failing',
  'suppression-not-ready',
  'suppression-unchecked',
]);

const SIMPLE: Readonly<Record<string, DayMetric>> = {
  'send.sent': 'sent',
  'inbox.bounce': 'bounced',
  'inbox.reply': 'replied',
  'inbox.optout': 'opted_out',
  'inbox.complaint': 'complained',
};

/** YYYY-MM-DD of epoch ms in UTC, or null for a time that is not one */
export function utcDay(at: number): string | null {
  if (!Number.isFinite(at)) return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** the blocking codes a `send.blocked` counts under, or null when it is only a hold (not counted) */
export function blockingReasons(codes: readonly string[]): string[] | null {
  const blocking = codes.filter((c) => floorOf(c) === 'block');
  // a content score can block with warnings alone: then the warnings are why
  const why = blocking.length > 0 ? blocking : codes.filter((c) => !HOLD_REASONS.has(c));
  const real = [...new Set(why.filter((c) => !HOLD_REASONS.has(c)))];
  if (real.length === 0) return codes.length === 0 ? ['unknown'] : null;
  return real;
}

/**
 * What one audit event adds to the stats: nothing, or one count per metric (and per blocking reason). The one
 * place event types map to metrics:
 * - `send.sent` → sent (a send settled as sent by a lookup or the rep writes its own `send.sent`);
 * - `send.blocked` → blocked, and blocked_by each blocking reason, unless every reason only holds it;
 * - `inbox.bounce` / `.reply` / `.optout` / `.complaint` → bounced / replied / opted_out / complained;
 * - the server's own `suppression.added` from a one-click unsubscribe link → opted_out. A desktop's
 *   `suppression.added` is not counted: it follows an `inbox.optout` (or is the rep's own list work).
 * Every other type counts nothing.
 */
export function countsOf(event: StatsEvent): Count[] {
  const day = utcDay(event.at);
  if (!day) return [];
  const raw = event.data.sequenceId;
  const sequenceId = typeof raw === 'string' && SEQUENCE_REF_ID.test(raw) ? raw : '';
  const count = (metric: Metric, reason = ''): Count => ({ day, metric, reason, sequenceId });
  const simple = SIMPLE[event.type];
  if (simple) return [count(simple)];
  if (event.type === 'send.blocked') {
    const codes = Array.isArray(event.data.reasons)
      ? event.data.reasons.filter((c): c is string => typeof c === 'string' && c.length <= 64)
      : [];
    const reasons = blockingReasons(codes);
    return reasons ? [count('blocked'), ...reasons.map((r) => count('blocked_by', r))] : [];
  }
  if (
    event.type === 'suppression.added' &&
    event.deviceId === SERVER_DEVICE &&
    event.data.source === 'unsubscribe-link'
  )
    return [count('opted_out')];
  return [];
}

// ── GET /v1/stats ─────────────────────────────────────────────────────────────────────────────────────────

export const STATS_PATH = '/v1/stats';
/** the longest range one request may ask for */
export const MAX_STATS_DAYS = 366;
export const DEFAULT_STATS_DAYS = 30;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const statsQuerySchema = z.object({ from: isoDay.optional(), to: isoDay.optional() });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

const n = z.number().int().min(0);
const figures = {
  sent: n,
  blocked: n,
  bounced: n,
  replied: n,
  opted_out: n,
  complained: n,
} satisfies Record<DayMetric, typeof n>;
export type Figures = Record<DayMetric, number>;

/** '' for a one-click opt-out whose rep is not known (the link's mailbox never sent through a pushed device) */
const memberId = z.string().max(64);

export const statsAnswerSchema = z.object({
  from: isoDay,
  to: isoDay,
  /** team: every rep (managers, admins, owner, readonly); own: the caller's numbers only */
  scope: z.enum(['team', 'own']),
  you: z.object({ memberId, role: z.enum(['owner', 'admin', 'manager', 'rep', 'readonly']) }),
  members: z.array(z.object({ id: memberId, email: z.string(), role: z.string() })),
  /** one row per rep and day with anything in it */
  days: z.array(z.object({ day: isoDay, memberId, ...figures })),
  /** blocked sends per rep and reason code, over the range */
  blockedBy: z.array(z.object({ memberId, reason: z.string(), count: n })),
  /** per sequence and rep over the range, for events that name their sequence */
  sequences: z.array(z.object({ sequenceId: z.string(), memberId, ...figures })),
});
export type StatsAnswer = z.infer<typeof statsAnswerSchema>;

export const emptyFigures = (): Figures => ({
  sent: 0,
  blocked: 0,
  bounced: 0,
  replied: 0,
  opted_out: 0,
  complained: 0,
});

/** The range a query asks for, filled and checked: to defaults to today (UTC), from to 29 days before it. */
export function statsRange(query: StatsQuery, now: number): { from: string; to: string } | { error: string } {
  const to = query.to ?? utcDay(now)!;
  const from = query.from ?? utcDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_STATS_DAYS - 1) * 86_400_000);
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  if (!from || Number.isNaN(fromMs) || Number.isNaN(toMs) || utcDay(fromMs) !== from || utcDay(toMs) !== to)
    return { error: 'The dates must be real days, written YYYY-MM-DD.' };
  if (fromMs > toMs) return { error: 'The first day comes after the last.' };
  if ((toMs - fromMs) / 86_400_000 + 1 > MAX_STATS_DAYS)
    return { error: `Ask for at most ${MAX_STATS_DAYS} days at once.` };
  return { from, to };
}
