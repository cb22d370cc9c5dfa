import type { Queryable } from './db';

export type OrderedCollection = 'suppression' | 'audit' | 'team';

/**
 * The next server_order for a team's collection, stamped inside the caller's transaction. The UPDATE locks the
 * counter row until that transaction ends, so writers of one team and collection commit in stamp order and a
 * pull by checkpoint can never pass a row that commits later with a smaller stamp. Returned as text (bigint).
 */
export async function nextOrder(
  tx: Queryable,
  teamId: string,
  collection: OrderedCollection,
): Promise<string> {
  const [row] = await tx.query<{ order: string }>(
    `INSERT INTO team_counters (team_id, collection, last_order) VALUES ($1, $2, 1)
     ON CONFLICT (team_id, collection) DO UPDATE SET last_order = team_counters.last_order + 1
     RETURNING last_order::text AS "order"`,
    [teamId, collection],
  );
  if (!row) throw new Error('team_counters returned no row');
  return row.order;
}
