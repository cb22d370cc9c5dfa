import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam } from '../testing/fixtures';

describe.each(BACKENDS)('accounts on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { joinPerMinute: 1000 });
    team = await makeTeam(t.db, 'Acme');
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  async function invite(role: string, email: string, token = team.token) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: bearer(token),
      payload: { email, role },
    });
    expect(res.statusCode).toBe(200);
    return res.json().value as { id: string; code: string; expiresAt: string };
  }

  const joinWith = (code: string, deviceName = 'laptop') =>
    app.inject({ method: 'POST', url: '/v1/join', payload: { code, deviceName } });

  it('the owner device token works, and is stored only as an Argon2id hash', async () => {
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(team.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().value).toMatchObject({ teamId: team.teamId, role: 'owner', teamName: 'Acme' });
    const rows = await t.db.query<{ token_prefix: string; token_hash: string }>(
      'SELECT token_prefix, token_hash FROM devices WHERE team_id = $1',
      [team.teamId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.token_hash).not.toContain(team.token.slice(16));
    expect(team.token).toContain(rows[0]!.token_prefix);
  });

  it('an invite code joins once: a device token, the team and its key; the code is stored hashed', async () => {
    const { code } = await invite('rep', 'rep1@acme.test');
    const stored = await t.db.query<{ code_hash: string }>(
      'SELECT code_hash FROM invites WHERE team_id = $1',
      [team.teamId],
    );
    expect(stored.map((r) => r.code_hash)).not.toContain(code);
    const joined = await joinWith(code);
    expect(joined.statusCode).toBe(200);
    const value = joined.json().value;
    expect(value.team).toEqual({ id: team.teamId, name: 'Acme', key: team.key });
    expect(value.member).toMatchObject({ email: 'rep1@acme.test', role: 'rep' });
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(value.token) });
    expect(me.json().value).toMatchObject({ role: 'rep', deviceId: value.deviceId });

    const again = await joinWith(code, 'second laptop');
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('forbidden');
    const devices = await t.db.query('SELECT id FROM devices WHERE team_id = $1', [team.teamId]);
    expect(devices).toHaveLength(2);
  });

  it('an expired invite code joins no one', async () => {
    const { id, code } = await invite('rep', 'late@acme.test');
    await t.db.query(`UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const res = await joinWith(code);
    expect(res.statusCode).toBe(403);
    expect(await t.db.query(`SELECT 1 FROM members WHERE email = 'late@acme.test'`)).toHaveLength(0);
  });

  it('two devices racing with one code: exactly one joins', async () => {
    const { code } = await invite('rep', 'race@acme.test');
    const results = await Promise.all([joinWith(code, 'a'), joinWith(code, 'b')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 403]);
    const rows = await t.db.query(
      `SELECT d.id FROM devices d JOIN members m ON m.team_id = d.team_id AND m.id = d.member_id
       WHERE m.email = 'race@acme.test'`,
    );
    expect(rows).toHaveLength(1);
  });

  it('a revoked device is refused on its very next request', async () => {
    const { code } = await invite('rep', 'leaver@acme.test');
    const joined = (await joinWith(code)).json().value as { token: string; deviceId: string };
    expect(
      (await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(joined.token) })).statusCode,
    ).toBe(200);
    const revoke = await app.inject({
      method: 'POST',
      url: `/v1/devices/${joined.deviceId}/revoke`,
      headers: bearer(team.token),
    });
    expect(revoke.statusCode).toBe(200);
    const next = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(joined.token) });
    expect(next.statusCode).toBe(401);
    expect(next.json().error.code).toBe('auth-expired');
  });

  it('roles: a rep cannot invite, a readonly member cannot revoke others, only the owner invites admins', async () => {
    const rep = (await joinWith((await invite('rep', 'rep2@acme.test')).code)).json().value;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: bearer(rep.token),
      payload: { email: 'x@acme.test', role: 'rep' },
    });
    expect(res.statusCode).toBe(403);
    const viewer = (await joinWith((await invite('readonly', 'ro@acme.test')).code)).json().value;
    const revoke = await app.inject({
      method: 'POST',
      url: `/v1/devices/${rep.deviceId}/revoke`,
      headers: bearer(viewer.token),
    });
    expect(revoke.statusCode).toBe(403);
    const admin = (await joinWith((await invite('admin', 'admin@acme.test')).code)).json().value;
    const adminInvitesAdmin = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: bearer(admin.token),
      payload: { email: 'admin2@acme.test', role: 'admin' },
    });
    expect(adminInvitesAdmin.statusCode).toBe(403);
    const revokeOwner = await app.inject({
      method: 'POST',
      url: `/v1/devices/${team.deviceId}/revoke`,
      headers: bearer(admin.token),
    });
    expect(revokeOwner.statusCode).toBe(403);
  });

  it('forged, malformed or missing tokens get the same 401', async () => {
    const forged = `${team.token.slice(0, -4)}AAAA`;
    for (const headers of [bearer(forged), bearer('nonsense'), {}, { authorization: team.token }]) {
      const res = await app.inject({ method: 'GET', url: '/v1/me', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('auth-expired');
    }
  });

  it('SQL metacharacters and 10 KB strings are refused or stored as text, never run', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/join',
      payload: { code: "fsi_'; DROP TABLE teams; --", deviceName: 'x'.repeat(10_000) },
    });
    expect(res.statusCode).toBe(400);
    const tricky = await invite('rep', `o'brien";--@acme.test`);
    const joined = await joinWith(tricky.code, "Robert'); DROP TABLE devices;--");
    expect(joined.statusCode).toBe(200);
    expect(await t.db.query('SELECT 1 FROM teams')).not.toHaveLength(0);
  });

  it('an oversized body gets a clear 413 and changes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: { ...bearer(team.token), 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'big@acme.test', role: 'rep', pad: 'x'.repeat(2_000_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'invalid-input', message: 'The request is too large.' });
    expect(await t.db.query(`SELECT 1 FROM invites WHERE email = 'big@acme.test'`)).toHaveLength(0);
  });
});
