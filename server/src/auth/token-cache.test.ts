import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, syncPath } from '../../../shared/team/replication';
import type { App } from '../app';
import { type Device, entry, member } from '../replication/testing/sync-world';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam } from '../testing/fixtures';
import { newDeviceToken } from './secrets';

// The authenticator remembers a token's Argon2id check (per token digest and stored hash) and the pull route
// keeps pages and their bodies; none of that may outlive a revocation, a removal, a role change or a new hash.
// Every device below has pulled (token remembered, page kept) before the change; the very next request decides.
describe.each(BACKENDS)('remembered tokens on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;
  const pullUrl = `${syncPath('suppression', 'pull')}?limit=${LIMITS.maxPullRows}`;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { perMinute: 100_000 });
    team = await makeTeam(t.db, 'Acme');
    const push = await app.inject({
      method: 'POST',
      url: syncPath('suppression', 'push'),
      headers: bearer(team.token),
      payload: [{ newDocumentState: entry({ note: 'kept page' }) }],
    });
    expect(push.statusCode, push.body).toBe(200);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const pull = (token: string) => app.inject({ method: 'GET', url: pullUrl, headers: bearer(token) });
  const post = (url: string, token: string, payload: object = {}) =>
    app.inject({ method: 'POST', url, headers: bearer(token), payload });

  /** a device that has pulled the page twice: its token check is remembered and the page is kept */
  async function warm(role: 'rep' | 'manager' = 'rep'): Promise<Device> {
    const device = await member(t.db, team, role);
    for (let i = 0; i < 2; i++) {
      const res = await pull(device.token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain('kept page');
    }
    return device;
  }

  function expectRefused(res: Awaited<ReturnType<typeof pull>>) {
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth-expired');
    expect(res.body).not.toContain('kept page');
  }

  it('a revoked device is refused on its very next pull', async () => {
    const device = await warm();
    expect((await post(`/v1/devices/${device.deviceId}/revoke`, team.token)).statusCode).toBe(200);
    expectRefused(await pull(device.token));
  });

  it('a removed member is refused on the very next pull', async () => {
    const device = await warm();
    expect((await post(`/v1/members/${device.memberId}/remove`, team.token)).statusCode).toBe(200);
    expectRefused(await pull(device.token));
  });

  it('a role change applies to the very next request', async () => {
    const device = await warm('manager');
    const row = () => ({ newDocumentState: entry({ note: 'by the manager' }) });
    expect((await post(syncPath('suppression', 'push'), device.token, [row()])).statusCode).toBe(200);
    expect(
      (await post(`/v1/members/${device.memberId}/role`, team.token, { role: 'readonly' })).statusCode,
    ).toBe(200);
    const refused = await post(syncPath('suppression', 'push'), device.token, [row()]);
    expect(refused.statusCode).toBe(403);
    expect((await pull(device.token)).statusCode).toBe(200); // readonly still reads
  });

  it('a token with the same lookup prefix and another secret is refused after the real one is remembered', async () => {
    const device = await warm();
    const [, prefix, secret] = /^fsd_(.{11})_(.+)$/.exec(device.token)!;
    const flipped = `${secret![0] === 'A' ? 'B' : 'A'}${secret!.slice(1)}`;
    expectRefused(await pull(`fsd_${prefix}_${flipped}`));
    expect((await pull(device.token)).statusCode).toBe(200);
  });

  it('a new stored hash for the device is checked again: the remembered check of the old token no longer counts', async () => {
    const device = await warm();
    const other = await newDeviceToken();
    await t.db.query('UPDATE devices SET token_hash = $1 WHERE team_id = $2 AND id = $3', [
      other.hash,
      team.teamId,
      device.deviceId,
    ]);
    expectRefused(await pull(device.token));
  });

  it('last seen is written on the first request and at most once a minute after', async () => {
    const device = await member(t.db, team, 'rep');
    const seen = async () => {
      const [row] = await t.db.query<{ at: string | null }>(
        `SELECT (extract(epoch FROM last_seen_at) * 1000)::bigint::text AS at FROM devices
         WHERE team_id = $1 AND id = $2`,
        [team.teamId, device.deviceId],
      );
      return row?.at ?? null;
    };
    expect(await seen()).toBeNull();
    expect((await pull(device.token)).statusCode).toBe(200);
    const first = await seen();
    expect(first).not.toBeNull();
    expect((await pull(device.token)).statusCode).toBe(200);
    expect(await seen()).toBe(first);
    await t.db.query(
      `UPDATE devices SET last_seen_at = now() - interval '2 minutes' WHERE team_id = $1 AND id = $2`,
      [team.teamId, device.deviceId],
    );
    const stale = await seen();
    expect((await pull(device.token)).statusCode).toBe(200);
    expect(Number(await seen())).toBeGreaterThan(Number(stale));
  });
});
