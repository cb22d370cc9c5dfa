import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type ParsedUnsubscribeToken,
  parseUnsubscribeToken,
  UNSUBSCRIBE_SIGNING_LABEL,
  type UnsubscribeClaims,
} from '../../../shared/team/unsubscribe-token';
import type { Queryable } from '../db/db';

/** the signing key the desktop derives from a team key (shared/team/unsubscribe-token.ts) */
export function unsubscribeSigningKey(teamKeyHex: string): Buffer {
  return createHmac('sha256', Buffer.from(teamKeyHex, 'hex')).update(UNSUBSCRIBE_SIGNING_LABEL).digest();
}

export function signatureValid(parsed: ParsedUnsubscribeToken, teamKeyHex: string): boolean {
  const expected = createHmac('sha256', unsubscribeSigningKey(teamKeyHex)).update(parsed.payload).digest();
  return timingSafeEqual(expected, parsed.signature);
}

/**
 * The team whose key signed this token, with its claims, or null for anything else (malformed, truncated,
 * forged, or signed by a team this server does not hold). A v1 token does not name its team, so every team's
 * key is tried: two HMACs a team, fine for the handful of teams a self-hosted server carries.
 */
export async function verifyUnsubscribeToken(
  db: Queryable,
  token: string,
): Promise<{ teamId: string; claims: UnsubscribeClaims } | null> {
  const parsed = parseUnsubscribeToken(token);
  if (!parsed) return null;
  const teams = await db.query<{ id: string; team_key: string }>('SELECT id, team_key FROM teams');
  const team = teams.find((t) => signatureValid(parsed, t.team_key));
  return team ? { teamId: team.id, claims: parsed.claims } : null;
}
