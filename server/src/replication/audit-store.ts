import { createHash } from 'node:crypto';
import { type AuditEvent, auditId, canonicalJson, verifyChainSync } from '../../../shared/audit/chain';
import { AppError } from '../../../shared/ipc/result';
import {
  type AuditWireDoc,
  auditDocSchema,
  LIMITS,
  type PushRow,
  sameDocument,
} from '../../../shared/team/replication';
import type { Caller } from '../auth/authenticate';
import { can } from '../auth/roles';
import type { Queryable } from '../db/db';
import { nextOrder } from '../db/order';
import { applyRollup } from '../stats/rollup'; // stats helper
import { SERVER_DEVICE } from '../unsubscribe/record';
import { chainMessage } from './audit-messages';
import { AFTER, afterParams, type CollectionStore, headOf, lastOf, msOf } from './store';

interface Row {
  id: string;
  device_id: string;
  seq: string;
  type: string;
  at_ms: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  ord: string;
}

const COLUMNS = `id, device_id, seq::text AS seq, type, ${msOf('at')} AS at_ms, data, prev_hash, hash,
  server_order::text AS ord`;

const docOf = (r: Row): AuditWireDoc => ({
  id: r.id,
  deviceId: r.device_id,
  seq: Number(r.seq),
  type: r.type,
  at: Number(r.at_ms),
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
  _deleted: false,
});

/**
 * The team's audit log: append-only, hash-chained per device chain (shared/audit/chain.ts, the same code the
 * desktop writes it with). A chain is bound to the server device that first pushes it; each push must continue
 * it from the head the server holds (seq = head + 1, prevHash = head hash, hash recomputed), and an event the
 * server already holds may be pushed again only unchanged. Anything else is refused whole with a 409 that says
 * which event and why. Managers and up pull everyone's events; others pull their own devices' events.
 */
export const auditStore: CollectionStore<AuditWireDoc> = {
  collection: 'audit',
  doc: auditDocSchema,
  read: 'stats.own',
  write: 'audit.push',

  async pull(q, caller, after, limit) {
    const everyone = can(caller.role, 'stats.team');
    const rows = await q.query<Row>(
      `SELECT ${COLUMNS} FROM audit WHERE team_id = $1 AND ${AFTER}
         AND ($5 OR device_id IN (SELECT chain_id FROM audit_chains WHERE team_id = $1 AND member_id = $6))
       ORDER BY server_order, id LIMIT $4`,
      [caller.teamId, ...afterParams(after), limit, everyone, caller.memberId],
    );
    return { documents: rows.map(docOf), last: lastOf(rows) };
  },

  head: (q, teamId) => headOf(q, 'audit', teamId),

  async push(tx, caller, rows) {
    const chains = groupByChain(rows);
    const order = await nextOrder(tx, caller.teamId, 'audit');
    let added = 0;
    for (const [chainId, events] of chains) {
      const fresh = await checkChain(tx, caller, chainId, events);
      if (fresh.length === 0) continue;
      await insertEvents(tx, caller, order, fresh); // the events and the chain's new head
      await applyRollup(tx, caller.teamId, caller.memberId, fresh); // stats helper: team stats, counted once per event
      added += fresh.length;
    }
    return { conflicts: [], wrote: added > 0 ? ['audit'] : [] };
  },
};

/** the pushed events by chain, each in seq order; shapes the chain cannot check are refused here */
function groupByChain(rows: PushRow<AuditWireDoc>[]): Map<string, AuditWireDoc[]> {
  const chains = new Map<string, AuditWireDoc[]>();
  for (const { newDocumentState: event } of rows) {
    if (event._deleted) throw new AppError('conflict', chainMessage({ kind: 'delete', seq: event.seq }));
    if (event.deviceId === SERVER_DEVICE) throw new AppError('forbidden', chainMessage({ kind: 'server' }));
    if (event.id !== auditId(event.deviceId, event.seq)) {
      throw new AppError('invalid-input', chainMessage({ kind: 'id', seq: event.seq }));
    }
    if (Buffer.byteLength(canonicalJson(event.data)) > LIMITS.maxAuditDataBytes) {
      throw new AppError('invalid-input', chainMessage({ kind: 'data-size', seq: event.seq }));
    }
    const list = chains.get(event.deviceId) ?? [];
    list.push(event);
    chains.set(event.deviceId, list);
  }
  for (const list of chains.values()) list.sort((a, b) => a.seq - b.seq);
  return chains;
}

/**
 * Checks one chain's pushed events against what the server holds and answers the ones to add. Throws forbidden
 * for another device's chain and conflict (409) for a rewrite, a gap or a broken link.
 */
async function checkChain(tx: Queryable, caller: Caller, chainId: string, events: AuditWireDoc[]) {
  const [chain] = await tx.query<{ device_id: string; head_seq: string; head_hash: string }>(
    `SELECT device_id, head_seq::text AS head_seq, head_hash FROM audit_chains
     WHERE team_id = $1 AND chain_id = $2 FOR UPDATE`,
    [caller.teamId, chainId],
  );
  if (chain && chain.device_id !== caller.deviceId)
    throw new AppError('forbidden', chainMessage({ kind: 'other-device' }));
  const headSeq = chain ? Number(chain.head_seq) : 0;
  const known = events.filter((e) => e.seq <= headSeq);
  const fresh = events.filter((e) => e.seq > headSeq);
  await checkUnchanged(tx, caller.teamId, chainId, known);
  const anchor = chain ? { deviceId: chainId, seq: headSeq, hash: chain.head_hash } : null;
  const problem = verifyChainSync(fresh.map(toEvent), anchor, sha256);
  if (problem) throw new AppError('conflict', chainMessage({ kind: 'chain', problem, headSeq }));
  return fresh;
}

/** events the server already holds may come again (a lost answer), but only exactly as they were */
async function checkUnchanged(tx: Queryable, teamId: string, chainId: string, known: AuditWireDoc[]) {
  if (known.length === 0) return;
  const stored = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM audit WHERE team_id = $1 AND device_id = $2 AND seq = ANY($3::bigint[])`,
    [teamId, chainId, known.map((e) => e.seq)],
  );
  const bySeq = new Map(stored.map((r) => [Number(r.seq), docOf(r)]));
  for (const event of known) {
    const held = bySeq.get(event.seq);
    if (!held || !sameDocument(auditDocSchema, held, event)) {
      throw new AppError('conflict', chainMessage({ kind: 'rewrite', seq: event.seq }));
    }
  }
}

/** the chain's own hash (shared/audit/chain.ts), with node:crypto: the same bytes, ~100× faster than WebCrypto */
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const toEvent = (d: AuditWireDoc): AuditEvent => ({
  id: d.id,
  deviceId: d.deviceId,
  seq: d.seq,
  type: d.type,
  at: d.at,
  data: d.data,
  prevHash: d.prevHash,
  hash: d.hash,
});

/**
 * One statement for a chain's fresh events: a multi-row INSERT of parallel arrays through unnest() (the device id
 * once; cheaper for PostgreSQL to read than a JSON document of records), and the chain's new head. One round trip.
 */
async function insertEvents(tx: Queryable, caller: Caller, order: string, events: AuditWireDoc[]) {
  const last = events.at(-1)!;
  await tx.query(
    `WITH added AS (
       INSERT INTO audit (team_id, id, device_id, seq, type, at, data, prev_hash, hash, server_order)
       SELECT $1, u.id, $3, u.seq, u.type, timestamptz 'epoch' + u.at_ms * interval '1 millisecond', u.data,
         u.prev_hash, u.hash, $2::bigint
       FROM unnest($4::text[], $5::bigint[], $6::text[], $7::bigint[], $8::jsonb[], $9::text[], $10::text[])
         AS u(id, seq, type, at_ms, data, prev_hash, hash))
     INSERT INTO audit_chains (team_id, chain_id, device_id, member_id, head_seq, head_hash)
     VALUES ($1, $3, $11, $12, $13, $14)
     ON CONFLICT (team_id, chain_id) DO UPDATE SET head_seq = EXCLUDED.head_seq, head_hash = EXCLUDED.head_hash`,
    [
      caller.teamId,
      order,
      last.deviceId,
      events.map((e) => e.id),
      events.map((e) => e.seq),
      events.map((e) => e.type),
      events.map((e) => e.at),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
      caller.deviceId,
      caller.memberId,
      last.seq,
      last.hash,
    ],
  );
}
