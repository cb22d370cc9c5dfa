import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import { newDeviceToken, newId } from '../auth/secrets';
import type { Db } from '../db/db';

export interface CreatedTeam {
  teamId: string;
  memberId: string;
  deviceId: string;
  /** shown once, never stored */
  token: string;
}

/** A team, its key, its owner and the owner's first device (the CLI's `create-team`). */
export async function createTeam(
  db: Db,
  input: { name: string; ownerEmail: string; deviceName?: string },
): Promise<CreatedTeam> {
  const name = input.name.trim();
  const email = input.ownerEmail.trim().toLowerCase();
  if (!name || name.length > 200) throw new AppError('invalid-input', 'A team name is 1 to 200 characters.');
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) {
    throw new AppError('invalid-input', 'The owner email is not an email address.');
  }
  const device = await newDeviceToken();
  const ids = { teamId: newId(), memberId: newId(), deviceId: newId() };
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO teams (id, name, team_key) VALUES ($1, $2, $3)', [
      ids.teamId,
      name,
      randomBytes(32).toString('hex'),
    ]);
    await tx.query(`INSERT INTO members (team_id, id, email, role) VALUES ($1, $2, $3, 'owner')`, [
      ids.teamId,
      ids.memberId,
      email,
    ]);
    await tx.query(
      `INSERT INTO devices (team_id, id, member_id, name, token_prefix, token_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        ids.teamId,
        ids.deviceId,
        ids.memberId,
        input.deviceName ?? 'created by the CLI',
        device.prefix,
        device.hash,
      ],
    );
  });
  return { ...ids, token: device.token };
}
