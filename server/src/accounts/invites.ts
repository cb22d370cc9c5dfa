import { AppError } from '../../../shared/ipc/result';
import type { Role } from '../auth/roles';
import { inviteCodeHash, isInviteCodeShape, newDeviceToken, newId, newInviteCode } from '../auth/secrets';
import type { Db } from '../db/db';
import { recordAccountEvent } from './members';

export const MAX_INVITE_TTL_HOURS = 24 * 14;

export interface Caller {
  teamId: string;
  memberId: string;
  deviceId: string;
  role: Role;
}

/** An invite code for one person and role, valid once and for `ttlHours`; the code is returned once. */
export async function createInvite(
  db: Db,
  caller: Caller,
  input: { email: string; role: Exclude<Role, 'owner'>; ttlHours: number },
): Promise<{ id: string; code: string; expiresAt: string }> {
  if (input.role === 'admin' && caller.role !== 'owner') {
    throw new AppError('forbidden', 'Only the owner can invite an admin.');
  }
  const { code, hash } = newInviteCode();
  const id = newId();
  const email = input.email.trim().toLowerCase();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx.query<{ expires_at: Date }>(
      `INSERT INTO invites (team_id, id, code_hash, role, email, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7::int))
       RETURNING expires_at`,
      [caller.teamId, id, hash, input.role, email, caller.memberId, input.ttlHours],
    );
    if (!inserted) throw new Error('invite insert returned no row');
    // audited by id and role (never the code)
    await recordAccountEvent(tx, caller, 'team.invite-created', { inviteId: id, role: input.role });
    return inserted;
  });
  return { id, code, expiresAt: new Date(row.expires_at).toISOString() };
}

export interface Joined {
  token: string;
  deviceId: string;
  team: { id: string; name: string; key: string };
  member: { id: string; email: string; role: Role };
}

const INVALID = () =>
  new AppError('forbidden', 'This invite code is not valid, was already used, or has expired.');

/**
 * Spends an invite code: a new device (for a new member, or the member with that email already) and its token.
 * Single use is one UPDATE … WHERE used_at IS NULL, so two devices racing with one code cannot both join.
 */
export async function join(db: Db, input: { code: string; deviceName: string }): Promise<Joined> {
  if (!isInviteCodeShape(input.code)) throw INVALID();
  const codeHash = inviteCodeHash(input.code);
  const open = await db.query(
    'SELECT 1 FROM invites WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()',
    [codeHash],
  );
  if (open.length === 0) throw INVALID();
  const device = await newDeviceToken();
  const deviceId = newId();
  return db.transaction(async (tx) => {
    const [invite] = await tx.query<{ team_id: string; role: Role; email: string }>(
      `UPDATE invites SET used_at = now(), used_by_device = $2
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING team_id, role, email`,
      [codeHash, deviceId],
    );
    if (!invite) throw INVALID();
    await tx.query(
      `INSERT INTO members (team_id, id, email, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, email) DO UPDATE SET removed_at = NULL,
         role = CASE WHEN members.removed_at IS NULL THEN members.role ELSE EXCLUDED.role END`,
      [invite.team_id, newId(), invite.email, invite.role],
    );
    const [member] = await tx.query<{ id: string; role: Role }>(
      'SELECT id, role FROM members WHERE team_id = $1 AND email = $2',
      [invite.team_id, invite.email],
    );
    const [team] = await tx.query<{ name: string; team_key: string }>(
      'SELECT name, team_key FROM teams WHERE id = $1',
      [invite.team_id],
    );
    if (!member || !team) throw new Error('join: member or team missing');
    await tx.query(
      `INSERT INTO devices (team_id, id, member_id, name, token_prefix, token_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
      [invite.team_id, deviceId, member.id, input.deviceName, device.prefix, device.hash],
    );
    return {
      token: device.token,
      deviceId,
      team: { id: invite.team_id, name: team.name, key: team.team_key },
      member: { id: member.id, email: invite.email, role: member.role },
    };
  });
}
