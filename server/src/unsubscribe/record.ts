import type { AuditEventType } from '../../../shared/audit/event-types';
import type { UnsubscribeClaims } from '../../../shared/team/unsubscribe-token';
import type { Db } from '../db/db';
import { nextOrder } from '../db/order';
import { rollupServerEvent } from '../stats/rollup';

/** the device id the server's own audit events carry */
export const SERVER_DEVICE = 'server';
/** the audit event a one-click opt-out writes, from the shared list (shared/audit/event-types.ts) */
const OPT_OUT_EVENT = 'suppression.added' satisfies AuditEventType;

/**
 * Records a one-click opt-out: a suppression row keyed by the address's HMAC (never the address) and an audit
 * row, in one transaction, each with its server_order. A repeat (the entry is already there) changes nothing;
 * an entry an admin removed is put back, since the recipient has asked again.
 */
export async function recordOptOut(
  db: Db,
  teamId: string,
  claims: UnsubscribeClaims,
): Promise<'added' | 'already'> {
  const present = await db.query('SELECT 1 FROM suppression WHERE team_id = $1 AND id = $2 AND NOT deleted', [
    teamId,
    claims.k,
  ]);
  if (present.length > 0) return 'already';
  return db.transaction(async (tx) => {
    const order = await nextOrder(tx, teamId, 'suppression');
    const written = await tx.query(
      `INSERT INTO suppression (team_id, id, kind, reason, note, source, server_order)
       VALUES ($1, $2, 'address', 'unsubscribed', '', 'unsubscribe-link', $3)
       ON CONFLICT (team_id, id) DO UPDATE
         SET deleted = false, reason = 'unsubscribed', source = 'unsubscribe-link', note = '',
             created_at = now(), server_order = EXCLUDED.server_order
         WHERE suppression.deleted
       RETURNING id`,
      [teamId, claims.k, order],
    );
    if (written.length === 0) return 'already';
    const auditOrder = await nextOrder(tx, teamId, 'audit');
    const auditId = `${SERVER_DEVICE}:${auditOrder.padStart(12, '0')}`;
    await tx.query(
      `INSERT INTO audit (team_id, id, device_id, seq, type, at, data, server_order)
       VALUES ($1, $2, $3, $4, $6, now(), $5::jsonb, $4)`,
      [
        teamId,
        auditId,
        SERVER_DEVICE,
        auditOrder,
        JSON.stringify({
          key: claims.k,
          kind: 'address',
          reason: 'unsubscribed',
          source: 'unsubscribe-link',
          mailboxId: claims.m,
          issuedAt: claims.t,
          // a sequence's email names its sequence: the opt-out counts for it in the team's stats
          ...(claims.q ? { sequenceId: claims.q } : {}),
        }),
        OPT_OUT_EVENT,
      ],
    );
    await rollupServerEvent(tx, teamId, auditId); // stats: the opt-out counts for the rep who sent that email
    return 'added';
  });
}
