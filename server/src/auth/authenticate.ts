import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import type { Caller } from '../accounts/invites';
import type { Db } from '../db/db';
import type { AttemptLimiter } from './attempts';
import { can, type Permission, type Role } from './roles';
import { deviceTokenMatches, deviceTokenPrefix } from './secrets';

export type { Caller };

const UNAUTHORIZED = () =>
  new AppError(
    'auth-expired',
    'This device is not signed in to the team: join again with a new invite code.',
  );

/**
 * Finds the caller of a request from its bearer token. The device row is read on every request, so a revoked
 * device or a removed member fails on the very next one; only the Argon2id check (~60 ms) is remembered, per
 * token digest and stored hash, so a busy device does not pay it on every call.
 */
export function createAuthenticator(deps: { db: Db; attempts: AttemptLimiter; cacheSize?: number }) {
  const verified = new Map<string, string>();
  const cacheSize = deps.cacheSize ?? 10_000;

  async function hashMatches(token: string, storedHash: string): Promise<boolean> {
    const digest = createHash('sha256').update(token).digest('hex');
    if (verified.get(digest) === storedHash) return true;
    if (!(await deviceTokenMatches(token, storedHash))) return false;
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value ?? '');
    verified.set(digest, storedHash);
    return true;
  }

  async function identify(authorization: string | undefined): Promise<Caller | null> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const prefix = token ? deviceTokenPrefix(token) : null;
    if (!token || !prefix) return null;
    const [row] = await deps.db.query<{
      team_id: string;
      id: string;
      member_id: string;
      token_hash: string;
      role: Role;
      seen_stale: boolean;
    }>(
      `SELECT d.team_id, d.id, d.member_id, d.token_hash, m.role,
         (d.last_seen_at IS NULL OR d.last_seen_at < now() - interval '1 minute') AS seen_stale
       FROM devices d JOIN members m ON m.team_id = d.team_id AND m.id = d.member_id
       WHERE d.token_prefix = $1 AND d.revoked_at IS NULL AND m.removed_at IS NULL`,
      [prefix],
    );
    if (!row || !(await hashMatches(token, row.token_hash))) return null;
    // "last seen" for the members list: written at most once a minute per device (the row read above says
    // when it is due, so a busy device costs no second statement the rest of the minute)
    if (row.seen_stale) {
      await deps.db.query(
        `UPDATE devices SET last_seen_at = now() WHERE team_id = $1 AND id = $2
         AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
        [row.team_id, row.id],
      );
    }
    return { teamId: row.team_id, deviceId: row.id, memberId: row.member_id, role: row.role };
  }

  /** The caller, allowed `permission`; throws rate-limited, auth-expired or forbidden. */
  return async function authenticate(
    client: string,
    authorization: string | undefined,
    permission: Permission,
  ): Promise<Caller> {
    const wait = deps.attempts.blockedFor(client);
    if (wait > 0)
      throw new AppError(
        'rate-limited',
        `Too many failed attempts: try again in ${Math.ceil(wait / 1000)} s.`,
      );
    const caller = await identify(authorization);
    if (!caller) {
      deps.attempts.failed(client);
      throw UNAUTHORIZED();
    }
    if (!can(caller.role, permission)) {
      throw new AppError('forbidden', 'Your role in the team does not allow this.');
    }
    return caller;
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
