/**
 * Seeds a team with `events` audit events from `reps` reps over the 30 UTC days ending `lastDay` (each rep's
 * events spread over every day and type, as a real team's would), fast: one
 * generate_series INSERT into `audit` (chains, members and their chain rows alongside), then the rollup built
 * from those rows with one INSERT … SELECT whose type → metric CASE mirrors countsOf (shared/team/stats.ts) for
 * the types seeded; `checkSeedMapping` holds the two to the same answer on a sample.
 */

import type { Db } from '../../server/src/db/db';
import { countsOf } from '../../shared/team/stats';

const DAY_MS = 86_400_000;

export async function seedStats(db: Db, teamId: string, events: number, reps: number, lastDay: string) {
  const start = Date.parse(`${lastDay}T00:00:00Z`) - 29 * DAY_MS;
  await db.exec('ALTER TABLE audit DISABLE TRIGGER audit_notify'); // one NOTIFY per row is not what is measured
  await db.query(
    `INSERT INTO members (team_id, id, email, role)
     SELECT $1, 'rep-' || r, 'rep' || r || '@bench.test', 'rep' FROM generate_series(0, $2::int - 1) AS r`,
    [teamId, reps],
  );
  await db.query(
    `INSERT INTO audit_chains (team_id, chain_id, device_id, member_id, head_seq, head_hash)
     SELECT $1, 'chain-' || r, 'dev-' || r, 'rep-' || r, 1, repeat('0', 64) FROM generate_series(0, $2::int - 1) AS r`,
    [teamId, reps],
  );
  await db.query(
    `INSERT INTO audit (team_id, id, device_id, seq, type, at, data, server_order)
     SELECT $1, 'chain-' || k.r || ':' || k.s, 'chain-' || k.r, k.s, t.type,
       timestamptz 'epoch' + ($4::bigint + ((k.s * 7 + k.r) % 30) * ${DAY_MS}::bigint + (k.s * 104729) % ${DAY_MS}::bigint)
         * interval '1 millisecond',
       CASE WHEN t.type = 'send.blocked'
         THEN jsonb_build_object('mailboxId', 'mb-' || k.r, 'key', 'e' || g || ':0',
           'reasons', jsonb_build_array((ARRAY['suppressed-address', 'invalid-address', 'no-mx', 'bounce-rate-paused'])[(1 + k.s % 4)::int], 'subject-long'))
         ELSE jsonb_build_object('mailboxId', 'mb-' || k.r, 'key', 'e' || g || ':0') END,
       g
     FROM generate_series(0::bigint, $2::bigint - 1) AS g
       CROSS JOIN LATERAL (SELECT g % $3::int AS r, g / $3::int + 1 AS s, ((g / $3::int) * 7919 + g % $3::int) % 100 AS bucket) k
       CROSS JOIN LATERAL (SELECT CASE
         WHEN k.bucket < 60 THEN 'send.sent' WHEN k.bucket < 70 THEN 'send.blocked'
         WHEN k.bucket < 80 THEN 'inbox.reply' WHEN k.bucket < 85 THEN 'inbox.bounce'
         WHEN k.bucket < 90 THEN 'inbox.optout' WHEN k.bucket < 92 THEN 'inbox.complaint'
         ELSE 'mailbox.paused' END AS type) t`,
    [teamId, events, reps, start],
  );
  await db.query(
    `INSERT INTO stats_daily (team_id, day, member_id, metric, reason, count)
     SELECT $1, (a.at AT TIME ZONE 'UTC')::date, c.member_id, m.metric, m.reason, count(*)
     FROM audit a JOIN audit_chains c ON c.team_id = a.team_id AND c.chain_id = a.device_id
       CROSS JOIN LATERAL (
         SELECT CASE a.type WHEN 'send.sent' THEN 'sent' WHEN 'send.blocked' THEN 'blocked'
           WHEN 'inbox.reply' THEN 'replied' WHEN 'inbox.bounce' THEN 'bounced'
           WHEN 'inbox.optout' THEN 'opted_out' WHEN 'inbox.complaint' THEN 'complained' END AS metric, '' AS reason
         UNION ALL
         SELECT 'blocked_by', a.data->'reasons'->>0 WHERE a.type = 'send.blocked'
       ) m
     WHERE a.team_id = $1 AND m.metric IS NOT NULL
     GROUP BY 2, 3, 4, 5`,
    [teamId],
  );
  await db.exec('ALTER TABLE audit ENABLE TRIGGER audit_notify');
  await db.exec('ANALYZE audit; ANALYZE stats_daily');
}

/** countsOf over a sample of the seeded rows gives what the seed's SQL mapping gave: the same totals per metric */
export async function checkSeedMapping(db: Db, teamId: string): Promise<void> {
  const sample = await db.query<{
    device_id: string;
    type: string;
    at_ms: string;
    data: Record<string, unknown>;
  }>(
    `SELECT device_id, type, (extract(epoch FROM at) * 1000)::bigint::text AS at_ms, data
     FROM audit WHERE team_id = $1 AND seq <= 40`,
    [teamId],
  );
  const js = new Map<string, number>();
  for (const row of sample) {
    for (const c of countsOf({
      deviceId: row.device_id,
      type: row.type,
      at: Number(row.at_ms),
      data: row.data,
    })) {
      const key = `${c.metric}|${c.reason}`;
      js.set(key, (js.get(key) ?? 0) + 1);
    }
  }
  const sql = await db.query<{ key: string; n: string }>(
    `SELECT m.metric || '|' || m.reason AS key, count(*)::text AS n FROM audit a CROSS JOIN LATERAL (
       SELECT CASE a.type WHEN 'send.sent' THEN 'sent' WHEN 'send.blocked' THEN 'blocked'
         WHEN 'inbox.reply' THEN 'replied' WHEN 'inbox.bounce' THEN 'bounced'
         WHEN 'inbox.optout' THEN 'opted_out' WHEN 'inbox.complaint' THEN 'complained' END AS metric, '' AS reason
       UNION ALL SELECT 'blocked_by', a.data->'reasons'->>0 WHERE a.type = 'send.blocked') m
     WHERE a.team_id = $1 AND a.seq <= 40 AND m.metric IS NOT NULL GROUP BY 1`,
    [teamId],
  );
  const fromSql = new Map(sql.map((r) => [r.key, Number(r.n)]));
  const same = fromSql.size === js.size && [...js].every(([k, v]) => fromSql.get(k) === v);
  if (!same)
    throw new Error(
      `seed mapping differs from countsOf: ${JSON.stringify([...js])} vs ${JSON.stringify([...fromSql])}`,
    );
}
