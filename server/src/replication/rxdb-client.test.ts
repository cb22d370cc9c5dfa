import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { openTestDb, type TestDb } from '../testing/backends';
import { makeApp, makeTeam, type TestTeam } from '../testing/fixtures';
import { type Desktop, type Doc, desktop, seen } from './testing/rxdb-desktop';
import { entry, member, pullAll } from './testing/sync-world';

describe('a real RxDB client against the server (PostgreSQL)', () => {
  let t: TestDb;
  let app: App;
  let base: string;
  let team: TestTeam;
  let a: Desktop;
  let b: Desktop;

  beforeAll(async () => {
    t = await openTestDb('postgres');
    app = await makeApp(t.db);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    team = await makeTeam(t.db, 'Acme');
    a = await desktop(base, await member(t.db, team, 'rep', 'ana'), 'desktop-a');
    b = await desktop(base, await member(t.db, team, 'rep', 'ben'), 'desktop-b');
    await Promise.all([a.replication.awaitInitialReplication(), b.replication.awaitInitialReplication()]);
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await app?.close();
    await t?.dispose();
  });

  it("an entry added on one desktop reaches the other's RxDB through the live stream", async () => {
    const { _deleted, ...doc } = entry({ note: 'added on A' });
    await a.suppression.insert(doc);
    expect(await seen(b, doc.id, (d) => d !== null)).toBeTruthy();
    expect((await b.suppression.findOne(doc.id).exec())?.toJSON()).toMatchObject(doc);
  });

  it('a push that did not know the master gets the conflict answer, and that desktop takes the master', async () => {
    const { _deleted, ...doc } = entry({ note: 'first' });
    await a.suppression.insert(doc);
    await seen(b, doc.id, (d) => d !== null);
    await b.replication.pause();
    await (await b.suppression.findOne(doc.id).exec())!.incrementalPatch({ note: 'changed on B, offline' });
    await (await a.suppression.findOne(doc.id).exec())!.incrementalPatch({ note: 'changed on A' });
    await a.replication.awaitInSync();
    await b.replication.start();
    expect(await seen(b, doc.id, (d) => d?.note === 'changed on A')).toBeTruthy();
    await b.replication.awaitInSync();
    const server = (await pullAll(app, team.token, 'suppression')).documents.find((d) => d.id === doc.id);
    expect(server?.note).toBe('changed on A');
    expect(b.conflicts.some((c) => c.id === doc.id && c.note === 'changed on A')).toBe(true);
  });

  it("a rep's removal is answered with the entry, which comes back on that desktop and stays on the other", async () => {
    const { _deleted, ...doc } = entry({ note: 'keep me' });
    await a.suppression.insert(doc);
    await seen(b, doc.id, (d) => d !== null);
    await (await b.suppression.findOne(doc.id).exec())!.incrementalModify((d) => {
      (d as Doc & { _deleted: boolean })._deleted = true;
      d.removedNote = 'I think this is wrong';
      return d;
    });
    expect(await seen(b, doc.id, (d) => d?.note === 'keep me')).toBeTruthy();
    expect(b.conflicts.some((c) => c.id === doc.id && !c._deleted)).toBe(true);
    expect(await a.suppression.findOne(doc.id).exec()).not.toBeNull();
  });
});
