import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../../server/src/accounts/invites';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import { type DesktopMain, desktopMain, type ServerWorld, startServerWorld } from './testing/team-world';

/** A shared invite code (made without an email) joined from main: the person says who they are. */
describe('joining with a shared invite code, against a real team server on PGlite', () => {
  let server: ServerWorld;
  const desktops: DesktopMain[] = [];
  const desktop = async () => {
    const d = await desktopMain('shared');
    desktops.push(d);
    return d;
  };
  const sharedCode = async () => {
    const owner = { ...server.team, role: 'owner' as const };
    return (await createInvite(server.t.db, owner, { role: 'rep', ttlHours: 1 })).code;
  };

  beforeAll(async () => {
    server = await startServerWorld();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    for (const d of desktops) await d.close();
    await server?.close();
  }, OPEN_TIMEOUT_MS);

  it('asks for an email in words, joins with one, and refuses the same email a second time', async () => {
    const code = await sharedCode();
    const d = await desktop();
    const base = { serverUrl: server.base, inviteCode: code, deviceName: 'laptop' };
    await expect(d.team.join(base)).rejects.toThrow(/enter your work email/);
    expect(d.team.status().joined).toBe(false);

    const joined = await d.team.join({ ...base, email: 'Nia@Acme.test', name: 'Nia Obi' });
    expect(joined).toMatchObject({ joined: true, memberEmail: 'nia@acme.test', role: 'rep' });
    const [row] = await server.t.db.query<{ name: string }>(
      'SELECT name FROM members WHERE team_id = $1 AND email = $2',
      [server.team.teamId, 'nia@acme.test'],
    );
    expect(row?.name).toBe('Nia Obi');

    const other = await desktop();
    await expect(
      other.team.join({ ...base, inviteCode: await sharedCode(), email: 'nia@acme.test' }),
    ).rejects.toThrow(/already joined with this email/);
    expect(other.team.status().joined).toBe(false);
  });
});
