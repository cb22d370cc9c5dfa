import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';

interface Operation {
  method: string;
  path: string;
  secured: boolean;
}

/**
 * What each route is called with. Every operation in /openapi.json must be here (and nothing else), so a new
 * route cannot join the server without joining this walk. `{deviceId}`, `{memberId}` and `{inviteId}` are filled with Acme's.
 */
const SAMPLES: Record<string, { body?: unknown; public?: string }> = {
  'GET /health': { public: 'says only that the server is up' },
  'GET /openapi.json': { public: 'the route list, no data' },
  'POST /v1/join': {
    body: { code: 'fsi_AAAAAAAAAAAAAAAAAAAAAA', deviceName: 'x' },
    public: 'an invite code is the credential',
  },
  'GET /v1/me': {},
  'GET /v1/members': {},
  'POST /v1/invites': { body: { email: 'new@globex.test', role: 'rep' } },
  'GET /v1/devices': {},
  'POST /v1/devices/{deviceId}/revoke': {},
  // members helper: Acme's open invite, Acme's owner (the one change that would hurt most)
  'GET /v1/invites': {},
  'POST /v1/invites/{inviteId}/revoke': {},
  'POST /v1/members/{memberId}/role': { body: { role: 'readonly' } },
  'POST /v1/members/{memberId}/remove': {},
  'POST /u/{token}': { public: 'the signed token is the credential' },
  'GET /u/{token}': { public: 'the signed token is the credential' },
  'GET /v1/stats': {}, // stats helper
  // replication (sync helper): {schema} stays literal here, so these stop at the version check after auth; the
  // sync routes' own cross-team tests are in server/src/replication (replication.test.ts, stream.test.ts)
  'GET /v1/sync/suppression/{schema}/pull': {},
  'POST /v1/sync/suppression/{schema}/push': { body: [] },
  'GET /v1/sync/suppression/{schema}/stream': {},
  'GET /v1/sync/audit/{schema}/pull': {},
  'POST /v1/sync/audit/{schema}/push': { body: [] },
  'GET /v1/sync/audit/{schema}/stream': {},
  'GET /v1/sync/team/{schema}/pull': {},
  'POST /v1/sync/team/{schema}/push': { body: [] },
  'GET /v1/sync/team/{schema}/stream': {},
};

async function operations(app: App): Promise<Operation[]> {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      secured: Array.isArray(op.security) && op.security.length > 0,
    })),
  );
}

describe.each(BACKENDS)('cross-team walk of every route on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let acme: TestTeam;
  let globex: TestTeam;
  let acmeSecrets: string[];
  let acmeInviteId: string;
  /** a path with Acme's ids in its parameters */
  const withAcmeIds = (path: string) =>
    path
      .replace('{deviceId}', acme.deviceId)
      .replace('{memberId}', acme.memberId)
      .replace('{inviteId}', acmeInviteId);

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { perMinute: 10_000, joinPerMinute: 10_000 });
    acme = await makeTeam(t.db, 'Acme', 'boss@acme.test');
    globex = await makeTeam(t.db, 'Globex', 'boss@globex.test');
    // Acme has more than its owner: a rep with a device, an open invite, an opt-out
    const invite = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: bearer(acme.token),
      payload: { email: 'rep@acme.test', role: 'rep' },
    });
    await app.inject({
      method: 'POST',
      url: '/v1/join',
      payload: { code: invite.json().value.code, deviceName: 'rep laptop' },
    });
    const open = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: bearer(acme.token),
      payload: { email: 'later@acme.test', role: 'manager' },
    });
    acmeInviteId = open.json().value.id;
    await app.inject({ method: 'POST', url: `/u/${unsubscribeToken(acme.key, 'lead@example.com')}` });
    const ids = await t.db.query<{ id: string }>(
      `SELECT id FROM members WHERE team_id = $1 UNION SELECT id FROM devices WHERE team_id = $1
       UNION SELECT id FROM invites WHERE team_id = $1 UNION SELECT id FROM suppression WHERE team_id = $1`,
      [acme.teamId],
    );
    acmeSecrets = [acme.teamId, acme.key, 'Acme', 'acme.test', ...ids.map((r) => r.id)];
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  /** every row Acme owns, read with queries of our own */
  async function acmeState(): Promise<string> {
    const parts = [];
    parts.push(await t.db.query('SELECT * FROM teams WHERE id = $1', [acme.teamId]));
    for (const table of ['members', 'devices', 'invites', 'suppression', 'audit', 'team_counters']) {
      parts.push(await t.db.query(`SELECT * FROM ${table} WHERE team_id = $1 ORDER BY 1, 2`, [acme.teamId]));
    }
    return JSON.stringify(parts);
  }

  it('the walk covers exactly the routes the document lists, and only the named ones are public', async () => {
    const ops = await operations(app);
    expect(
      ops.map((o) => `${o.method} ${o.path}`).sort(),
      'each route in /openapi.json needs its entry in SAMPLES (server/src/routes/cross-team.test.ts)',
    ).toEqual(Object.keys(SAMPLES).sort());
    for (const op of ops) {
      expect(op.secured, `${op.method} ${op.path}`).toBe(!SAMPLES[`${op.method} ${op.path}`]?.public);
    }
  });

  it('every route in the document declares its success answer and, when secured, its errors', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses?.['200']?.content, `${method} ${path}`).toBeDefined();
        if (!SAMPLES[`${method.toUpperCase()} ${path}`]?.public) {
          expect(Object.keys(op.responses ?? {}), `${method} ${path}`).toEqual(
            expect.arrayContaining(['401', '403']),
          );
        }
      }
    }
  });

  it("Globex's owner token gets nothing of Acme's on any route, and changes nothing of Acme's", async () => {
    const before = await acmeState();
    for (const op of await operations(app)) {
      const sample = SAMPLES[`${op.method} ${op.path}`]!;
      const url = withAcmeIds(op.path).replace('{token}', encodeURIComponent(globex.token));
      const res = await app.inject({
        method: op.method as 'GET' | 'POST',
        url,
        headers: bearer(globex.token),
        ...(sample.body === undefined ? {} : { payload: sample.body as Record<string, unknown> }),
      });
      const where = `${op.method} ${op.path} → ${res.statusCode}`;
      expect(res.statusCode, where).toBeLessThan(500);
      for (const secret of acmeSecrets) expect(res.body, `${where} leaks ${secret}`).not.toContain(secret);
    }
    expect(await acmeState()).toBe(before);
    const acmeStillIn = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(acme.token) });
    expect(acmeStillIn.statusCode).toBe(200);
  });

  it('every secured route refuses a request with no token', async () => {
    for (const op of (await operations(app)).filter((o) => o.secured)) {
      const sample = SAMPLES[`${op.method} ${op.path}`]!;
      const res = await app.inject({
        method: op.method as 'GET' | 'POST',
        url: withAcmeIds(op.path),
        remoteAddress: '10.9.9.9',
        ...(sample.body === undefined ? {} : { payload: sample.body as Record<string, unknown> }),
      });
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(401);
    }
  });
});
