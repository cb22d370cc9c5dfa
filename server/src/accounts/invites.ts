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

/**
 * An invite code for a role, valid once and for `ttlHours`; the code is returned once. With an email it is for
 * that person; without one it is a shared code, and whoever joins with it says who they are (their email).
 */
export async function createInvite(
  db: Db,
  caller: Caller,
  input: { email?: string | null | undefined; role: Exclude<Role, 'owner'>; ttlHours: number },
): Promise<{ id: string; code: string; expiresAt: string }> {
  if (input.role === 'admin' && caller.role !== 'owner') {
    throw new AppError('forbidden', 'Only the owner can invite an admin.');
  }
  const { code, hash } = newInviteCode();
  const id = newId();
  const email = input.email?.trim().toLowerCase() || null;
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
  member: { id: string; email: string; role: Role; name: string | null };
}

export interface JoinInput {
  code: string;
  deviceName: string;
  /** who is joining: needed for a shared code (an invite without an email), checked against one with */
  email?: string | undefined;
  name?: string | undefined;
}

const INVALID = () =>
  new AppError('forbidden', 'This invite code is not valid, was already used, or has expired.');
// the join's 409 answers are sentences for the person joining (the desktop shows them as they are)
export const NEEDS_EMAIL =
  'This invite code was shared for anyone on the team: enter your work email (and your name) to join with it.';
export const OTHER_EMAIL =
  'This invite code was made for another email address. Leave your email empty to join as the person it was made for, or ask your admin for an invite for yours.';
export const EMAIL_TAKEN =
  'Someone in this team already joined with this email. To add this computer to your own account, ask your admin for an invite made for your email.';

/**
 * Spends an invite code: a new device (for a new member, or the member with that email already) and its token.
 * Single use is one UPDATE … WHERE used_at IS NULL, so two devices racing with one code cannot both join. A
 * shared code (no email) never joins an existing member: the email given must be new to the team (or a removed
 * member's), checked by the insert itself, so two shared codes racing with one email cannot both get it. Any
 * refusal rolls the transaction back, so the code stays unused.
 */
export async function join(db: Db, input: JoinInput): Promise<Joined> {
  if (!isInviteCodeShape(input.code)) throw INVALID();
  const codeHash = inviteCodeHash(input.code);
  const open = await db.query(
    'SELECT 1 FROM invites WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()',
    [codeHash],
  );
  if (open.length === 0) throw INVALID();
  const device = await newDeviceToken();
  const deviceId = newId();
  const given = input.email?.trim().toLowerCase() || null;
  const name = input.name?.trim() || null;
  return db.transaction(async (tx) => {
    const [invite] = await tx.query<{ team_id: string; role: Role; email: string | null }>(
      `UPDATE invites SET used_at = now(), used_by_device = $2
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING team_id, role, email`,
      [codeHash, deviceId],
    );
    if (!invite) throw INVALID();
    const email = invite.email ?? given;
    if (!email) throw new AppError('conflict', NEEDS_EMAIL);
    if (invite.email && given && given !== invite.email) throw new AppError('conflict', OTHER_EMAIL);
    const [member] = await tx.query<{ id: string; role: Role; name: string | null }>(
      invite.email
        ? `INSERT INTO members (team_id, id, email, role, name) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (team_id, email) DO UPDATE SET removed_at = NULL, name = COALESCE(EXCLUDED.name, members.name),
             role = CASE WHEN members.removed_at IS NULL THEN members.role ELSE EXCLUDED.role END
           RETURNING id, role, name`
        : `INSERT INTO members (team_id, id, email, role, name) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (team_id, email) DO UPDATE SET removed_at = NULL, role = EXCLUDED.role,
             name = COALESCE(EXCLUDED.name, members.name)
           WHERE members.removed_at IS NOT NULL
           RETURNING id, role, name`,
      [invite.team_id, newId(), email, invite.role, name],
    );
    if (!member) throw new AppError('conflict', EMAIL_TAKEN);
    const [team] = await tx.query<{ name: string; team_key: string }>(
      'SELECT name, team_key FROM teams WHERE id = $1',
      [invite.team_id],
    );
    if (!team) throw new Error('join: team missing');
    await tx.query(
      `INSERT INTO devices (team_id, id, member_id, name, token_prefix, token_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
      [invite.team_id, deviceId, member.id, input.deviceName, device.prefix, device.hash],
    );
    return {
      token: device.token,
      deviceId,
      team: { id: invite.team_id, name: team.name, key: team.team_key },
      member: { id: member.id, email, role: member.role, name: member.name },
    };
  });
}
