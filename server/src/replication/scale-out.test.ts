import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app';
import type { Db } from '../db/db';
import { openPgDb } from '../db/pg-db';
import { openTestDb, PG_URL, type TestDb } from '../testing/backends';
import { addressKey, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';
import type { Notifier } from './notifier';
import { createPgNotifier } from './pg-notifier';
import { asRows, type Device, entry, member, openEventStream, push } from './testing/sync-world';

/** Two server instances on loopback sharing the real PostgreSQL, as behind a load balancer. */
describe('two instances on one PostgreSQL', () => {
  let t: TestDb;
  let dbB: Db;
  let notifiers: Notifier[];
  let appA: App;
  let appB: App;
  let urlB: string;
  let team: TestTeam;
  let rep: Device;

  beforeAll(async () => {
    t = await openTestDb('postgres');
    dbB = await openPgDb({ connectionString: PG_URL, schema: t.schema!, max: 4 });
    notifiers = [await createPgNotifier(PG_URL), await createPgNotifier(PG_URL)];
    appA = await buildApp({ db: t.db, logLevel: false, notifier: notifiers[0] });
    appB = await buildApp({ db: dbB, logLevel: false, notifier: notifiers[1] });
    await appA.listen({ host: '127.0.0.1', port: 0 });
    urlB = await appB.listen({ host: '127.0.0.1', port: 0 });
    team = await makeTeam(t.db, 'Acme');
    rep = await member(t.db, team, 'rep');
  }, 180_000);
  afterAll(async () => {
    await appA?.close();
    await appB?.close();
    await Promise.all((notifiers ?? []).map((n) => n.close()));
    await dbB?.close();
    await t?.dispose();
  });

  it('a push through instance A reaches a live stream on instance B', async () => {
    const stream = await openEventStream(urlB, rep.token, 'suppression');
    try {
      expect(await stream.next()).toBe('RESYNC');
      const doc = entry({ note: 'through A' });
      const pushed = await push(appA, team.token, 'suppression', asRows([doc]));
      expect(pushed.status).toBe(200);
      expect(await stream.next()).toEqual({ documents: [doc], checkpoint: expect.any(Object) });
    } finally {
      stream.close();
    }
  });

  it('a one-click opt-out posted to instance A reaches a live stream on instance B', async () => {
    const stream = await openEventStream(urlB, rep.token, 'suppression');
    try {
      expect(await stream.next()).toBe('RESYNC');
      const token = unsubscribeToken(team.key, 'jane@example.com');
      const optOut = await appA.inject({
        method: 'POST',
        url: `/u/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(optOut.statusCode).toBe(200);
      const event = await stream.next();
      expect(event).toEqual({
        documents: [
          expect.objectContaining({ id: addressKey(team.key, 'jane@example.com'), reason: 'unsubscribed' }),
        ],
        checkpoint: expect.any(Object),
      });
    } finally {
      stream.close();
    }
  });
});
