import {
  DAY_METRICS,
  type DayMetric,
  emptyFigures,
  type Figures,
  type StatsAnswer,
} from '../../../shared/team/stats';
import type { Caller } from '../auth/authenticate';
import { can } from '../auth/roles';
import type { Queryable } from '../db/db';

const isDayMetric = (m: string): m is DayMetric => (DAY_METRICS as readonly string[]).includes(m);

/**
 * The caller's team's stats from `from` to `to` (YYYY-MM-DD, UTC, both included), from the rollup only: every rep
 * for a caller allowed `stats.team`, else the caller's own numbers. Never reads another team's rows.
 */
export async function readStats(
  q: Queryable,
  caller: Caller,
  from: string,
  to: string,
): Promise<StatsAnswer> {
  const team = can(caller.role, 'stats.team');
  // $4 null: every member; else that member only
  const params = [caller.teamId, from, to, team ? null : caller.memberId];
  const scoped =
    'team_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR member_id = $4)';
  const [dayRows, reasonRows, sequenceRows, members] = await Promise.all([
    q.query<{ day: string; member_id: string; metric: string; n: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, member_id, metric, count::text AS n
       FROM stats_daily WHERE ${scoped} AND reason = ''`,
      params,
    ),
    q.query<{ member_id: string; reason: string; n: string }>(
      `SELECT member_id, reason, sum(count)::text AS n FROM stats_daily
       WHERE ${scoped} AND metric = 'blocked_by' GROUP BY member_id, reason`,
      params,
    ),
    q.query<{ sequence_id: string; member_id: string; metric: string; n: string }>(
      `SELECT sequence_id, member_id, metric, sum(count)::text AS n FROM stats_sequence_daily
       WHERE ${scoped} GROUP BY sequence_id, member_id, metric`,
      params,
    ),
    q.query<{ id: string; email: string; role: string }>(
      `SELECT id, email, role FROM members WHERE team_id = $1 AND removed_at IS NULL
         AND ($2::text IS NULL OR id = $2) ORDER BY email`,
      [caller.teamId, team ? null : caller.memberId],
    ),
  ]);

  const days = new Map<string, { day: string; memberId: string } & Figures>();
  for (const r of dayRows) {
    if (!isDayMetric(r.metric)) continue;
    const key = `${r.day}|${r.member_id}`;
    const row = days.get(key) ?? { day: r.day, memberId: r.member_id, ...emptyFigures() };
    row[r.metric] += Number(r.n);
    days.set(key, row);
  }
  const sequences = new Map<string, { sequenceId: string; memberId: string } & Figures>();
  for (const r of sequenceRows) {
    if (!isDayMetric(r.metric)) continue;
    const key = `${r.sequence_id}|${r.member_id}`;
    const row = sequences.get(key) ?? { sequenceId: r.sequence_id, memberId: r.member_id, ...emptyFigures() };
    row[r.metric] += Number(r.n);
    sequences.set(key, row);
  }
  const byDayThenMember = (a: { day: string; memberId: string }, b: { day: string; memberId: string }) =>
    a.day.localeCompare(b.day) || a.memberId.localeCompare(b.memberId);
  return {
    from,
    to,
    scope: team ? 'team' : 'own',
    you: { memberId: caller.memberId, role: caller.role },
    members,
    days: [...days.values()].sort(byDayThenMember),
    blockedBy: reasonRows
      .map((r) => ({ memberId: r.member_id, reason: r.reason, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    sequences: [...sequences.values()].sort((a, b) => a.sequenceId.localeCompare(b.sequenceId)),
  };
}
