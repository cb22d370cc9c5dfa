import { AppError } from '../../../shared/ipc/result';
import { LAST_OWNER, refusalOf, type TeamMemberRole } from '../../../shared/team/member-rules';
import type { Role } from '../auth/roles';
import type { Db, Queryable } from '../db/db';
import { nextOrder } from '../db/order';
import type { Caller } from './invites';

/** the device id the server's own audit events carry (as one-click opt-outs do) */
const SERVER_DEVICE = 'server';

export type AccountEventType =
  | 'team.invite-created'
  | 'team.invite-revoked'
  | 'team.role-changed'
  | 'team.member-removed'
  | 'team.device-revoked';

/**
 * One server audit event for a change to the team's accounts, in the caller's transaction: who did it (member and
 * device) and to whom, by id (no invite code, no token). It replicates with the rest of the audit log.
 */
export async function recordAccountEvent(
  tx: Queryable,
  caller: Caller,
  type: AccountEventType,
  data: Record<string, unknown>,
): Promise<void> {
  const order = await nextOrder(tx, caller.teamId, 'audit');
  await tx.query(
    `INSERT INTO audit (team_id, id, device_id, seq, type, at, data, server_order)
     VALUES ($1, $2, $3, $4, $5, now(), $6::jsonb, $4)`,
    [
      caller.teamId,
      `${SERVER_DEVICE}:${order.padStart(12, '0')}`,
      SERVER_DEVICE,
      order,
      type,
      JSON.stringify({ ...data, byMember: caller.memberId, byDevice: caller.deviceId }),
    ],
  );
}

const iso = (value: Date | string) => new Date(value).toISOString();

export interface PendingInvite {
  id: string;
  /** null for a shared code (whoever joins with it gives their email) */
  email: string | null;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** Invites not used, not revoked and not expired (never their codes: only hashes are kept). */
export async function listPendingInvites(db: Db, teamId: string): Promise<PendingInvite[]> {
  const rows = await db.query<{
    id: string;
    email: string | null;
    role: Role;
    created_at: Date;
    expires_at: Date;
  }>(
    `SELECT id, email, role, created_at, expires_at FROM invites
     WHERE team_id = $1 AND used_at IS NULL AND expires_at > now() ORDER BY created_at, id`,
    [teamId],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
  }));
}

/**
 * Revokes an invite that was not used yet: its row goes (the code stops working at once); the audit event keeps
 * who revoked what. Admins may revoke only invites they could have made (not an admin's invite).
 */
export async function revokeInvite(db: Db, caller: Caller, inviteId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [invite] = await tx.query<{ role: Role; email: string | null }>(
      'SELECT role, email FROM invites WHERE team_id = $1 AND id = $2 AND used_at IS NULL FOR UPDATE',
      [caller.teamId, inviteId],
    );
    if (!invite) throw new AppError('not-found', 'No such open invite in this team: it may be used already.');
    const refused = refusalOf(caller.role, invite.role as TeamMemberRole);
    if (refused) throw new AppError('forbidden', refused);
    await tx.query('DELETE FROM invites WHERE team_id = $1 AND id = $2', [caller.teamId, inviteId]);
    await recordAccountEvent(tx, caller, 'team.invite-revoked', { inviteId, role: invite.role });
  });
}

/** The member (not removed) of the caller's team, locked until the transaction ends. */
async function targetOf(tx: Queryable, caller: Caller, memberId: string) {
  const [target] = await tx.query<{ role: Role }>(
    'SELECT role FROM members WHERE team_id = $1 AND id = $2 AND removed_at IS NULL FOR UPDATE',
    [caller.teamId, memberId],
  );
  if (!target) throw new AppError('not-found', 'No such member in this team.');
  return target;
}

/**
 * The team's owners, their rows locked until the transaction ends. Every change takes this lock first, in id
 * order, so two owners demoting each other at once queue (no deadlock) and the second sees the first's result.
 */
async function lockOwners(tx: Queryable, caller: Caller): Promise<string[]> {
  const owners = await tx.query<{ id: string }>(
    `SELECT id FROM members WHERE team_id = $1 AND role = 'owner' AND removed_at IS NULL ORDER BY id FOR UPDATE`,
    [caller.teamId],
  );
  return owners.map((o) => o.id);
}

/**
 * The caller as they are now, read under the owners' lock: a request authenticated just before another change
 * committed (its caller demoted or removed meanwhile) acts with the role the caller has now, not the one it had.
 */
async function callerNow(tx: Queryable, caller: Caller): Promise<Caller> {
  const [row] = await tx.query<{ role: Role }>(
    'SELECT role FROM members WHERE team_id = $1 AND id = $2 AND removed_at IS NULL',
    [caller.teamId, caller.memberId],
  );
  if (!row) throw new AppError('auth-expired', 'You are no longer in this team.');
  return { ...caller, role: row.role };
}

/** Refuses when the member is the team's only owner. */
function keepAnOwner(owners: readonly string[], memberId: string): void {
  if (owners.every((id) => id === memberId)) throw new AppError('conflict', LAST_OWNER);
}

/** Changes a member's role; the trigger turns it into the member's team document in the same transaction. */
export async function changeRole(
  db: Db,
  caller: Caller,
  memberId: string,
  role: Role,
): Promise<{ role: Role }> {
  return db.transaction(async (tx) => {
    const owners = await lockOwners(tx, caller);
    const now = await callerNow(tx, caller);
    const target = await targetOf(tx, caller, memberId);
    const refused = refusalOf(now.role, target.role as TeamMemberRole, role as TeamMemberRole);
    if (refused) throw new AppError('forbidden', refused);
    if (target.role === role) return { role };
    if (target.role === 'owner') keepAnOwner(owners, memberId);
    await tx.query('UPDATE members SET role = $3 WHERE team_id = $1 AND id = $2', [
      caller.teamId,
      memberId,
      role,
    ]);
    await recordAccountEvent(tx, caller, 'team.role-changed', { memberId, from: target.role, to: role });
    return { role };
  });
}

/**
 * Removes a member: every device of theirs is revoked and the member marked removed, in one transaction, so each
 * of their next requests is a 401 (authentication reads both rows on every request). Their member document goes
 * to the desktops as deleted. Their audit history stays.
 */
export async function removeMember(
  db: Db,
  caller: Caller,
  memberId: string,
): Promise<{ devicesRevoked: number }> {
  return db.transaction(async (tx) => {
    const owners = await lockOwners(tx, caller);
    const now = await callerNow(tx, caller);
    const target = await targetOf(tx, caller, memberId);
    const refused = refusalOf(now.role, target.role as TeamMemberRole);
    if (refused) throw new AppError('forbidden', refused);
    if (target.role === 'owner') keepAnOwner(owners, memberId);
    const revoked = await tx.query(
      `UPDATE devices SET revoked_at = now() WHERE team_id = $1 AND member_id = $2 AND revoked_at IS NULL
       RETURNING id`,
      [caller.teamId, memberId],
    );
    await tx.query('UPDATE members SET removed_at = now() WHERE team_id = $1 AND id = $2', [
      caller.teamId,
      memberId,
    ]);
    await recordAccountEvent(tx, caller, 'team.member-removed', {
      memberId,
      role: target.role,
      devicesRevoked: revoked.length,
    });
    return { devicesRevoked: revoked.length };
  });
}
