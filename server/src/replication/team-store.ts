import { AppError } from '../../../shared/ipc/result';
import {
  LIMITS,
  sameDocument,
  TEAM_SETTINGS_ID,
  type TeamWireDoc,
  teamDocSchema,
  teamSettingsSchema,
} from '../../../shared/team/replication';
import { nextOrder } from '../db/order';
import { AFTER, afterParams, type CollectionStore, headOf, lastOf } from './store';

interface Row {
  id: string;
  value: Record<string, unknown>;
  updated_at: string;
  deleted: boolean;
  ord: string;
}

const COLUMNS = 'id, value, updated_at::text AS updated_at, deleted, server_order::text AS ord';

const docOf = (r: Row): TeamWireDoc => ({
  id: r.id,
  value: r.value,
  updatedAt: Number(r.updated_at),
  _deleted: r.deleted,
});

const strictSettings = teamSettingsSchema.strict();

/**
 * The `team` collection: `settings` (team caps and breaker thresholds over the desktop's defaults; admins and the
 * owner push it) and one `member:<id>` document per member, which the server keeps from the members table
 * (migration 003's trigger) and nobody pushes: members and roles change through invites and the account routes.
 */
export const teamStore: CollectionStore<TeamWireDoc> = {
  collection: 'team',
  doc: teamDocSchema,
  read: 'team.read',
  write: 'settings.manage',

  async pull(q, caller, after, limit) {
    const rows = await q.query<Row>(
      `SELECT ${COLUMNS} FROM team_docs WHERE team_id = $1 AND ${AFTER} ORDER BY server_order, id LIMIT $4`,
      [caller.teamId, ...afterParams(after), limit],
    );
    return { documents: rows.map(docOf), last: lastOf(rows) };
  },

  head: (q, teamId) => headOf(q, 'team_docs', teamId),

  async push(tx, caller, rows) {
    for (const { newDocumentState: doc } of rows) {
      if (doc.id !== TEAM_SETTINGS_ID) {
        throw new AppError(
          'forbidden',
          'Members and roles change through invites and the team admin screens, not sync.',
        );
      }
      if (!strictSettings.safeParse(doc.value).success) {
        throw new AppError('invalid-input', 'The team settings are not ones this team server understands.');
      }
      if (JSON.stringify(doc.value).length > LIMITS.maxTeamValueBytes) {
        throw new AppError('invalid-input', 'The team settings are too large.');
      }
    }
    const order = await nextOrder(tx, caller.teamId, 'team');
    const found = await tx.query<Row>(`SELECT ${COLUMNS} FROM team_docs WHERE team_id = $1 AND id = $2`, [
      caller.teamId,
      TEAM_SETTINGS_ID,
    ]);
    let master: TeamWireDoc | undefined = found[0] ? docOf(found[0]) : undefined;
    const conflicts: TeamWireDoc[] = [];
    let write: TeamWireDoc | undefined;
    for (const row of rows) {
      const next = row.newDocumentState;
      if (master && sameDocument(teamDocSchema, next, master)) continue;
      if (
        master &&
        !(row.assumedMasterState && sameDocument(teamDocSchema, row.assumedMasterState, master))
      ) {
        conflicts.push(master);
        continue;
      }
      master = write = next;
    }
    if (!write) return { conflicts, wrote: [] };
    await tx.query(
      `INSERT INTO team_docs (team_id, id, value, updated_at, deleted, server_order)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6)
       ON CONFLICT (team_id, id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at,
         deleted = EXCLUDED.deleted, server_order = EXCLUDED.server_order`,
      [caller.teamId, write.id, JSON.stringify(write.value), write.updatedAt, write._deleted, order],
    );
    return { conflicts, wrote: ['team'] };
  },
};
