import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPath } from '../../../shared/team/replication';
import type { App } from '../app';
import type { Role } from '../auth/roles';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam } from '../testing/fixtures';

interface Person {
  token: string;
  deviceId: string;
  memberId: string;
  email: string;
}

describe.each(BACKENDS)('managing members on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;
  let n = 0;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { joinPerMinute: 10_000, perMinute: 10_000 });
    team = await makeTeam(t.db, 'Acme');
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const post = (url: string, token: string, payload: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url, headers: bearer(token), payload });
  const get = (url: string, token: string) => app.inject({ method: 'GET', url, headers: bearer(token) });

  /** a member with one device, invited by the owner and joined through the routes */
  async function person(role: Exclude<Role, 'owner'>, email = `p${++n}@acme.test`): Promise<Person> {
    const invite = await post('/v1/invites', team.token, { email, role });
    expect(invite.statusCode).toBe(200);
    const joined = await app.inject({
      method: 'POST',
      url: '/v1/join',
      payload: { code: invite.json().value.code, deviceName: `${role} laptop` },
    });
    expect(joined.statusCode).toBe(200);
    const v = joined.json().value;
    return { token: v.token, deviceId: v.deviceId, memberId: v.member.id, email };
  }

  /** the member's row, read with a query of our own */
  async function row(memberId: string) {
    const [r] = await t.db.query<{ role: string; removed: boolean }>(
      'SELECT role, removed_at IS NOT NULL AS removed FROM members WHERE team_id = $1 AND id = $2',
      [team.teamId, memberId],
    );
    return r;
  }
  async function serverEvents(type: string) {
    return t.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM audit WHERE team_id = $1 AND device_id = 'server' AND type = $2 ORDER BY server_order`,
      [team.teamId, type],
    );
  }

  it('each role: owner and admin manage members; manager, rep and read-only are refused and change nothing', async () => {
    const expected: Record<Exclude<Role, 'owner'> | 'owner', boolean> = {
      owner: true,
      admin: true,
      manager: false,
      rep: false,
      readonly: false,
    };
    for (const [callerRole, allowed] of Object.entries(expected)) {
      const caller = callerRole === 'owner' ? { token: team.token } : await person(callerRole as 'rep');
      const target = await person('rep');
      const status = allowed ? 200 : 403;
      const where = (what: string) => `${callerRole}: ${what}`;

      const invite = await post('/v1/invites', caller.token, { email: `x${++n}@acme.test`, role: 'rep' });
      expect(invite.statusCode, where('invite')).toBe(status);
      expect((await get('/v1/invites', caller.token)).statusCode, where('list invites')).toBe(status);
      expect((await get('/v1/devices', caller.token)).statusCode, where('list devices')).toBe(status);
      expect((await get('/v1/members', caller.token)).statusCode, where('list members')).toBe(200);

      const role = await post(`/v1/members/${target.memberId}/role`, caller.token, { role: 'manager' });
      expect(role.statusCode, where('role')).toBe(status);
      expect((await row(target.memberId))?.role).toBe(allowed ? 'manager' : 'rep');

      const device = await post(`/v1/devices/${target.deviceId}/revoke`, caller.token);
      expect(device.statusCode, where('revoke device')).toBe(status);
      expect((await get('/v1/me', target.token)).statusCode).toBe(allowed ? 401 : 200);

      const remove = await post(`/v1/members/${target.memberId}/remove`, caller.token);
      expect(remove.statusCode, where('remove')).toBe(status);
      expect((await row(target.memberId))?.removed).toBe(allowed);
      if (!allowed) expect(remove.json().error.code).toBe('forbidden');
    }
  });

  it('an admin cannot make admins or owners, nor change or remove an owner or another admin; the owner can', async () => {
    const admin = await person('admin');
    const other = await person('admin');
    const rep = await person('rep');
    const refused = [
      await post('/v1/invites', admin.token, { email: `a${++n}@acme.test`, role: 'admin' }),
      await post(`/v1/members/${rep.memberId}/role`, admin.token, { role: 'admin' }),
      await post(`/v1/members/${rep.memberId}/role`, admin.token, { role: 'owner' }),
      await post(`/v1/members/${team.memberId}/role`, admin.token, { role: 'rep' }),
      await post(`/v1/members/${team.memberId}/remove`, admin.token),
      await post(`/v1/members/${other.memberId}/role`, admin.token, { role: 'rep' }),
      await post(`/v1/members/${other.memberId}/remove`, admin.token),
      await post(`/v1/devices/${team.deviceId}/revoke`, admin.token),
    ];
    for (const res of refused) expect(res.statusCode, res.body).toBe(403);
    expect(refused[3]!.json().error.message).toMatch(/Only an owner/);
    expect(await row(team.memberId)).toEqual({ role: 'owner', removed: false });
    expect(await row(other.memberId)).toEqual({ role: 'admin', removed: false });
    expect((await get('/v1/me', team.token)).statusCode).toBe(200);

    expect((await post(`/v1/members/${rep.memberId}/role`, team.token, { role: 'admin' })).statusCode).toBe(
      200,
    );
    expect((await post(`/v1/members/${other.memberId}/role`, team.token, { role: 'rep' })).statusCode).toBe(
      200,
    );
    expect((await row(rep.memberId))?.role).toBe('admin');
    expect((await row(other.memberId))?.role).toBe('rep');
  });

  it('the last owner can be neither demoted nor removed; with a second owner, either can go', async () => {
    const demote = await post(`/v1/members/${team.memberId}/role`, team.token, { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/at least one owner/);
    expect((await post(`/v1/members/${team.memberId}/remove`, team.token)).statusCode).toBe(409);
    expect(await row(team.memberId)).toEqual({ role: 'owner', removed: false });

    const second = await person('rep');
    expect(
      (await post(`/v1/members/${second.memberId}/role`, team.token, { role: 'owner' })).statusCode,
    ).toBe(200);
    // the second owner demotes the first; now the second is the last and cannot demote themselves
    expect(
      (await post(`/v1/members/${team.memberId}/role`, second.token, { role: 'admin' })).statusCode,
    ).toBe(200);
    expect((await post(`/v1/members/${second.memberId}/remove`, second.token)).statusCode).toBe(409);
    expect((await post(`/v1/members/${second.memberId}/role`, team.token, { role: 'rep' })).statusCode).toBe(
      403,
    );
    // put the first back for the other tests
    expect(
      (await post(`/v1/members/${team.memberId}/role`, second.token, { role: 'owner' })).statusCode,
    ).toBe(200);
    expect((await post(`/v1/members/${second.memberId}/remove`, team.token)).statusCode).toBe(200);
  });

  it('two owners demoting each other at the same moment: one wins, the other is refused, an owner remains', async () => {
    const a = await person('rep');
    const b = await person('rep');
    for (const p of [a, b])
      expect((await post(`/v1/members/${p.memberId}/role`, team.token, { role: 'owner' })).statusCode).toBe(
        200,
      );
    // the CLI's owner steps down, so a and b are the only owners
    expect((await post(`/v1/members/${team.memberId}/role`, a.token, { role: 'admin' })).statusCode).toBe(
      200,
    );
    const [ab, ba] = await Promise.all([
      post(`/v1/members/${b.memberId}/role`, a.token, { role: 'rep' }),
      post(`/v1/members/${a.memberId}/role`, b.token, { role: 'rep' }),
    ]);
    // the loser is refused either way: 409 (the last owner) when it asked before the winner committed, 403 when
    // it asked after (it is no longer an owner); never both done
    const [won, lost] = [ab.statusCode, ba.statusCode].sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    const owners = await t.db.query(
      `SELECT id FROM members WHERE team_id = $1 AND role = 'owner' AND removed_at IS NULL`,
      [team.teamId],
    );
    expect(owners).toHaveLength(1);
    // the one left puts the CLI's owner back for the other tests
    const left = ab.statusCode === 200 ? a : b;
    expect((await post(`/v1/members/${team.memberId}/role`, left.token, { role: 'owner' })).statusCode).toBe(
      200,
    );
  });

  it('removing a member revokes every device of theirs: each fails on its next request, and sync too', async () => {
    const rep = await person('rep', 'ana@acme.test');
    // a second computer of the same member (an invite for the same email adds a device)
    const again = await post('/v1/invites', team.token, { email: 'ana@acme.test', role: 'rep' });
    const second = await app.inject({
      method: 'POST',
      url: '/v1/join',
      payload: { code: again.json().value.code, deviceName: 'home' },
    });
    const secondToken = second.json().value.token as string;
    expect((await get('/v1/me', secondToken)).statusCode).toBe(200);
    expect((await get(syncPath('suppression', 'pull'), rep.token)).statusCode).toBe(200);

    const removed = await post(`/v1/members/${rep.memberId}/remove`, team.token);
    expect(removed.json().value).toEqual({ removed: rep.memberId, devicesRevoked: 2 });
    expect((await get('/v1/me', rep.token)).statusCode).toBe(401);
    expect((await get('/v1/me', secondToken)).statusCode).toBe(401);
    expect((await get(syncPath('suppression', 'pull'), rep.token)).statusCode).toBe(401);
    const devices = await t.db.query<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM devices WHERE team_id = $1 AND member_id = $2',
      [team.teamId, rep.memberId],
    );
    expect(devices.map((d) => d.revoked)).toEqual([true, true]);
    // the desktops hear it through the member's team document
    const [doc] = await t.db.query<{ deleted: boolean }>(
      'SELECT deleted FROM team_docs WHERE team_id = $1 AND id = $2',
      [team.teamId, `member:${rep.memberId}`],
    );
    expect(doc?.deleted).toBe(true);
    expect((await serverEvents('team.member-removed')).at(-1)?.data).toMatchObject({
      memberId: rep.memberId,
      devicesRevoked: 2,
      byMember: team.memberId,
    });
    // a removed member is gone from the list, and invited again comes back with the invite's role
    const list = await get('/v1/members', team.token);
    expect(list.json().value.map((m: { id: string }) => m.id)).not.toContain(rep.memberId);
    const back = await post('/v1/invites', team.token, { email: 'ana@acme.test', role: 'readonly' });
    await app.inject({
      method: 'POST',
      url: '/v1/join',
      payload: { code: back.json().value.code, deviceName: 'new' },
    });
    expect(await row(rep.memberId)).toEqual({ role: 'readonly', removed: false });
  });

  it('a role change reaches the member document and the audit; the member keeps working in the new role', async () => {
    const rep = await person('rep');
    expect(
      (await post(`/v1/members/${rep.memberId}/role`, team.token, { role: 'readonly' })).statusCode,
    ).toBe(200);
    const [doc] = await t.db.query<{ value: { role: string } }>(
      'SELECT value FROM team_docs WHERE team_id = $1 AND id = $2',
      [team.teamId, `member:${rep.memberId}`],
    );
    expect(doc?.value.role).toBe('readonly');
    expect((await get('/v1/me', rep.token)).json().value.role).toBe('readonly');
    expect((await serverEvents('team.role-changed')).at(-1)?.data).toMatchObject({
      memberId: rep.memberId,
      from: 'rep',
      to: 'readonly',
    });
    expect((await post(`/v1/members/nobody/role`, team.token, { role: 'rep' })).statusCode).toBe(404);
  });

  it('open invites are listed without their codes; a revoked one no longer joins', async () => {
    const made = await post('/v1/invites', team.token, {
      email: 'later@acme.test',
      role: 'manager',
      ttlHours: 5,
    });
    const { id, code, expiresAt } = made.json().value as { id: string; code: string; expiresAt: string };
    const list = await get('/v1/invites', team.token);
    expect(list.body).not.toContain(code);
    const entry = list.json().value.find((i: { id: string }) => i.id === id);
    expect(entry).toMatchObject({ email: 'later@acme.test', role: 'manager', expiresAt });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(4.9 * 3600_000);

    expect((await post(`/v1/invites/${id}/revoke`, team.token)).statusCode).toBe(200);
    const listed = (await get('/v1/invites', team.token)).json().value.map((i: { id: string }) => i.id);
    expect(listed).not.toContain(id);
    const join = await app.inject({ method: 'POST', url: '/v1/join', payload: { code, deviceName: 'x' } });
    expect(join.statusCode).toBe(403);
    expect((await post(`/v1/invites/${id}/revoke`, team.token)).statusCode).toBe(404);
    expect((await serverEvents('team.invite-revoked')).at(-1)?.data).toMatchObject({ inviteId: id });
    const created = await serverEvents('team.invite-created');
    expect(created.some((e) => e.data.inviteId === id)).toBe(true);
    expect(JSON.stringify(created)).not.toContain(code);
  });

  it('devices carry when they were last seen', async () => {
    const rep = await person('rep');
    await get('/v1/me', rep.token);
    const devices = (await get('/v1/devices', team.token)).json().value as {
      id: string;
      lastSeenAt: string | null;
    }[];
    const seen = devices.find((d) => d.id === rep.deviceId)?.lastSeenAt;
    expect(seen).not.toBeNull();
    expect(Math.abs(Date.parse(seen!) - Date.now())).toBeLessThan(120_000);
  });
});
