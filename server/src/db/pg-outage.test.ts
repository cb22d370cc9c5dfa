import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEvent, verifyChain } from '../../../shared/audit/chain';
import { type ReplicatedCollection, syncPath } from '../../../shared/team/replication';
import { type App, buildApp } from '../app';
import { DATABASE_AWAY } from '../errors';
import type { Notifier } from '../replication/notifier';
import { createPgNotifier } from '../replication/pg-notifier';
import {
  asRows,
  chainEvents,
  type Device,
  entry,
  member,
  openEventStream,
} from '../replication/testing/sync-world';
import { OPEN_TIMEOUT_MS, openTestDb, PG_URL, type TestDb } from '../testing/backends';
import { bearer, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy';
import type { Db } from './db';
import { openPgDb } from './pg-db';

/**
 * The server reaches PostgreSQL through a loopback TCP proxy the test cuts: connections reset, refused, or
 * accepted and never answered. Requests meanwhile get a prompt 503 with words (no hang, no crash, no stack
 * trace); once the database is back the pool and the LISTEN connection come back by themselves; a desktop that
 * retried has lost nothing. The observer reads the database directly, not through the proxy.
 */
const CONNECT_TIMEOUT_MS = 1_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('PostgreSQL going away and coming back', () => {
  let t: TestDb;
  let proxy: TcpProxy;
  let db: Db;
  let notifier: Notifier;
  let app: App;
  let base: string;
  let team: TestTeam;
  let rep: Device;
  let manager: Device;

  beforeAll(async () => {
    t = await openTestDb('postgres');
    const direct = new URL(PG_URL);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(PG_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    db = await openPgDb({
      connectionString: viaProxy.toString(),
      schema: t.schema!,
      max: 4,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
    });
    notifier = await createPgNotifier(viaProxy.toString(), {
      retryMs: 50,
      maxRetryMs: 200,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
    });
    app = await buildApp({ db, notifier, logLevel: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    team = await makeTeam(t.db, 'Acme');
    rep = await member(t.db, team, 'rep');
    manager = await member(t.db, team, 'manager');
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    proxy?.mode('pass');
    await app?.close();
    await notifier?.close();
    await db?.close();
    await proxy?.close();
    await t?.dispose();
  });

  const call = async (method: 'GET' | 'POST', path: string, token: string | null, body?: unknown) => {
    const started = Date.now();
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? bearer(token) : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      ms: Date.now() - started,
      retryAfter: response.headers.get('retry-after'),
    };
  };

  it('answers a prompt 503 while it is away, then comes back by itself: requests, and the live stream', async () => {
    const stream = await openEventStream(base, manager.token, 'suppression');
    expect(await stream.next()).toBe('RESYNC');
    // a row before the outage: once it has arrived, the stream is idle (a stream whose read fails ends, and the
    // desktop opens it again; this one should live through the outage)
    const before = entry({ note: 'before the outage' });
    await call('POST', syncPath('suppression', 'push'), rep.token, asRows([before]));
    expect(await stream.next()).toMatchObject({ documents: [before] });
    const requests = () => [
      call('GET', '/health', null),
      call('GET', '/v1/me', rep.token),
      call('GET', syncPath('suppression', 'pull'), rep.token),
      call('POST', syncPath('suppression', 'push'), rep.token, asRows([entry()])),
      call('GET', syncPath('audit', 'stream'), rep.token),
    ];
    for (const outage of ['refuse', 'hang'] as const) {
      proxy.mode(outage);
      proxy.sever();
      for (const answer of await Promise.all(requests())) {
        expect(answer.status, `${outage}: ${answer.text}`).toBe(503);
        expect(JSON.parse(answer.text), outage).toEqual({
          ok: false,
          error: { code: 'transient', message: DATABASE_AWAY },
        });
        expect(answer.retryAfter).toBe('5');
        expect(answer.ms, `${outage}: answered in ${answer.ms} ms`).toBeLessThan(CONNECT_TIMEOUT_MS + 9_000);
      }
      // a mail provider's one-click POST: the recipient's page, and a status it may try again on
      const optOut = await call('POST', `/u/${unsubscribeToken(team.key, 'away@example.com')}`, null);
      expect(optOut.status, optOut.text).toBe(503);
      expect(optOut.retryAfter).toBe('5');
      expect(optOut.text).toMatch(/^<!doctype html>/i);
    }
    await sleep(300); // the LISTEN connection's retries meet the silent database too
    proxy.mode('pass');
    const back = Date.now();
    while ((await call('GET', '/health', null)).status !== 200) {
      expect(Date.now() - back, 'the pool reconnects by itself').toBeLessThan(15_000);
      await sleep(100);
    }
    // the stream opened before the outage: RESYNC (notifications were lost), then new rows, which it hears of
    // only through the LISTEN connection: the notifier listens again
    expect(await stream.next()).toBe('RESYNC');
    const doc = entry({ note: 'after the outage' });
    const pushed = await call('POST', syncPath('suppression', 'push'), rep.token, asRows([doc]));
    expect(pushed.status, pushed.text).toBe(200);
    let event = await stream.next();
    while (event === 'RESYNC') event = await stream.next();
    expect(event.documents.map((d) => d.id)).toContain(doc.id);
    stream.close();
    const optOut = await call('POST', `/u/${unsubscribeToken(team.key, 'away@example.com')}`, null);
    expect(optOut.status, 'the opt-out refused during the outage is taken when tried again').toBe(200);
  }, 60_000);

  it('a connection lost while a transaction waits between statements fails that transaction, not the process', async () => {
    const uncaught: unknown[] = [];
    const note = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', note);
    try {
      const cut = db.transaction(async (tx) => {
        await tx.query(`UPDATE teams SET name = 'Cut' WHERE id = $1`, [team.teamId]);
        proxy.sever(); // while the push's own work runs (checking a chain, say), between two statements
        await sleep(100);
        await tx.query('SELECT 1');
      });
      await expect(cut).rejects.toThrow();
      await sleep(50);
      expect(uncaught).toEqual([]);
      expect((await call('GET', '/health', null)).status).toBe(200);
      const [row] = await t.db.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [team.teamId]);
      expect(row?.name).toBe('Acme');
    } finally {
      process.off('uncaughtException', note);
    }
  });

  it('cut again and again mid-push: no crash, only 200 or 503, and the retrying desktop loses nothing', async () => {
    const events = await chainEvents(rep.deviceId, 2_000);
    const entries = Array.from({ length: 2_000 }, (_, i) => entry({ note: `retry ${i}` }));
    const statuses = new Map<number, number>();
    let cut = 0;
    const pushUntilAcknowledged = async (collection: ReplicatedCollection, rows: unknown[]) => {
      for (;;) {
        const answer = await call('POST', syncPath(collection, 'push'), rep.token, rows).catch(() => null);
        if (!answer) throw new Error('the server went away with the database');
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 200) return expect(JSON.parse(answer.text).value).toEqual([]);
        expect(answer.status, answer.text).toBe(503);
        expect(answer.text).not.toMatch(/\bat |Error|ECONN|terminated/);
        cut += 1;
        await sleep(100);
      }
    };
    const queue = async (collection: ReplicatedCollection, docs: unknown[]) => {
      for (let i = 0; i < docs.length; i += 100)
        await pushUntilAcknowledged(collection, asRows(docs.slice(i, i + 100)));
    };
    let done = false;
    const desktop = Promise.all([queue('audit', events), queue('suppression', entries)]).finally(() => {
      done = true;
    });
    for (let outage = 0; outage < 4 && !done; outage++) {
      await sleep(30 + Math.random() * 200);
      proxy.mode('refuse');
      proxy.sever();
      await sleep(200 + Math.random() * 300);
      proxy.mode('pass');
    }
    await desktop;
    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    expect(cut).toBeGreaterThan(0);

    const stored = await t.db.query<{ n: string; distinct: string }>(
      `SELECT count(*)::text AS n, count(DISTINCT id)::text AS distinct FROM suppression
       WHERE team_id = $1 AND note LIKE 'retry %'`,
      [team.teamId],
    );
    expect(stored).toEqual([{ n: '2000', distinct: '2000' }]);
    const chain = await t.db.query<AuditEvent & { seq: number }>(
      `SELECT id, device_id AS "deviceId", seq::int AS seq, type, (extract(epoch FROM at) * 1000)::float8 AS at,
         data, prev_hash AS "prevHash", hash FROM audit WHERE team_id = $1 AND device_id = $2 ORDER BY audit.seq`,
      [team.teamId, rep.deviceId],
    );
    expect(chain.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(await verifyChain(chain, null)).toBeNull();
    const [sent] = await t.db.query<{ n: string }>(
      `SELECT coalesce(sum(count), 0)::text AS n FROM stats_daily WHERE team_id = $1 AND metric = 'sent'`,
      [team.teamId],
    );
    expect(sent?.n).toBe('2000');
  }, 120_000);
});
