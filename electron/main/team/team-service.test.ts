import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import { REMOVED_MESSAGE } from './team-client';
import { TOKEN_NAME } from './team-service';
import { type DesktopMain, desktopMain, type ServerWorld, startServerWorld } from './testing/team-world';

const hmac = (keyHex: string, message: string) =>
  createHmac('sha256', Buffer.from(keyHex, 'hex')).update(message).digest('hex');

const profile = {
  company: 'Acme Sales Ltd',
  postalAddress: '1 Main Street, 10115 Berlin, Germany',
  unsubscribeBaseUrl: 'https://unsubscribe.acme.example',
  unsubscribeMailto: 'unsubscribe@acme.example',
};

describe('joining a team from main, against a real team server on PGlite', () => {
  let server: ServerWorld;
  const desktops: DesktopMain[] = [];
  const desktop = async () => {
    const d = await desktopMain();
    desktops.push(d);
    return d;
  };

  beforeAll(async () => {
    server = await startServerWorld();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    for (const d of desktops) await d.close();
    await server?.close();
  });

  it('joins with an invite: token and team key sealed, status in words, one-click links to the server', async () => {
    const d = await desktop();
    await d.profile.set(profile);
    const [ownKey] = await d.keyring.suppressionKeys('address', ['before@lead.example']);
    const status = await d.team.join({
      serverUrl: `${server.base}/`,
      inviteCode: await server.invite('rep', 1, 'ana@acme.test'),
      deviceName: "Ana's laptop",
    });
    expect(status).toMatchObject({
      joined: true,
      server: server.base,
      teamName: 'Acme Sales',
      role: 'rep',
      memberEmail: 'ana@acme.test',
      removed: false,
      rekeyed: false,
    });

    // the device token: only sealed in the vault; the team key: only sealed in its own file
    const token = await d.vault.take(TOKEN_NAME);
    expect(token).toMatch(/^fsd_/);
    const files = await readdir(d.dir);
    for (const file of files) {
      const bytes = await readFile(join(d.dir, file));
      expect(bytes.includes(token ?? '-')).toBe(false);
      expect(bytes.includes(Buffer.from(server.team.key, 'hex'))).toBe(false);
      expect(bytes.toString('latin1').includes(server.team.key)).toBe(false);
    }

    // new entries are keyed under the team's key; entries made before stay findable under the own key
    const [teamKey] = await d.keyring.suppressionKeys('address', ['before@lead.example']);
    expect(teamKey).toBe(hmac(server.team.key, 'address:before@lead.example'));
    expect(await d.keyring.lookupKeys('address', 'before@lead.example')).toEqual([teamKey, ownKey]);

    // one-click links: an http server on loopback leaves them on the profile's https address (the gate takes
    // https only); an https team server gets them (the membership as one would be kept)
    expect(d.team.unsubscribeBase()).toBeNull();
    const kept = d.state.get().membership!;
    d.state.update((s) => ({ ...s, membership: { ...kept, server: 'https://team.acme.example' } }));
    expect(d.team.unsubscribeBase()).toBe('https://team.acme.example');
    d.state.update((s) => ({ ...s, membership: kept }));
    // and the server takes this desktop's one-click token
    const oneClick = await d.keyring.unsubscribeToken('Lead@Example.com', 'mb1', Date.now());
    const answer = await fetch(`${server.base}/u/${oneClick}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(200);
    const rows = await server.t.db.query<{ id: string }>(
      'SELECT id FROM suppression WHERE team_id = $1 AND id = $2',
      [server.team.teamId, hmac(server.team.key, 'address:lead@example.com')],
    );
    expect(rows).toHaveLength(1);
  });

  it('says why in words when the invite is used, expired, or the server cannot be reached', async () => {
    const d = await desktop();
    const code = await server.invite();
    await (await desktop()).team.join({ serverUrl: server.base, inviteCode: code, deviceName: 'first' });
    const used = await d.team
      .join({ serverUrl: server.base, inviteCode: code, deviceName: 'second' })
      .catch((e) => e);
    expect(used.message).toMatch(/invite code does not work: .*already used, or expired/);

    await server.t.db.query(
      "UPDATE invites SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL",
    );
    const stale = await server.invite();
    await server.t.db.query(
      "UPDATE invites SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL",
    );
    const expired = await d.team
      .join({ serverUrl: server.base, inviteCode: stale, deviceName: 'x' })
      .catch((e) => e);
    expect(expired.message).toMatch(/expired/);

    const nothing = await d.team
      .join({ serverUrl: 'http://127.0.0.1:9', inviteCode: await server.invite(), deviceName: 'x' })
      .catch((e) => e);
    expect(nothing.message).toMatch(/cannot reach the team server at 127\.0\.0\.1:9/);
    expect(d.team.status().joined).toBe(false);
  });

  it('a revoked device learns it on its next call: "This computer was removed from the team", token forgotten', async () => {
    const d = await desktop();
    const joined = await d.team.join({
      serverUrl: server.base,
      inviteCode: await server.invite(),
      deviceName: 'to be removed',
    });
    expect((await d.team.pull('suppression', null, 10)).documents).toBeDefined();
    const deviceId = d.state.get().membership?.deviceId;
    const revoked = await fetch(`${server.base}/v1/devices/${deviceId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.team.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(revoked.status).toBe(200);
    const refused = await d.team.pull('suppression', null, 10).catch((e) => e);
    expect(refused.message).toBe(REMOVED_MESSAGE);
    const after = d.team.status();
    expect(after).toMatchObject({ joined: false, removed: true, problem: { message: REMOVED_MESSAGE } });
    expect(after.version).toBeGreaterThan(joined.version);
    expect(await d.vault.take(TOKEN_NAME)).toBeNull();
    // the team's key stays: entries keyed under it keep suppressing
    const [k] = await d.keyring.suppressionKeys('address', ['x@y.example']);
    expect(k).toBe(hmac(server.team.key, 'address:x@y.example'));
  });

  it('leaving revokes the device on the server, forgets the token, keeps the key, puts the old address back', async () => {
    const d = await desktop();
    await d.profile.set(profile);
    await d.team.join({ serverUrl: server.base, inviteCode: await server.invite(), deviceName: 'leaver' });
    const deviceId = d.state.get().membership?.deviceId;
    const left = await d.team.leave();
    expect(left).toMatchObject({ joined: false, removed: false, server: null });
    expect(await d.vault.take(TOKEN_NAME)).toBeNull();
    expect(d.team.unsubscribeBase()).toBeNull();
    expect(d.profile.get()?.unsubscribeBaseUrl).toBe(profile.unsubscribeBaseUrl);
    const [device] = await server.t.db.query<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM devices WHERE id = $1',
      [deviceId],
    );
    expect(device?.revoked).toBe(true);
    const [k] = await d.keyring.suppressionKeys('domain', ['lead.example']);
    expect(k).toBe(hmac(server.team.key, 'domain:lead.example'));
  });

  it('a membership survives a restart: a new service over the same files opens the live stream', async () => {
    const d = await desktop();
    await d.team.join({ serverUrl: server.base, inviteCode: await server.invite(), deviceName: 'restart' });
    d.team.close();
    const again = await import('./team-service').then(({ createTeamService }) =>
      createTeamService({
        state: d.state,
        keyring: d.keyring,
        vault: d.vault,
        profile: d.profile,
        now: Date.now,
      }),
    );
    await again.start();
    const { events } = await again.events(0, 10_000);
    expect(events.some((e) => e.event === 'RESYNC')).toBe(true);
    for (let i = 0; i < 50 && !again.status().connected; i++)
      await again.events(events.at(-1)?.seq ?? 0, 200);
    expect(again.status()).toMatchObject({ joined: true, connected: true });
    again.close();
  });
});
