import { AppError } from '../../../shared/ipc/result';
import { refusalOf, type TeamMemberRole } from '../../../shared/team/member-rules';
import type { Role } from '../auth/roles';
import type { Db } from '../db/db';
import type { Caller } from './invites';
import { recordAccountEvent } from './members';

export interface DeviceRow {
  id: string;
  memberId: string;
  name: string;
  createdAt: string;
  /** the last request it made (kept to the minute) */
  lastSeenAt: string | null;
  revokedAt: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export async function listDevices(db: Db, teamId: string): Promise<DeviceRow[]> {
  const rows = await db.query<{
    id: string;
    member_id: string;
    name: string;
    created_at: Date;
    last_seen_at: Date | null;
    revoked_at: Date | null;
  }>(
    'SELECT id, member_id, name, created_at, last_seen_at, revoked_at FROM devices WHERE team_id = $1 ORDER BY created_at, id',
    [teamId],
  );
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    name: r.name,
    createdAt: iso(r.created_at)!,
    lastSeenAt: iso(r.last_seen_at),
    revokedAt: iso(r.revoked_at),
  }));
}

/**
 * Revokes a device of the caller's team: its token fails from the next request on (every request reads the
 * device row). A member may revoke their own devices; revoking others' needs members.manage, and an owner's or
 * an admin's needs an owner (shared/team/member-rules.ts).
 */
export async function revokeDevice(
  db: Db,
  caller: Caller,
  deviceId: string,
  canManage: boolean,
): Promise<void> {
  const [target] = await db.query<{ member_id: string; role: Role }>(
    `SELECT d.member_id, m.role FROM devices d JOIN members m ON m.team_id = d.team_id AND m.id = d.member_id
     WHERE d.team_id = $1 AND d.id = $2`,
    [caller.teamId, deviceId],
  );
  if (!target) throw new AppError('not-found', 'No such device in this team.');
  const own = target.member_id === caller.memberId;
  if (!own && !canManage) throw new AppError('forbidden', 'Only admins can revoke other members’ devices.');
  // the same rule as role changes and removals: an owner's or an admin's devices only by an owner
  const refused = own ? null : refusalOf(caller.role, target.role as TeamMemberRole);
  if (refused) throw new AppError('forbidden', refused);
  // audited once, when it is revoked (a repeat changes nothing)
  await db.transaction(async (tx) => {
    const revoked = await tx.query(
      'UPDATE devices SET revoked_at = now() WHERE team_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
      [caller.teamId, deviceId],
    );
    if (revoked.length > 0)
      await recordAccountEvent(tx, caller, 'team.device-revoked', {
        deviceId,
        memberId: target.member_id,
        own,
      });
  });
}

export async function listMembers(db: Db, teamId: string) {
  const rows = await db.query<{
    id: string;
    email: string;
    name: string | null;
    role: Role;
    created_at: Date;
  }>(
    'SELECT id, email, name, role, created_at FROM members WHERE team_id = $1 AND removed_at IS NULL ORDER BY created_at, id',
    [teamId],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    createdAt: iso(r.created_at)!,
  }));
}
