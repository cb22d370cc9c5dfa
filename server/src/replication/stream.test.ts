import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { BACKENDS, openTestDb, type TestDb } from '../testing/backends';
import { addressKey, bearer, makeApp, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';
import { asRows, type Device, entry, member, openEventStream, pullAll, push } from './testing/sync-world';

describe.each(BACKENDS)('live stream on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let base: string;
  let team: TestTeam;
  let other: TestTeam;
  let rep: Device;
  let rep2: Device;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    team = await makeTeam(t.db, 'Acme');
    other = await makeTeam(t.db, 'Globex');
    rep = await member(t.db, team, 'rep');
    rep2 = await member(t.db, team, 'rep', 'rep2');
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('sends RESYNC on connect, then a row another desktop pushes, with the checkpoint a pull gives', async () => {
    const stream = await openEventStream(base, rep.token, 'suppression');
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      expect(await stream.next()).toBe('RESYNC');
      const doc = entry({ note: 'from the other desktop' });
      await push(app, rep2.token, 'suppression', asRows([doc]));
      const event = await stream.next();
      expect(event).toEqual({
        documents: [doc],
        checkpoint: (await pullAll(app, rep.token, 'suppression')).checkpoint,
      });
    } finally {
      stream.close();
    }
  });

  it('sends a one-click opt-out to connected desktops as soon as it is recorded', async () => {
    const stream = await openEventStream(base, rep.token, 'suppression');
    try {
      expect(await stream.next()).toBe('RESYNC');
      const optOut = await app.inject({
        method: 'POST',
        url: `/u/${unsubscribeToken(team.key, 'lee@example.com')}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(optOut.statusCode).toBe(200);
      expect(await stream.next()).toEqual({
        documents: [
          expect.objectContaining({ id: addressKey(team.key, 'lee@example.com'), reason: 'unsubscribed' }),
        ],
        checkpoint: expect.any(Object),
      });
    } finally {
      stream.close();
    }
  });

  it('sends RESYNC again on every reconnect', async () => {
    for (let i = 0; i < 2; i++) {
      const stream = await openEventStream(base, rep.token, 'audit');
      expect(await stream.next()).toBe('RESYNC');
      stream.close();
    }
  });

  it("never sends one team's rows on another team's stream", async () => {
    const theirs = await openEventStream(base, other.token, 'suppression');
    try {
      expect(await theirs.next()).toBe('RESYNC');
      await push(app, rep.token, 'suppression', asRows([entry({ note: 'Acme only' })]));
      const own = entry({ note: 'Globex' });
      await push(app, other.token, 'suppression', asRows([own]));
      // the first rows Globex hears of are its own
      expect(await theirs.next()).toEqual({ documents: [own], checkpoint: expect.any(Object) });
    } finally {
      theirs.close();
    }
  });

  it('ends the stream of a revoked device at the next change', async () => {
    const doomed = await member(t.db, team, 'rep', 'doomed');
    const stream = await openEventStream(base, doomed.token, 'suppression');
    expect(await stream.next()).toBe('RESYNC');
    const revoked = await app.inject({
      method: 'POST',
      url: `/v1/devices/${doomed.deviceId}/revoke`,
      headers: bearer(doomed.token),
    });
    expect(revoked.statusCode).toBe(200);
    await push(app, rep.token, 'suppression', asRows([entry()]));
    await expect(stream.next()).rejects.toThrow(/ended/);
  });

  it('refuses a stream without a valid token', async () => {
    const response = await fetch(`${base}/v1/sync/suppression/s1/stream`, { headers: bearer('fsd_nope') });
    expect(response.status).toBe(401);
  });
});
