import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GOLDEN_ADDRESS_KEY,
  GOLDEN_TEAM_KEY_BYTE,
  GOLDEN_TOKEN,
} from '../../../shared/team/testing/golden-token';
import type { App } from '../app';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { addressKey, makeApp, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';

describe.each(BACKENDS)('one-click unsubscribe on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let acme: TestTeam;
  let globex: TestTeam;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { unsubscribePerMinute: 1000 });
    acme = await makeTeam(t.db, 'Acme');
    globex = await makeTeam(t.db, 'Globex');
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  /** what the database holds, read with queries of our own (not through any route) */
  async function stored(teamId: string, key: string) {
    const suppression = await t.db.query<{ kind: string; reason: string; deleted: boolean; source: string }>(
      'SELECT kind, reason, deleted, source FROM suppression WHERE team_id = $1 AND id = $2',
      [teamId, key],
    );
    const audit = await t.db.query<{ type: string; data: Record<string, unknown> }>(
      `SELECT type, data FROM audit WHERE team_id = $1 AND data->>'key' = $2`,
      [teamId, key],
    );
    return { suppression, audit };
  }

  async function counts() {
    const [row] = await t.db.query<{ s: number; a: number }>(
      'SELECT (SELECT count(*) FROM suppression)::int AS s, (SELECT count(*) FROM audit)::int AS a',
    );
    return row;
  }

  const variants: [string, Record<string, string>, string | undefined][] = [
    [
      'the exact RFC 8058 body',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'List-Unsubscribe=One-Click',
    ],
    ['an empty body with no content type', {}, undefined],
    ['an empty form body', { 'content-type': 'application/x-www-form-urlencoded' }, ''],
    [
      'a form body with other fields',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'foo=bar&List-Unsubscribe=One-Click&x=%27%3B--',
    ],
    ['a text/plain body', { 'content-type': 'text/plain' }, 'List-Unsubscribe=One-Click'],
    ['a JSON body', { 'content-type': 'application/json' }, '{"List-Unsubscribe":"One-Click"}'],
    [
      'a multipart form',
      { 'content-type': 'multipart/form-data; boundary=XyZ' },
      '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n',
    ],
  ];

  it.each(variants)(
    'POST with %s records the opt-out: 200, no cookie, no redirect',
    async (_n, headers, body) => {
      const address = `lead-${randomBytes(4).toString('hex')}@example.com`;
      const key = addressKey(acme.key, address);
      expect((await stored(acme.teamId, key)).suppression).toEqual([]);
      const res = await app.inject({
        method: 'POST',
        url: `/u/${unsubscribeToken(acme.key, address)}`,
        headers,
        ...(body === undefined ? {} : { payload: body }),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers.location).toBeUndefined();
      const after = await stored(acme.teamId, key);
      expect(after.suppression).toEqual([
        { kind: 'address', reason: 'unsubscribed', deleted: false, source: 'unsubscribe-link' },
      ]);
      expect(after.audit).toHaveLength(1);
      expect(after.audit[0]!.type).toBe('suppression.added');
      expect(JSON.stringify(after)).not.toContain(address);
    },
  );

  it('verifies the token the desktop signed (the golden token) and stores its key', async () => {
    const team = await makeTeam(t.db, 'Golden');
    await t.db.query('UPDATE teams SET team_key = $2 WHERE id = $1', [
      team.teamId,
      Buffer.alloc(32, GOLDEN_TEAM_KEY_BYTE).toString('hex'),
    ]);
    const res = await app.inject({ method: 'POST', url: `/u/${GOLDEN_TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect((await stored(team.teamId, GOLDEN_ADDRESS_KEY)).suppression).toHaveLength(1);
    await t.db.query('DELETE FROM teams WHERE id = $1', [team.teamId]);
  });

  it("a sequence's email names its sequence: the opt-out counts for that sequence in the team's stats", async () => {
    const address = 'step-two@example.com';
    const token = unsubscribeToken(acme.key, address, 'mb1', Date.now(), 'seq-spring');
    expect((await app.inject({ method: 'POST', url: `/u/${token}` })).statusCode).toBe(200);
    const { audit } = await stored(acme.teamId, addressKey(acme.key, address));
    expect(audit[0]?.data.sequenceId).toBe('seq-spring');
    const rows = await t.db.query<{ metric: string; count: number }>(
      `SELECT metric, count::int AS count FROM stats_sequence_daily WHERE team_id = $1 AND sequence_id = $2`,
      [acme.teamId, 'seq-spring'],
    );
    expect(rows).toEqual([{ metric: expect.stringMatching(/opt/), count: 1 }]);
  });

  it('a repeat is a harmless success: one entry, one audit event', async () => {
    const token = unsubscribeToken(acme.key, 'twice@example.com');
    const first = await app.inject({ method: 'POST', url: `/u/${token}` });
    const second = await app.inject({ method: 'POST', url: `/u/${token}`, payload: '' });
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const after = await stored(acme.teamId, addressKey(acme.key, 'twice@example.com'));
    expect(after.suppression).toHaveLength(1);
    expect(after.audit).toHaveLength(1);
  });

  it('an entry an admin removed comes back when the recipient opts out again', async () => {
    const key = addressKey(acme.key, 'back@example.com');
    const token = unsubscribeToken(acme.key, 'back@example.com');
    await app.inject({ method: 'POST', url: `/u/${token}` });
    await t.db.query('UPDATE suppression SET deleted = true WHERE team_id = $1 AND id = $2', [
      acme.teamId,
      key,
    ]);
    await app.inject({ method: 'POST', url: `/u/${token}` });
    const after = await stored(acme.teamId, key);
    expect(after.suppression[0]!.deleted).toBe(false);
    expect(after.audit).toHaveLength(2);
  });

  it('the GET page asks, with a button that posts, and changes nothing', async () => {
    const before = await counts();
    const address = 'scanner@example.com';
    const res = await app.inject({ method: 'GET', url: `/u/${unsubscribeToken(acme.key, address)}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<form method="post">/);
    expect(res.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(res.body).not.toContain('<script');
    expect(await counts()).toEqual(before);
    expect((await stored(acme.teamId, addressKey(acme.key, address))).suppression).toEqual([]);
  });

  it("a token records only in its own team: Acme's opt-out is not Globex's", async () => {
    await app.inject({ method: 'POST', url: `/u/${unsubscribeToken(globex.key, 'shared@example.com')}` });
    expect(
      (await stored(globex.teamId, addressKey(globex.key, 'shared@example.com'))).suppression,
    ).toHaveLength(1);
    expect((await stored(acme.teamId, addressKey(acme.key, 'shared@example.com'))).suppression).toEqual([]);
    expect((await stored(acme.teamId, addressKey(globex.key, 'shared@example.com'))).suppression).toEqual([]);
  });

  it('bad, truncated, forged or foreign-team tokens: the same 400 for each, and nothing stored', async () => {
    const good = unsubscribeToken(acme.key, 'victim@example.com');
    const [payload, signature] = good.split('.') as [string, string];
    const flipped = `${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const foreign = unsubscribeToken(randomBytes(32).toString('hex'), 'victim@example.com');
    const bad = [
      'garbage',
      good.slice(0, -3),
      good.slice(0, good.length / 2),
      payload,
      flipped,
      foreign,
      `${good}.extra`,
      'x'.repeat(1000),
      '%27%3B%20DROP%20TABLE%20suppression%3B--',
    ];
    const before = await counts();
    const bodies = new Set<string>();
    for (const token of bad) {
      for (const method of ['POST', 'GET'] as const) {
        const res = await app.inject({ method, url: `/u/${token}` });
        expect(res.statusCode, `${method} ${token.slice(0, 30)}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        bodies.add(res.body);
      }
    }
    expect(bodies.size).toBe(1);
    expect(await counts()).toEqual(before);
  });
});
