import { countsOf, type StatsEvent } from '../../../shared/team/stats';
import type { Queryable } from '../db/db';

/** an audit event as the push has it: the chain it belongs to (deviceId) and its place in it */
export interface RolledEvent extends StatsEvent {
  seq: number;
}

/**
 * Adds audit events to the team's stats, inside the caller's transaction (the audit push's, or the one-click
 * opt-out's), for the member whose device wrote them. Idempotent per event: each chain's counted seq is kept in
 * `stats_marks` (row-locked until commit) and only events past it count, so a retried push, or an event handed
 * over twice, is counted once; a push that rolls back takes its counts and its mark with it.
 * Returns how many events were counted.
 */
export async function applyRollup(
  tx: Queryable,
  teamId: string,
  memberId: string,
  events: readonly RolledEvent[],
): Promise<number> {
  const fresh: RolledEvent[] = [];
  for (const [chainId, chain] of byChain(events)) fresh.push(...(await pastMark(tx, teamId, chainId, chain)));
  if (fresh.length === 0) return 0;

  const daily = new Map<string, { day: string; metric: string; reason: string; n: number }>();
  const perSequence = new Map<string, { day: string; sequence: string; metric: string; n: number }>();
  for (const event of fresh) {
    for (const c of countsOf(event)) {
      const key = `${c.day}|${c.metric}|${c.reason}`;
      const row = daily.get(key) ?? { day: c.day, metric: c.metric, reason: c.reason, n: 0 };
      row.n += 1;
      daily.set(key, row);
      if (c.sequenceId && c.metric !== 'blocked_by') {
        const sKey = `${c.day}|${c.sequenceId}|${c.metric}`;
        const s = perSequence.get(sKey) ?? { day: c.day, sequence: c.sequenceId, metric: c.metric, n: 0 };
        s.n += 1;
        perSequence.set(sKey, s);
      }
    }
  }
  if (daily.size > 0) {
    await tx.query(
      `INSERT INTO stats_daily (team_id, day, member_id, metric, reason, count)
       SELECT $1, r.day::date, $2, r.metric, r.reason, r.n FROM jsonb_to_recordset($3::jsonb)
         AS r(day text, metric text, reason text, n bigint)
       ON CONFLICT (team_id, day, member_id, metric, reason)
         DO UPDATE SET count = stats_daily.count + EXCLUDED.count`,
      [teamId, memberId, JSON.stringify([...daily.values()])],
    );
  }
  if (perSequence.size > 0) {
    await tx.query(
      `INSERT INTO stats_sequence_daily (team_id, day, member_id, sequence_id, metric, count)
       SELECT $1, r.day::date, $2, r.sequence, r.metric, r.n FROM jsonb_to_recordset($3::jsonb)
         AS r(day text, sequence text, metric text, n bigint)
       ON CONFLICT (team_id, day, member_id, sequence_id, metric)
         DO UPDATE SET count = stats_sequence_daily.count + EXCLUDED.count`,
      [teamId, memberId, JSON.stringify([...perSequence.values()])],
    );
  }
  await learnMailboxes(tx, teamId, memberId, fresh);
  return fresh.length;
}

function byChain(events: readonly RolledEvent[]): Map<string, RolledEvent[]> {
  const chains = new Map<string, RolledEvent[]>();
  for (const event of events) {
    const list = chains.get(event.deviceId) ?? [];
    list.push(event);
    chains.set(event.deviceId, list);
  }
  return chains;
}

/** the chain's events past its counted mark, moving the mark to the last of them (locked until commit) */
async function pastMark(tx: Queryable, teamId: string, chainId: string, events: RolledEvent[]) {
  const [mark] = await tx.query<{ seq: string }>(
    `SELECT counted_seq::text AS seq FROM stats_marks WHERE team_id = $1 AND chain_id = $2 FOR UPDATE`,
    [teamId, chainId],
  );
  const counted = mark ? Number(mark.seq) : Number.NEGATIVE_INFINITY;
  const seen = new Set<number>();
  const fresh = events.filter((e) => e.seq > counted && !seen.has(e.seq) && seen.add(e.seq));
  if (fresh.length === 0) return fresh;
  const top = Math.max(...fresh.map((e) => e.seq));
  await tx.query(
    `INSERT INTO stats_marks (team_id, chain_id, counted_seq) VALUES ($1, $2, $3)
     ON CONFLICT (team_id, chain_id) DO UPDATE SET counted_seq = GREATEST(stats_marks.counted_seq, EXCLUDED.counted_seq)`,
    [teamId, chainId, top],
  );
  return fresh;
}

/** remembers which member sends from each mailbox their sends name (for one-click opt-outs) */
async function learnMailboxes(tx: Queryable, teamId: string, memberId: string, events: RolledEvent[]) {
  if (!memberId) return;
  const mailboxes = new Set<string>();
  for (const e of events) {
    const id = e.data.mailboxId;
    if (e.type === 'send.sent' && typeof id === 'string' && id.length > 0 && id.length <= 200)
      mailboxes.add(id);
  }
  if (mailboxes.size === 0) return;
  await tx.query(
    `INSERT INTO stats_mailboxes (team_id, mailbox_id, member_id) SELECT $1, m, $2 FROM unnest($3::text[]) AS m
     ON CONFLICT (team_id, mailbox_id) DO UPDATE SET member_id = EXCLUDED.member_id
       WHERE stats_mailboxes.member_id <> EXCLUDED.member_id`,
    [teamId, memberId, [...mailboxes]],
  );
}

/**
 * Counts the server's own audit event `id` (a one-click opt-out) for the rep who sends from the mailbox its
 * token named ('' when no pushed send has named that mailbox yet). Call it inside the transaction that wrote it.
 */
export async function rollupServerEvent(tx: Queryable, teamId: string, id: string): Promise<void> {
  const [row] = await tx.query<{
    device_id: string;
    seq: string;
    type: string;
    at_ms: string;
    data: Record<string, unknown>;
  }>(
    `SELECT device_id, seq::text AS seq, type, (extract(epoch FROM at) * 1000)::bigint::text AS at_ms, data
     FROM audit WHERE team_id = $1 AND id = $2`,
    [teamId, id],
  );
  if (!row) return;
  const mailbox = typeof row.data.mailboxId === 'string' ? row.data.mailboxId : '';
  const [owner] = await tx.query<{ member_id: string }>(
    'SELECT member_id FROM stats_mailboxes WHERE team_id = $1 AND mailbox_id = $2',
    [teamId, mailbox],
  );
  const event: RolledEvent = {
    deviceId: row.device_id,
    seq: Number(row.seq),
    type: row.type,
    at: Number(row.at_ms),
    data: row.data,
  };
  await applyRollup(tx, teamId, owner?.member_id ?? '', [event]);
}
