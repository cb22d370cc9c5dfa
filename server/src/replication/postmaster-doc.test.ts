import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { BACKENDS, openTestDb, type TestDb } from '../testing/backends';
import { makeApp, makeTeam, type TestTeam } from '../testing/fixtures';
import { asRows, type Device, member, pullAll, push } from './testing/sync-world';

// The `postmaster` team document (shared/team/postmaster.ts): an admin's desktop pushes its sending domains'
// daily spam rates, every member pulls them; only admins and owners write it, and only in its own shape.

const doc = (spamRate: number, updatedAt = 1) => ({
  id: 'postmaster',
  value: {
    fetchedAt: 1_700_000_000_000,
    domains: [{ domain: 'acme.test', days: [{ date: '2026-12-01', spamRate, spammyLoops: 0 }] }],
  },
  updatedAt,
  _deleted: false,
});

describe.each(BACKENDS)('the postmaster team document on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;
  let other: TestTeam;
  let admin: Device;
  let rep: Device;
  let manager: Device;
  let stranger: Device;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db);
    team = await makeTeam(t.db, 'Acme');
    other = await makeTeam(t.db, 'Globex');
    [admin, rep, manager, stranger] = await Promise.all([
      member(t.db, team, 'admin'),
      member(t.db, team, 'rep'),
      member(t.db, team, 'manager'),
      member(t.db, other, 'admin'),
    ]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('is written by an admin beside the settings, read by every member, and answered with the master on conflict', async () => {
    const first = doc(0.0035);
    expect((await push(app, rep.token, 'team', asRows([first]))).status).toBe(403);
    expect((await push(app, manager.token, 'team', asRows([first]))).status).toBe(403);
    const settings = { id: 'settings', value: { caps: {}, breakers: {} }, updatedAt: 1, _deleted: false };
    expect((await push(app, admin.token, 'team', asRows([settings, first]))).body.value).toEqual([]);
    const pulled = (await pullAll(app, rep.token, 'team')).documents;
    expect(pulled.find((d) => d.id === 'postmaster')).toEqual(first);
    expect(pulled.find((d) => d.id === 'settings')).toEqual(settings);

    // a second write that assumed nothing is a conflict answered with the master (RxDB's contract)
    const second = doc(0.0005, 2);
    expect((await push(app, admin.token, 'team', asRows([second]))).body.value).toEqual([first]);
    const ok = await push(app, admin.token, 'team', [
      { assumedMasterState: first, newDocumentState: second },
    ]);
    expect(ok.body.value).toEqual([]);
    expect((await pullAll(app, manager.token, 'team')).documents.find((d) => d.id === 'postmaster')).toEqual(
      second,
    );
    // another team sees none of it
    expect(
      (await pullAll(app, stranger.token, 'team')).documents.find((d) => d.id === 'postmaster'),
    ).toBeUndefined();
  });

  it('refuses a document not in its shape: extra fields, a bad domain, a rate over 1, too many domains', async () => {
    const base = doc(0.001);
    const bad = [
      { ...base.value, extra: true },
      { ...base.value, domains: [{ domain: "acme.test'; DROP TABLE team_docs; --", days: [] }] },
      { ...base.value, domains: [{ domain: 'acme.test', days: [{ date: '2026-12-01', spamRate: 2 }] }] },
      {
        ...base.value,
        domains: Array.from({ length: 51 }, (_, i) => ({ domain: `d${i}.acme.test`, days: [] })),
      },
    ];
    for (const value of bad) {
      const answer = await push(app, admin.token, 'team', asRows([{ ...base, value, updatedAt: 9 }]));
      expect(answer.status).toBe(400);
    }
  });
});
