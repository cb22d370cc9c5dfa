import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPath } from '../../../shared/team/replication';
import type { App } from '../app';
import { openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';
import { type Desktop, type Doc, desktop, seen } from './testing/rxdb-desktop';
import { type Device, entry, member, pullAll, push } from './testing/sync-world';

/**
 * A desktop off the network for a week (its RxDB kept, its replication stopped) while it queues many entries of
 * its own, and the team goes on without it: another desktop adds many, recipients opt out, an admin removes an
 * entry, someone edits an entry it also edited. When it comes back, replication starts again from the checkpoints
 * RxDB kept: both desktops, the server's pull and the database itself (read with our own SQL) end up the same.
 */
const QUEUED = 1_000;
const MEANWHILE = 1_000;
const OPT_OUTS = 30;

const strip = ({ _deleted, ...doc }: ReturnType<typeof entry>): Doc => doc;

describe('a desktop offline for a week (real RxDB, PostgreSQL)', () => {
  let t: TestDb;
  let app: App;
  let base: string;
  let team: TestTeam;
  let admin: Device;
  let a: Desktop;
  let b: Desktop;

  beforeAll(async () => {
    t = await openTestDb('postgres');
    app = await makeApp(t.db, { unsubscribePerMinute: 10_000 });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    team = await makeTeam(t.db, 'Acme');
    admin = await member(t.db, team, 'admin');
    a = await desktop(base, await member(t.db, team, 'rep', 'ana'), 'week-a', 500);
    b = await desktop(base, await member(t.db, team, 'rep', 'ben'), 'week-b', 500);
    await Promise.all([a.replication.awaitInitialReplication(), b.replication.awaitInitialReplication()]);
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await app?.close();
    await t?.dispose();
  });

  it('comes back, pushes its queue, takes the week it missed, and every copy converges', async () => {
    // known to both before the week: one to be removed by an admin, one to be edited on both sides
    const removed = strip(entry({ note: 'removed while away' }));
    const edited = strip(entry({ note: 'before the week' }));
    await a.suppression.bulkInsert([removed, edited]);
    await seen(b, edited.id, (d) => d !== null);
    await seen(b, removed.id, (d) => d !== null);

    await b.goOffline();
    const queued = Array.from({ length: QUEUED }, (_, i) => strip(entry({ note: `queued on B ${i}` })));
    await b.suppression.bulkInsert(queued);
    await (await b.suppression.findOne(edited.id).exec())!.incrementalPatch({ note: 'edited on B, offline' });

    // the week, without B
    const meanwhile = Array.from({ length: MEANWHILE }, (_, i) =>
      strip(entry({ note: `meanwhile on A ${i}` })),
    );
    await a.suppression.bulkInsert(meanwhile);
    await (await a.suppression.findOne(edited.id).exec())!.incrementalPatch({ note: 'edited on A' });
    await a.replication.awaitInSync();
    for (let i = 0; i < OPT_OUTS; i++) {
      const optOut = await app.inject({
        method: 'POST',
        url: `/u/${unsubscribeToken(team.key, `lead${i}@example.com`)}`,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(optOut.statusCode).toBe(200);
    }
    const removal = await push(app, admin.token, 'suppression', [
      {
        assumedMasterState: { ...removed, _deleted: false },
        newDocumentState: { ...removed, _deleted: true, removedNote: 'asked us to write again' },
      },
    ]);
    expect(removal.body).toEqual({ ok: true, value: [] });

    // a week later
    await b.goOnline();
    await b.replication.awaitInSync();
    await a.replication.awaitInSync();
    expect(await seen(a, queued.at(-1)!.id, (d) => d !== null)).toBeTruthy();
    await a.replication.awaitInSync();

    const copy = async (d: Desktop) =>
      (await d.suppression.find().exec()).map((doc) => `${doc.id} ${doc.note}`).sort();
    const server = (await pullAll(app, team.token, 'suppression')).documents.filter((d) => !d._deleted);
    const stored = await t.db.query<{ id: string; note: string }>(
      `SELECT id, note FROM suppression WHERE team_id = $1 AND NOT deleted`,
      [team.teamId],
    );
    const expected = 1 + QUEUED + MEANWHILE + OPT_OUTS; // the edited entry, both queues, the opt-outs
    const fromSql = stored.map((r) => `${r.id} ${r.note}`).sort();
    expect(fromSql).toHaveLength(expected);
    expect(new Set(stored.map((r) => r.id)).size).toBe(expected);
    expect(server.map((d) => `${d.id} ${d.note}`).sort()).toEqual(fromSql);
    expect(await copy(a)).toEqual(fromSql);
    expect(await copy(b)).toEqual(fromSql);
    // the edit made on the server's side won; B was answered with it and took it
    expect(fromSql).toContain(`${edited.id} edited on A`);
    expect(b.conflicts.some((c) => c.id === edited.id && c.note === 'edited on A')).toBe(true);
    // the removal reached B (gone from its copy), and the server's audit says who removed it
    expect(await b.suppression.findOne(removed.id).exec()).toBeNull();
    const audit = await app.inject({
      method: 'GET',
      url: syncPath('audit', 'pull'),
      headers: bearer(team.token),
    });
    expect(audit.body).toContain(removed.id);
  }, 120_000);
});
