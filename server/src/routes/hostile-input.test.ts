import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS } from '../../../shared/team/replication';
import type { App } from '../app';
import { chainEvents, type Device, entry, member } from '../replication/testing/sync-world';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';

/**
 * Every route in /openapi.json, with hostile values in each of its path parameters, query parameters and body
 * fields in turn (SQL metacharacters, a NUL byte, 10 KB): never a 500, never a stack trace or SQL text, a clear
 * JSON error, and nothing changed in the database when refused; 10 KB is refused everywhere. Then tokens that
 * must not work (forged, malformed, a revoked device's, a removed member's, a used or expired invite code) on
 * every secured route: the same 401, nothing changed. The database is compared with queries of the test's own.
 */

const SQL = `o'brien'); DROP TABLE teams;--@x.y $1 %_ \\ "`;
const NUL = 'nul\u0000byte';
const BIG = 'x'.repeat(10_240);
const HOSTILE = { sql: SQL, nul: NUL, big: BIG } as const;

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: unknown;
}
interface OpenApiOperation {
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Operation {
  method: 'GET' | 'POST';
  path: string;
  secured: boolean;
  params: { in: string; name: string }[];
  body: Schema | null;
}

/** each slot of a body its schema names (nested objects and the first item of arrays), as a path of keys */
function slots(schema: Schema | undefined, prefix: (string | number)[] = []): (string | number)[][] {
  if (!schema) return [];
  if (schema.type === 'array') return slots(schema.items, [...prefix, 0]);
  if (schema.type === 'object' && schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, inner]) => {
      const below = slots(inner, [...prefix, key]);
      return below.length > 0 ? below : [[...prefix, key]];
    });
  }
  // a free-form object (audit data, team value): a field of its own inside it
  if (schema.type === 'object' && schema.additionalProperties !== undefined) return [[...prefix, 'extra']];
  return [prefix];
}

function withSlot(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value; // the body is the one field (the unsubscribe POST's text)
  const copy = structuredClone(body ?? {}) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string | number, unknown>;
  }
  at[path.at(-1)!] = value;
  return copy;
}

describe.each(BACKENDS)('hostile input on every route on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let acme: TestTeam;
  let rep: Device;
  let ops: Operation[];
  let valid: Record<
    string,
    { body?: () => unknown; params: Record<string, string>; query: Record<string, string> }
  >;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, {
      perMinute: 100_000,
      joinPerMinute: 100_000,
      unsubscribePerMinute: 100_000,
      failedAttempts: 100_000,
    });
    acme = await makeTeam(t.db, 'Acme');
    rep = await member(t.db, acme, 'rep');
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        secured: Array.isArray(op.security) && op.security.length > 0,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      })),
    );
    const rows = (doc: unknown) => [{ newDocumentState: doc }];
    let invited = 0;
    const freshCode = async () => {
      const invite = await app.inject({
        method: 'POST',
        url: '/v1/invites',
        headers: bearer(acme.token),
        payload: { email: `joiner${++invited}@acme.test`, role: 'rep' },
      });
      return invite.json().value.code as string;
    };
    const sync = (collection: keyof typeof SCHEMA_VERSIONS) => ({
      params: { schema: `s${SCHEMA_VERSIONS[collection].current}` },
      query: { order: '0', id: 'a', limit: '10' },
    });
    // a request that would be accepted, for each route: the walk changes one slot of it at a time
    valid = {
      'POST /v1/join': {
        body: async () => ({
          code: await freshCode(),
          deviceName: 'laptop',
          email: 'a@b.test',
          name: 'A',
        }),
        params: {},
        query: {},
      },
      'POST /v1/invites': {
        body: () => ({ email: 'new@acme.test', role: 'rep', ttlHours: 1 }),
        params: {},
        query: {},
      },
      'POST /v1/devices/{deviceId}/revoke': { params: { deviceId: rep.deviceId }, query: {} },
      'POST /v1/invites/{inviteId}/revoke': { params: { inviteId: 'none' }, query: {} },
      'POST /v1/members/{memberId}/role': {
        body: () => ({ role: 'readonly' }),
        params: { memberId: rep.memberId },
        query: {},
      },
      'POST /v1/members/{memberId}/remove': { params: { memberId: rep.memberId }, query: {} },
      'POST /u/{token}': { params: { token: unsubscribeToken(acme.key, 'lead@example.com') }, query: {} },
      'GET /u/{token}': { params: { token: unsubscribeToken(acme.key, 'lead@example.com') }, query: {} },
      'GET /v1/stats': { params: {}, query: { from: '2026-11-01', to: '2026-11-30' } },
      'POST /v1/sync/suppression/{schema}/push': { ...sync('suppression'), body: () => rows(entry()) },
      'POST /v1/sync/audit/{schema}/push': {
        ...sync('audit'),
        body: async () => rows({ ...(await chainEvents(randomUUID(), 1))[0], _deleted: false }),
      },
      'POST /v1/sync/team/{schema}/push': {
        ...sync('team'),
        body: () =>
          rows({ id: 'settings', value: { caps: {}, breakers: {} }, updatedAt: 1, _deleted: false }),
      },
    };
    for (const collection of ['suppression', 'audit', 'team'] as const) {
      for (const endpoint of ['pull', 'stream'])
        valid[`GET /v1/sync/${collection}/{schema}/${endpoint}`] = sync(collection);
    }
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  /** every row of every table (last_seen_at aside: any signed-in request may touch it), read with our own SQL */
  async function everything(): Promise<string> {
    const tables = await t.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
    );
    const parts = tables.map(
      ({ table_name: name }) =>
        `SELECT '${name}' AS t, coalesce(json_agg(x ORDER BY x::text), '[]')::text AS rows
         FROM (SELECT to_jsonb(r) - 'last_seen_at' AS x FROM ${name} r) s`,
    );
    const rows = await t.db.query<{ t: string; rows: string }>(parts.join(' UNION ALL '));
    return JSON.stringify(rows.sort((a, b) => a.t.localeCompare(b.t)));
  }

  async function send(
    op: Operation,
    params: Record<string, string>,
    query: Record<string, string>,
    body: unknown,
    token: string | null,
  ) {
    let url = op.path;
    for (const [name, value] of Object.entries(params))
      url = url.replace(`{${name}}`, encodeURIComponent(value));
    const search = new URLSearchParams(query).toString();
    return app.inject({
      method: op.method,
      url: search ? `${url}?${search}` : url,
      headers: token ? bearer(token) : {},
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  }

  it('SQL metacharacters, a NUL byte and 10 KB in every parameter and field: a clear answer, never a 500', async () => {
    let requests = 0;
    let state = await everything();
    for (const op of ops) {
      const base = valid[`${op.method} ${op.path}`] ?? { params: {}, query: {} };
      const variants: {
        where: string;
        params: Record<string, string>;
        query: Record<string, string>;
        body: () => unknown;
      }[] = [];
      for (const [kind, value] of Object.entries(HOSTILE)) {
        for (const p of op.params) {
          const target = p.in === 'path' ? 'params' : 'query';
          const mutated = { ...base[target], [p.name]: value };
          variants.push({
            where: `${kind} in ${p.in} ${p.name}`,
            params: target === 'params' ? mutated : base.params,
            query: target === 'query' ? mutated : base.query,
            body: () => base.body?.(),
          });
        }
        for (const slot of slots(op.body ?? undefined)) {
          variants.push({
            where: `${kind} in body ${slot.join('.')}`,
            ...base,
            body: async () => withSlot(await base.body?.(), slot, value),
          });
        }
      }
      for (const v of variants) {
        const body = await v.body(); // before the snapshot: making it may write (a fresh invite code)
        const before = op.path === '/v1/join' ? await everything() : state;
        const res = await send(op, v.params, v.query, body, acme.token);
        requests += 1;
        const where = `${op.method} ${op.path}, ${v.where} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect.soft(res.statusCode, where).toBeLessThan(500);
        if (v.where.startsWith('big')) expect.soft(res.statusCode, where).toBeGreaterThanOrEqual(400);
        if (res.statusCode >= 400) {
          // an error says what was wrong in its own words: no SQL, no stack, no echo of what was sent
          expect
            .soft(res.body, where)
            .not.toMatch(
              /syntax error|SQLSTATE|invalid byte sequence|\.ts:\d+|node_modules|DROP TABLE|xxxxxxxxxx/i,
            );
          if (res.headers['content-type']?.toString().startsWith('application/json')) {
            expect
              .soft(res.json(), where)
              .toMatchObject({ ok: false, error: { message: expect.any(String) } });
          }
        }
        state = await everything();
        if (res.statusCode >= 400) {
          expect.soft(state, `${where}: a refused request changed the database`).toBe(before);
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
    // still whole, and still answering its owner
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(acme.token) })).statusCode).toBe(
      200,
    );
    expect(await t.db.query('SELECT 1 FROM teams WHERE id = $1', [acme.teamId])).toHaveLength(1);
  }, 120_000);

  it('an oversized body on every route that takes one, or 100,000 entries in one push: a clear 413, nothing changed', async () => {
    const before = await everything();
    for (const op of ops.filter((o) => o.method === 'POST')) {
      // pushes take up to 8 MB, everything else Fastify's 1 MB
      const size = op.path.startsWith('/v1/sync/') ? 9 * 1024 * 1024 : 2 * 1024 * 1024;
      const base = valid[`${op.method} ${op.path}`] ?? { params: {}, query: {} };
      let url = op.path;
      for (const [name, value] of Object.entries(base.params)) url = url.replace(`{${name}}`, value);
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { ...bearer(acme.token), 'content-type': 'application/json' },
        payload: `{"pad":"${'x'.repeat(size)}"}`,
      });
      if (op.path.startsWith('/u/')) {
        // a recipient's browser reads this one: its own page, the same 400 however the request was wrong
        expect.soft(res.statusCode, op.path).toBe(400);
        expect.soft(res.headers['content-type'], op.path).toMatch(/^text\/html/);
        continue;
      }
      expect.soft(res.statusCode, `${op.path}: ${res.body.slice(0, 200)}`).toBe(413);
      expect.soft(res.json(), op.path).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    // 100,000 distinct, valid entries at once, and 1,001: refused whole with the limit, not one row written
    const push = (count: number) =>
      app.inject({
        method: 'POST',
        url: `/v1/sync/suppression/s${SCHEMA_VERSIONS.suppression.current}/push`,
        headers: bearer(acme.token),
        payload: Array.from({ length: count }, () => ({ newDocumentState: entry() })),
      });
    for (const count of [100_000, 1_001]) {
      const res = await push(count);
      expect(res.statusCode, `${count}`).toBe(413);
      expect(res.json().error.message).toMatch(/at most 1,000 entries/);
    }
    expect(await everything()).toBe(before);
  });

  it('forged, malformed, revoked, removed and replayed credentials: the same 401 on every secured route, nothing changed', async () => {
    const revoked = await member(t.db, acme, 'manager', 'gone-device');
    const removed = await member(t.db, acme, 'admin', 'gone-member');
    const owner = { authorization: `Bearer ${acme.token}` };
    expect(
      (await app.inject({ method: 'POST', url: `/v1/devices/${revoked.deviceId}/revoke`, headers: owner }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: `/v1/members/${removed.memberId}/remove`, headers: owner }))
        .statusCode,
    ).toBe(200);
    const tokens = {
      forged: `${acme.token.slice(0, -6)}AAAAAA`,
      'another prefix': `fsd_${'A'.repeat(acme.token.length - 4)}`,
      malformed: `${acme.token}'--`,
      'revoked device (replayed)': revoked.token,
      'removed member': removed.token,
    };
    const before = await everything();
    for (const op of ops.filter((o) => o.secured)) {
      const base = valid[`${op.method} ${op.path}`] ?? { params: {}, query: {} };
      for (const [kind, token] of Object.entries(tokens)) {
        const res = await send(op, base.params, base.query, await base.body?.(), token);
        expect(res.statusCode, `${op.method} ${op.path} with a ${kind} token: ${res.body}`).toBe(401);
        expect(res.json().error.code).toBe('auth-expired');
      }
    }
    expect(await everything()).toBe(before);
    // an invite code joins once; used again, or expired, it joins no one
    const invite = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: owner,
      payload: { email: 'once@acme.test', role: 'rep' },
    });
    const code = invite.json().value.code as string;
    const join = () =>
      app.inject({ method: 'POST', url: '/v1/join', payload: { code, deviceName: 'laptop' } });
    expect((await join()).statusCode).toBe(200);
    const afterJoin = await everything();
    const again = await join();
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect(again.statusCode).toBeLessThan(500);
    const late = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: owner,
      payload: { email: 'late@acme.test', role: 'rep' },
    });
    await t.db.query(`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      late.json().value.id,
    ]);
    const beforeLate = await everything();
    const expired = await app.inject({
      method: 'POST',
      url: '/v1/join',
      payload: { code: late.json().value.code, deviceName: 'x' },
    });
    expect(expired.statusCode).toBeGreaterThanOrEqual(400);
    expect(expired.statusCode).toBeLessThan(500);
    expect(await everything()).toBe(beforeLate);
    expect(afterJoin).not.toBe(beforeLate); // (the expiry itself changed a row: the comparison can see changes)
  });
});
