import { createHmac } from 'node:crypto';
import { normalizeEmail } from '../../../shared/leads/email';
import {
  encodeUnsubscribePayload,
  joinUnsubscribeToken,
  suppressionMessage,
  UNSUBSCRIBE_SIGNING_LABEL,
} from '../../../shared/team/unsubscribe-token';
import { createTeam } from '../accounts/teams';
import { buildApp, type Limits } from '../app';
import type { Db } from '../db/db';

/** The address's suppression key under a team key, as the desktop computes it. */
export function addressKey(teamKeyHex: string, address: string): string {
  const normal = normalizeEmail(address);
  if (!normal) throw new Error(`not an address: ${address}`);
  return createHmac('sha256', Buffer.from(teamKeyHex, 'hex'))
    .update(suppressionMessage('address', normal))
    .digest('hex');
}

/** An unsubscribe token signed the desktop's way (the golden token pins that this is the desktop's way). */
export function unsubscribeToken(
  teamKeyHex: string,
  address: string,
  mailboxId = 'mb1',
  issuedAt = Date.now(),
  sequenceId?: string,
) {
  const signing = createHmac('sha256', Buffer.from(teamKeyHex, 'hex'))
    .update(UNSUBSCRIBE_SIGNING_LABEL)
    .digest();
  const payload = encodeUnsubscribePayload({
    k: addressKey(teamKeyHex, address),
    m: mailboxId,
    t: Math.floor(issuedAt / 1000),
    ...(sequenceId ? { q: sequenceId } : {}),
  });
  return joinUnsubscribeToken(payload, createHmac('sha256', signing).update(payload).digest());
}

export interface TestTeam {
  teamId: string;
  memberId: string;
  deviceId: string;
  token: string;
  key: string;
}

/** A team with its owner's device, read back with a query of its own. */
export async function makeTeam(db: Db, name: string, ownerEmail = `owner@${name.toLowerCase()}.test`) {
  const team = await createTeam(db, { name, ownerEmail });
  const [row] = await db.query<{ team_key: string }>('SELECT team_key FROM teams WHERE id = $1', [
    team.teamId,
  ]);
  return { ...team, key: row!.team_key } satisfies TestTeam;
}

export async function makeApp(db: Db, limits: Partial<Limits> = {}) {
  return buildApp({ db, logLevel: false, limits });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
