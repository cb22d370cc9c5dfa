import type { AuditEventType } from '../../../shared/audit/event-types';
import { AppError } from '../../../shared/ipc/result';
import {
  type PushRow,
  type SuppressionWireDoc,
  sameDocument,
  suppressionDocSchema,
} from '../../../shared/team/replication';
import { can } from '../auth/roles';
import type { Queryable } from '../db/db';
import { nextOrder } from '../db/order';
import { SERVER_DEVICE } from '../unsubscribe/record';
import { cachedPage } from './page-cache';
import { AFTER, afterParams, type CollectionStore, headOf, lastOf, msOf, tsOf } from './store';

interface Row {
  id: string;
  kind: SuppressionWireDoc['kind'];
  reason: SuppressionWireDoc['reason'];
  note: string;
  created_ms: string;
  deleted: boolean;
  removed_note: string | null;
  ord: string;
}

const COLUMNS = `id, kind, reason, note, ${msOf('created_at')} AS created_ms, deleted, removed_note,
  server_order::text AS ord`;

/** docOf in SQL, over a row of COLUMNS: the same wire document as JSON (createdAt a number, removedNote on tombstones) */
const DOC_JSON = `CASE WHEN deleted
  THEN json_build_object('id', id, 'kind', kind, 'reason', reason, 'note', note, 'createdAt', created_ms::bigint,
    'removedNote', coalesce(removed_note, ''), '_deleted', true)
  ELSE json_build_object('id', id, 'kind', kind, 'reason', reason, 'note', note, 'createdAt', created_ms::bigint,
    '_deleted', false) END`;

/** the committed version of the team's suppression counter ($1 the team), read with the page it goes with */
const COUNTER = `coalesce((SELECT last_order::text FROM team_counters
  WHERE team_id = $1 AND collection = 'suppression'), '0')`;

const docOf = (r: Row): SuppressionWireDoc => ({
  id: r.id,
  kind: r.kind,
  reason: r.reason,
  note: r.note,
  createdAt: Number(r.created_ms),
  ...(r.deleted ? { removedNote: r.removed_note ?? '' } : {}),
  _deleted: r.deleted,
});

const REMOVAL_NEEDS_A_REASON =
  'Taking an entry off the suppression list needs a reason: add one and try again.';

const same = (a: unknown, b: unknown) => sameDocument(suppressionDocSchema, a, b);

/**
 * The team's suppression list: add-mostly. Anyone who may add pushes new entries; a tombstone (a removal) is
 * taken only from an admin or the owner, carries its reason, and is written to the audit log by the server. A
 * tombstone from anyone else is answered as a conflict with the entry as it stands, so the entry comes back on
 * that desktop and keeps suppressing (a 403 would stall the desktop's whole push queue on one row).
 */
export const suppressionStore: CollectionStore<SuppressionWireDoc> = {
  collection: 'suppression',
  doc: suppressionDocSchema,
  read: 'suppression.read',
  write: 'suppression.add',

  async pull(q, caller, after, limit) {
    const rows = await q.query<Row>(
      `SELECT ${COLUMNS} FROM suppression WHERE team_id = $1 AND ${AFTER} ORDER BY server_order, id LIMIT $4`,
      [caller.teamId, ...afterParams(after), limit],
    );
    return { documents: rows.map(docOf), last: lastOf(rows) };
  },

  async pullJson(q, caller, after, limit) {
    const key = `${caller.teamId} ${after?.order ?? ''} ${after?.id ?? ''} ${limit}`;
    const version = async () => {
      const [row] = await q.query<{ v: string }>(`SELECT ${COUNTER} AS v`, [caller.teamId]);
      return row?.v ?? '0';
    };
    return cachedPage(q, key, version, async () => {
      const [page] = await q.query<{ docs: string | null; ord: string | null; id: string | null; v: string }>(
        `WITH page AS (
           SELECT ${COLUMNS} FROM suppression WHERE team_id = $1 AND ${AFTER} ORDER BY server_order, id LIMIT $4)
         SELECT json_agg(${DOC_JSON} ORDER BY ord::bigint, id)::text AS docs,
           (array_agg(ord ORDER BY ord::bigint DESC, id DESC))[1] AS ord,
           (array_agg(id ORDER BY ord::bigint DESC, id DESC))[1] AS id,
           ${COUNTER} AS v
         FROM page`,
        [caller.teamId, ...afterParams(after), limit],
      );
      return {
        version: page?.v ?? '0',
        page: {
          documents: page?.docs ?? '[]',
          last: page?.ord && page.id ? { order: page.ord, id: page.id } : null,
        },
      };
    });
  },

  head: (q, teamId) => headOf(q, 'suppression', teamId),

  async push(tx, caller, rows) {
    // the stamp first: it locks the team's suppression counter, so the masters read below stay the masters
    const order = await nextOrder(tx, caller.teamId, 'suppression');
    const masters = await loadMasters(tx, caller.teamId, rows);
    const mayRemove = can(caller.role, 'suppression.remove');
    const conflicts: SuppressionWireDoc[] = [];
    const writes = new Map<string, SuppressionWireDoc>();
    for (const row of rows) {
      const next = row.newDocumentState;
      const master = writes.get(next.id) ?? masters.get(next.id);
      if (master && same(next, master)) continue;
      if (!master) {
        // nothing to remove: a tombstone for an entry the team never had is already true
        if (!next._deleted) writes.set(next.id, next);
        continue;
      }
      // adding wins over a removal: a desktop that never saw it still suppresses, and so does the team
      const readd = !next._deleted && master._deleted && next.kind === master.kind;
      const assumedOk =
        readd || (row.assumedMasterState !== undefined && same(row.assumedMasterState, master));
      const removal = next._deleted && !master._deleted;
      if (!assumedOk || (removal && !mayRemove) || next.kind !== master.kind) {
        conflicts.push(master);
        continue;
      }
      if (removal && !next.removedNote) throw new AppError('invalid-input', REMOVAL_NEEDS_A_REASON);
      writes.set(next.id, next);
    }
    if (writes.size === 0) return { conflicts, wrote: [] };
    await writeEntries(tx, caller, order, [...writes.values()]);
    const removals = [...writes.values()].filter((d) => d._deleted && !masters.get(d.id)?._deleted);
    for (const removal of removals) await auditRemoval(tx, caller, removal);
    return { conflicts, wrote: removals.length > 0 ? ['suppression', 'audit'] : ['suppression'] };
  },
};

async function loadMasters(tx: Queryable, teamId: string, rows: PushRow<SuppressionWireDoc>[]) {
  const ids = [...new Set(rows.map((r) => r.newDocumentState.id))];
  const found = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM suppression WHERE team_id = $1 AND id = ANY($2::text[])`,
    [teamId, ids],
  );
  return new Map(found.map((r) => [r.id, docOf(r)]));
}

async function writeEntries(
  tx: Queryable,
  caller: { teamId: string; deviceId: string; memberId: string },
  order: string,
  docs: SuppressionWireDoc[],
) {
  const records = docs.map((d) => ({
    id: d.id,
    kind: d.kind,
    reason: d.reason,
    note: d.note,
    created_ms: d.createdAt,
    deleted: d._deleted,
    removed_note: d._deleted ? (d.removedNote ?? '') : null,
  }));
  await tx.query(
    `INSERT INTO suppression (team_id, id, kind, reason, note, source, created_at, deleted, removed_note, removed_by,
       removed_at, server_order)
     SELECT $1, r.id, r.kind, r.reason, r.note, $2, ${tsOf('r.created_ms')}, r.deleted, r.removed_note,
       CASE WHEN r.deleted THEN $3 END, CASE WHEN r.deleted THEN now() END, $4::bigint
     FROM jsonb_to_recordset($5::jsonb)
       AS r(id text, kind text, reason text, note text, created_ms bigint, deleted boolean, removed_note text)
     ON CONFLICT (team_id, id) DO UPDATE SET
       kind = EXCLUDED.kind, reason = EXCLUDED.reason, note = EXCLUDED.note, created_at = EXCLUDED.created_at,
       deleted = EXCLUDED.deleted, removed_note = EXCLUDED.removed_note, removed_by = EXCLUDED.removed_by,
       removed_at = EXCLUDED.removed_at, server_order = EXCLUDED.server_order`,
    [caller.teamId, `device:${caller.deviceId}`, caller.memberId, order, JSON.stringify(records)],
  );
}

/** the audit event a removal writes, from the shared list (shared/audit/event-types.ts) */
const REMOVAL_EVENT = 'suppression.removed' satisfies AuditEventType;

/** a removal, in the server's own audit events (as one-click opt-outs are): who, from which device, and why */
async function auditRemoval(
  tx: Queryable,
  caller: { teamId: string; deviceId: string; memberId: string },
  doc: SuppressionWireDoc,
) {
  const auditOrder = await nextOrder(tx, caller.teamId, 'audit');
  await tx.query(
    `INSERT INTO audit (team_id, id, device_id, seq, type, at, data, server_order)
     VALUES ($1, $2, $3, $4, $6, now(), $5::jsonb, $4)`,
    [
      caller.teamId,
      `${SERVER_DEVICE}:${auditOrder.padStart(12, '0')}`,
      SERVER_DEVICE,
      auditOrder,
      JSON.stringify({
        key: doc.id,
        kind: doc.kind,
        note: doc.removedNote ?? '',
        memberId: caller.memberId,
        deviceId: caller.deviceId,
      }),
      REMOVAL_EVENT,
    ],
  );
}
