import { AppError } from '../../../shared/ipc/result';
import { POSTMASTER_DOC_ID, POSTMASTER_LIMITS, postmasterValueSchema } from '../../../shared/team/postmaster';
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
const strictPostmaster = postmasterValueSchema.strict();

/** The two documents a push may carry, each checked strictly against its own contract. */
function checkPushed(doc: TeamWireDoc): void {
  if (doc.id !== TEAM_SETTINGS_ID && doc.id !== POSTMASTER_DOC_ID) {
    throw new AppError(
      'forbidden',
      'Members and roles change through invites and the team admin screens, not sync.',
    );
  }
  const [schema, maxBytes] =
    doc.id === TEAM_SETTINGS_ID
      ? [strictSettings, LIMITS.maxTeamValueBytes]
      : [strictPostmaster, POSTMASTER_LIMITS.maxValueBytes];
  if (!schema.safeParse(doc.value).success) {
    throw new AppError(
      'invalid-input',
      doc.id === TEAM_SETTINGS_ID
        ? 'The team settings are not ones this team server understands.'
        : 'The Postmaster Tools figures are not in a form this team server understands.',
    );
  }
  if (JSON.stringify(doc.value).length > maxBytes) {
    throw new AppError('invalid-input', 'The team settings are too large.');
  }
}

/**
 * The `team` collection: `settings` (team caps and breaker thresholds over the desktop's defaults; admins and the
 * owner push it), `postmaster` (the sending domains' daily spam rates from Google Postmaster Tools, pushed by an
 * admin's desktop: shared/team/postmaster.ts) and one `member:<id>` document per member, which the server keeps from the members table
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
    for (const { newDocumentState: doc } of rows) checkPushed(doc);
    const order = await nextOrder(tx, caller.teamId, 'team');
    const conflicts: TeamWireDoc[] = [];
    let wrote = false;
    // one pass per document id (settings, postmaster), in the order the push named them
    for (const id of [...new Set(rows.map((r) => r.newDocumentState.id))]) {
      const found = await tx.query<Row>(`SELECT ${COLUMNS} FROM team_docs WHERE team_id = $1 AND id = $2`, [
        caller.teamId,
        id,
      ]);
      let master: TeamWireDoc | undefined = found[0] ? docOf(found[0]) : undefined;
      let write: TeamWireDoc | undefined;
      for (const row of rows.filter((r) => r.newDocumentState.id === id)) {
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
      if (!write) continue;
      await tx.query(
        `INSERT INTO team_docs (team_id, id, value, updated_at, deleted, server_order)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6)
         ON CONFLICT (team_id, id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at,
           deleted = EXCLUDED.deleted, server_order = EXCLUDED.server_order`,
        [caller.teamId, write.id, JSON.stringify(write.value), write.updatedAt, write._deleted, order],
      );
      wrote = true;
    }
    return { conflicts, wrote: wrote ? ['team'] : [] };
  },
};
