import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/audit/chain';
import { syncPath } from '../../../shared/team/replication';
import type { App } from '../app';
import { BACKENDS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam } from '../testing/fixtures';
import {
  asRows,
  chainEvents,
  type Device,
  entry,
  member,
  ownerDevice,
  pull,
  pullAll,
  push,
} from './testing/sync-world';

describe.each(BACKENDS)('replication on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;
  let other: TestTeam;
  let owner: Device;
  let admin: Device;
  let rep: Device;
  let rep2: Device;
  let manager: Device;
  let readonly: Device;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db);
    team = await makeTeam(t.db, 'Acme');
    other = await makeTeam(t.db, 'Globex');
    owner = ownerDevice(team);
    [admin, rep, rep2, manager, readonly] = await Promise.all([
      member(t.db, team, 'admin'),
      member(t.db, team, 'rep'),
      member(t.db, team, 'rep', 'rep2'),
      member(t.db, team, 'manager'),
      member(t.db, team, 'readonly'),
    ]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('pushes suppression entries and pulls them back by checkpoint, page by page, exactly as pushed', async () => {
    const docs = [entry(), entry({ kind: 'domain', reason: 'imported' }), entry({ note: 'asked by phone' })];
    expect(await push(app, rep.token, 'suppression', asRows(docs))).toEqual({
      status: 200,
      body: { ok: true, value: [] },
    });
    const first = await pull(app, readonly.token, 'suppression', null, 2);
    expect(first.status).toBe(200);
    expect(first.body.value.documents).toHaveLength(2);
    const rest = await pull(app, readonly.token, 'suppression', first.body.value.checkpoint, 2);
    const all = [...first.body.value.documents, ...rest.body.value.documents];
    expect(all.filter((d) => docs.some((x) => x.id === d.id))).toEqual(
      expect.arrayContaining(docs.map((d) => expect.objectContaining(d))),
    );
    // nothing new: the same checkpoint comes back
    const after = await pull(app, readonly.token, 'suppression', rest.body.value.checkpoint);
    expect(after.body.value).toEqual({ documents: [], checkpoint: rest.body.value.checkpoint });
    expect(rest.body.value.checkpoint).toEqual({
      order: expect.stringMatching(/^\d+$/),
      id: expect.any(String),
    });
  });

  it('answers a conflict with the master state, the way RxDB expects, and takes a push that knew the master', async () => {
    const doc = entry({ reason: 'bounced' });
    await push(app, rep.token, 'suppression', asRows([doc]));
    // another desktop, which never saw it, pushes its own version: the answer is the server's
    const theirs = { ...doc, reason: 'manual', note: 'typed in' };
    expect((await push(app, rep2.token, 'suppression', [{ newDocumentState: theirs }])).body.value).toEqual([
      doc,
    ]);
    // a stale assumed state is a conflict too
    const stale = { ...doc, note: 'old' };
    const staleAnswer = await push(app, rep2.token, 'suppression', [
      { assumedMasterState: stale, newDocumentState: theirs },
    ]);
    expect(staleAnswer.body.value).toEqual([doc]);
    // knowing the master (with RxDB's own fields on it), the change is taken
    const assumed = { ...doc, _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} };
    expect(
      (
        await push(app, rep2.token, 'suppression', [
          { assumedMasterState: assumed, newDocumentState: theirs },
        ])
      ).body.value,
    ).toEqual([]);
    const { documents } = await pullAll(app, rep.token, 'suppression');
    expect(documents.find((d) => d.id === doc.id)).toEqual(theirs);
    // the same state again is no conflict (a push whose answer was lost)
    expect((await push(app, rep2.token, 'suppression', [{ newDocumentState: theirs }])).body.value).toEqual(
      [],
    );
  });

  it("keeps a rep's removal from taking effect: the answer is the entry as it stands", async () => {
    const doc = entry();
    await push(app, rep.token, 'suppression', asRows([doc]));
    const removal = { ...doc, _deleted: true, removedNote: 'wrong person' };
    const answer = await push(app, rep.token, 'suppression', [
      { assumedMasterState: doc, newDocumentState: removal },
    ]);
    expect(answer).toEqual({ status: 200, body: { ok: true, value: [doc] } });
    // one without a reason too: a conflict, not an error that would stall the desktop's pushes
    const bare = await push(app, rep.token, 'suppression', [
      { assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } },
    ]);
    expect(bare.body.value).toEqual([doc]);
    const { documents } = await pullAll(app, owner.token, 'suppression');
    expect(documents.find((d) => d.id === doc.id)).toEqual(doc);
  });

  it('lets an admin remove an entry with a reason, as a tombstone, and audits who did it', async () => {
    const doc = entry();
    await push(app, rep.token, 'suppression', asRows([doc]));
    const bare = await push(app, admin.token, 'suppression', [
      { assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } },
    ]);
    expect(bare.status).toBe(400);
    const removal = { ...doc, _deleted: true, removedNote: 'added by mistake' };
    const answer = await push(app, admin.token, 'suppression', [
      { assumedMasterState: doc, newDocumentState: removal },
    ]);
    expect(answer.body.value).toEqual([]);
    const { documents } = await pullAll(app, rep.token, 'suppression');
    expect(documents.find((d) => d.id === doc.id)).toEqual(removal);
    const [audited] = await t.db.query<{ type: string; data: Record<string, unknown> }>(
      `SELECT type, data FROM audit WHERE team_id = $1 AND data->>'key' = $2`,
      [team.teamId, doc.id],
    );
    expect(audited).toEqual({
      type: 'suppression.removed',
      data: {
        key: doc.id,
        kind: 'address',
        note: 'added by mistake',
        memberId: admin.memberId,
        deviceId: admin.deviceId,
      },
    });
  });

  it('lets an entry added again win over its removal, even from a desktop that never saw the removal', async () => {
    const doc = entry({ reason: 'bounced' });
    await push(app, rep.token, 'suppression', asRows([doc]));
    const removal = { ...doc, _deleted: true, removedNote: 'fixed the address' };
    await push(app, admin.token, 'suppression', [{ assumedMasterState: doc, newDocumentState: removal }]);
    const again = { ...doc, reason: 'unsubscribed', createdAt: doc.createdAt + 1 };
    expect((await push(app, rep2.token, 'suppression', [{ newDocumentState: again }])).body.value).toEqual(
      [],
    );
    expect((await pullAll(app, rep.token, 'suppression')).documents.find((d) => d.id === doc.id)).toEqual(
      again,
    );
  });

  it('refuses pushes from a readonly member', async () => {
    const answer = await push(app, readonly.token, 'suppression', asRows([entry()]));
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect((await push(app, readonly.token, 'audit', asRows(await chainEvents('ro-chain', 1)))).status).toBe(
      403,
    );
  });

  it("takes a device's audit chain, again unchanged, and hands it back so the chain still verifies", async () => {
    const chainId = 'c0ffee00-0000-4000-8000-000000000001';
    const events = await chainEvents(chainId, 5);
    expect((await push(app, rep.token, 'audit', asRows(events.slice(0, 3)))).body.value).toEqual([]);
    expect((await push(app, rep.token, 'audit', asRows(events))).body.value).toEqual([]);
    const mine = (await pullAll(app, rep.token, 'audit')).documents.filter((d) => d.deviceId === chainId);
    expect(mine.map((d) => d.seq)).toEqual([1, 2, 3, 4, 5]);
    const pulled = mine.map(({ _deleted, ...event }) => event);
    expect(await verifyChain(pulled as never, null)).toBeNull();
    expect(pulled).toEqual(events);
  });

  it('rejects a push that breaks the chain or rewrites history, with a 409 that says which event', async () => {
    const chainId = 'c0ffee00-0000-4000-8000-000000000002';
    const events = await chainEvents(chainId, 6);
    await push(app, rep.token, 'audit', asRows(events.slice(0, 3)));

    const gap = await push(app, rep.token, 'audit', asRows(events.slice(4)));
    expect(gap.status).toBe(409);
    expect(gap.body.error).toEqual({
      code: 'conflict',
      message: expect.stringMatching(/ends \(event 3\).*event 5/),
    });

    const tampered = { ...events[3]!, data: { mailboxId: 'mb2', n: 3 } };
    const broken = await push(app, rep.token, 'audit', asRows([tampered]));
    expect(broken.status).toBe(409);
    expect(broken.body.error.message).toMatch(/event 4 does not match its own hash/);

    // a rewritten past, hashes recomputed so it chains: refused, the event the server holds differs
    const rewritten = await chainEvents(chainId, 1);
    const forged = { ...rewritten[0]!, data: { mailboxId: 'mb1', n: 99 } };
    const rewrite = await push(app, rep.token, 'audit', asRows([forged]));
    expect(rewrite.status).toBe(409);
    expect(rewrite.body.error.message).toMatch(/event 1 differs .* cannot be rewritten/);

    const deleted = await push(app, rep.token, 'audit', [
      { newDocumentState: { ...events[0]!, _deleted: true } },
    ]);
    expect(deleted.status).toBe(409);

    // nothing of the refused pushes was kept; the right continuation still goes
    expect((await push(app, rep.token, 'audit', asRows(events.slice(3)))).body.value).toEqual([]);
    const held = (await pullAll(app, owner.token, 'audit')).documents.filter((d) => d.deviceId === chainId);
    expect(held.map((d) => d.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("refuses one device pushing another device's chain, and a chain that does not start at its first event", async () => {
    const chainId = 'c0ffee00-0000-4000-8000-000000000003';
    const events = await chainEvents(chainId, 3);
    await push(app, rep.token, 'audit', asRows(events.slice(0, 2)));
    const theirs = await push(app, rep2.token, 'audit', asRows(events.slice(2)));
    expect(theirs.status).toBe(403);
    const late = await chainEvents('c0ffee00-0000-4000-8000-000000000004', 3);
    expect((await push(app, rep2.token, 'audit', asRows(late.slice(1)))).status).toBe(409);
  });

  it("lets managers pull everyone's audit events and reps only their own devices'", async () => {
    const repChain = await chainEvents('c0ffee00-0000-4000-8000-000000000005', 2);
    const otherChain = await chainEvents('c0ffee00-0000-4000-8000-000000000006', 2);
    await push(app, rep.token, 'audit', asRows(repChain));
    await push(app, rep2.token, 'audit', asRows(otherChain));
    const chainsSeenBy = async (d: Device) =>
      new Set((await pullAll(app, d.token, 'audit')).documents.map((e) => e.deviceId));
    const byRep = await chainsSeenBy(rep);
    expect(byRep.has(repChain[0]!.deviceId)).toBe(true);
    expect(byRep.has(otherChain[0]!.deviceId)).toBe(false);
    const byManager = await chainsSeenBy(manager);
    expect(byManager.has(repChain[0]!.deviceId) && byManager.has(otherChain[0]!.deviceId)).toBe(true);
  });

  it("never lets team A's token read or write team B's rows", async () => {
    const ours = entry();
    await push(app, rep.token, 'suppression', asRows([ours]));
    const theirs = await pullAll(app, other.token, 'suppression');
    expect(theirs.documents.some((d) => d.id === ours.id)).toBe(false);
    // the same key pushed into B is B's own entry: A's stays as it was
    const forged = { ...ours, reason: 'manual', note: 'from B' };
    expect((await push(app, other.token, 'suppression', asRows([forged]))).body.value).toEqual([]);
    expect((await pullAll(app, rep.token, 'suppression')).documents.find((d) => d.id === ours.id)).toEqual(
      ours,
    );
    // B pushing A's audit chain id starts a chain of B's own; A's audit and team rows never show in B's pulls
    const aChain = (await pullAll(app, owner.token, 'audit')).documents.map((d) => d.id);
    const bAudit = (await pullAll(app, other.token, 'audit')).documents.map((d) => d.id);
    expect(bAudit.filter((id) => aChain.includes(id))).toEqual([]);
    const bTeam = (await pullAll(app, other.token, 'team')).documents;
    expect(bTeam.map((d) => d.value?.email)).toEqual(['owner@globex.test']);
  });

  it('answers 426 with words the desktop can show to an outdated schema version, 400 to a newer one', async () => {
    const old = await app.inject({
      method: 'GET',
      url: '/v1/sync/suppression/s0/pull',
      headers: bearer(rep.token),
    });
    expect(old.statusCode).toBe(426);
    expect(old.json().error.message).toMatch(/too old .* Update Fairsend/);
    const newer = await app.inject({
      method: 'POST',
      url: '/v1/sync/audit/s1/push',
      headers: bearer(rep.token),
      payload: [],
    });
    expect(newer.statusCode).toBe(400);
    expect(newer.json().error.message).toMatch(/team server is older/);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/sync/leads/s0/pull', headers: bearer(rep.token) }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses malformed checkpoints with 400', async () => {
    for (const query of [
      'order=abc&id=x',
      'order=5',
      'id=x',
      'order=99999999999999999999&id=x',
      'order=-1&id=x',
      'order=01&id=x',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `${syncPath('suppression', 'pull')}?${query}`,
        headers: bearer(rep.token),
      });
      expect(response.statusCode, query).toBe(400);
    }
  });

  it('refuses a push of 100,000 documents at once, and an oversized body, with a clear 413', async () => {
    const one = { newDocumentState: entry() };
    const many = Array.from({ length: 100_000 }, () => one);
    const answer = await push(app, rep.token, 'suppression', many);
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toMatch(/at most 1,000 entries and 8 MB; this one was larger/);
    // small enough in bytes, too many in number
    const counted = await push(app, rep.token, 'suppression', many.slice(0, 1001));
    expect(counted.status).toBe(413);
    expect(counted.body.error.message).toMatch(/at most 1,000 entries; this one had 1,001/);
    const huge = await app.inject({
      method: 'POST',
      url: syncPath('suppression', 'push'),
      headers: { ...bearer(rep.token), 'content-type': 'application/json' },
      payload: `[${' '.repeat(9 * 1024 * 1024)}]`,
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toMatch(/and 8 MB/);
    expect(
      (
        await push(
          app,
          rep.token,
          'suppression',
          Array.from({ length: 1000 }, () => ({ newDocumentState: entry() })),
        )
      ).status,
    ).toBe(200);
  });

  it('replicates team settings from admins and members from the server, and refuses the rest', async () => {
    const settings = {
      id: 'settings',
      value: { caps: { mailboxDailyMax: 40 }, breakers: { bouncePause: 0.03 } },
      updatedAt: 1,
      _deleted: false,
    };
    expect((await push(app, rep.token, 'team', asRows([settings]))).status).toBe(403);
    expect((await push(app, admin.token, 'team', asRows([settings]))).body.value).toEqual([]);
    const memberDoc = {
      id: `member:${rep.memberId}`,
      value: { memberId: rep.memberId, email: 'x@y.z', role: 'admin' },
      updatedAt: 1,
      _deleted: false,
    };
    expect((await push(app, admin.token, 'team', asRows([memberDoc]))).status).toBe(403);
    const unknown = { ...settings, value: { caps: {}, breakers: {}, sendAsAnyone: true } };
    expect(
      (await push(app, admin.token, 'team', [{ assumedMasterState: settings, newDocumentState: unknown }]))
        .status,
    ).toBe(400);
    const { documents } = await pullAll(app, rep.token, 'team');
    expect(documents.find((d) => d.id === 'settings')).toEqual(settings);
    const members = documents.filter((d) => String(d.id).startsWith('member:'));
    expect(members.map((d) => d.value?.role).sort()).toEqual([
      'admin',
      'manager',
      'owner',
      'readonly',
      'rep',
      'rep',
    ]);
    // a role change made outside sync reaches the next pull
    await t.db.query(`UPDATE members SET role = 'manager' WHERE team_id = $1 AND id = $2`, [
      team.teamId,
      rep2.memberId,
    ]);
    const later = await pull(app, rep.token, 'team', (await pullAll(app, rep.token, 'team')).checkpoint);
    expect(later.body.value.documents).toEqual([]);
    const fresh = (await pullAll(app, rep.token, 'team')).documents.find(
      (d) => d.id === `member:${rep2.memberId}`,
    );
    expect(fresh?.value?.role).toBe('manager');
  });

  it('keeps SQL metacharacters as text, and refuses 10 KB strings in every field with nothing stored', async () => {
    const tricky = entry({ note: "'); DROP TABLE suppression; -- \\ $1 %_ \u0007" });
    expect((await push(app, rep.token, 'suppression', asRows([tricky]))).body.value).toEqual([]);
    expect((await pullAll(app, rep.token, 'suppression')).documents.find((d) => d.id === tricky.id)).toEqual(
      tricky,
    );
    const big = 'x'.repeat(10_240);
    const before = (await pullAll(app, owner.token, 'suppression')).documents.length;
    for (const field of ['id', 'kind', 'reason', 'note']) {
      const answer = await push(app, rep.token, 'suppression', asRows([{ ...entry(), [field]: big }]));
      expect(answer.status, field).toBe(400);
    }
    expect((await pullAll(app, owner.token, 'suppression')).documents).toHaveLength(before);
    const [event] = await chainEvents('c0ffee00-0000-4000-8000-00000000000a', 1);
    for (const field of ['id', 'deviceId', 'type', 'prevHash', 'hash']) {
      const answer = await push(app, rep.token, 'audit', asRows([{ ...event!, [field]: big }]));
      expect(answer.status, field).toBe(400);
    }
    const fat = await chainEvents('c0ffee00-0000-4000-8000-00000000000b', 1);
    const heavy = await push(app, rep.token, 'audit', asRows([{ ...fat[0]!, data: { blob: big } }]));
    expect(heavy.status).toBe(400);
    const settings = {
      id: 'settings',
      value: { caps: {}, breakers: {}, note: big },
      updatedAt: 1,
      _deleted: false,
    };
    expect((await push(app, admin.token, 'team', asRows([settings]))).status).toBe(400);
    expect((await push(app, admin.token, 'team', asRows([{ ...settings, id: big }]))).status).toBe(400);
  });

  it('lists every sync route, with its auth, in /openapi.json', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const collection of ['suppression', 'audit', 'team']) {
      for (const [method, endpoint] of [
        ['get', 'pull'],
        ['post', 'push'],
        ['get', 'stream'],
      ] as const) {
        const route = doc.paths[`/v1/sync/${collection}/{schema}/${endpoint}`]?.[method];
        expect(route?.security, `${method} ${collection} ${endpoint}`).toEqual([{ deviceToken: [] }]);
      }
    }
  });
});
