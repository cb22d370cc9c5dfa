import type { z } from 'zod';
import type { Checkpoint, PushRow, ReplicatedCollection } from '../../../shared/team/replication';
import type { Caller } from '../auth/authenticate';
import type { Permission } from '../auth/roles';
import type { Queryable } from '../db/db';

/** One replicated collection on the server: its wire shape, who may do what, and its SQL. */
export interface CollectionStore<D> {
  collection: ReplicatedCollection;
  doc: z.ZodType<D>;
  /** pull and live stream */
  read: Permission;
  /** push (rows may need more: a suppression removal needs suppression.remove) */
  write: Permission;
  /** the caller's team's rows after `after`, in (server_order, id) order, at most `limit` */
  pull(q: Queryable, caller: Caller, after: Checkpoint | null, limit: number): Promise<Page<D>>;
  /**
   * The same page as `pull`, with the documents already as JSON text built by the database (no rows parsed,
   * mapped and serialised again in Node): what the pull route sends when the store has it.
   */
  pullJson?(q: Queryable, caller: Caller, after: Checkpoint | null, limit: number): Promise<JsonPage>;
  /** the newest row's checkpoint (where a new live stream starts), or null for an empty collection */
  head(q: Queryable, teamId: string): Promise<Checkpoint | null>;
  /** inside the push's one transaction: writes what it may, answers the conflicts */
  push(tx: Queryable, caller: Caller, rows: PushRow<D>[]): Promise<PushOutcome<D>>;
}

export interface Page<D> {
  documents: D[];
  /** the last row's checkpoint; null when the page is empty */
  last: Checkpoint | null;
}

export interface JsonPage {
  /** a JSON array of wire documents, exactly as `pull` answers them */
  documents: string;
  last: Checkpoint | null;
}

export interface PushOutcome<D> {
  conflicts: D[];
  /** collections this push wrote to (a suppression removal also writes the audit log) */
  wrote: ReplicatedCollection[];
}

/** `(server_order, id) > ($2, $3)`: the keyset after a checkpoint, as the parameters following the team id */
export const AFTER = '(server_order, id) > ($2::bigint, $3::text)';

export const afterParams = (after: Checkpoint | null): [string, string] =>
  after ? [after.order, after.id] : ['0', ''];

export function lastOf(rows: readonly { ord: string; id: string }[]): Checkpoint | null {
  const last = rows.at(-1);
  return last ? { order: last.ord, id: last.id } : null;
}

export async function headOf(q: Queryable, table: string, teamId: string): Promise<Checkpoint | null> {
  const rows = await q.query<{ ord: string; id: string }>(
    `SELECT server_order::text AS ord, id FROM ${table} WHERE team_id = $1 ORDER BY server_order DESC, id DESC LIMIT 1`,
    [teamId],
  );
  return lastOf(rows);
}

/** milliseconds since the epoch of a timestamptz column, exact (as text: bigint) */
export const msOf = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint::text`;
/** a timestamptz from milliseconds since the epoch, exact */
export const tsOf = (ms: string) => `(timestamptz 'epoch' + ${ms} * interval '1 millisecond')`;
