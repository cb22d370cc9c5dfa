import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEvent, verifyChain } from '../../../shared/audit/chain';
import {
  type Checkpoint,
  checkpointQuery,
  type ReplicatedCollection,
  type SuppressionWireDoc,
  syncPath,
} from '../../../shared/team/replication';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPgliteDb } from '../db/pglite-db';
import { BACKENDS, type Backend, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeTeam, type TestTeam } from '../testing/fixtures';
import { type ServerProcess, startServer } from '../testing/server-process';
import { asRows, chainEvents, type Device, entry, member } from './testing/sync-world';

/**
 * The server process SIGKILLed at random moments while a desktop pushes a long audit chain and many suppression
 * entries, restarted on the same database each time; the desktop re-pushes whatever was not acknowledged, as
 * RxDB does. Then an observer with SQL of its own: every row there once, nothing more, the chain whole, the
 * stats counted once; and a pull by checkpoint, itself cut by a kill, hands back every row exactly once.
 */

const EVENTS = 2_000;
const ENTRIES = 2_000;
const BATCH = 100;
/** kills while pushes are in flight (each restart costs seconds: PGlite replays its log) */
const PUSH_KILLS: Record<Backend, number> = { postgres: 2, pglite: 2 };
/** and one in the middle of the pull by checkpoint */
const PULL_KILLS: Record<Backend, number> = { postgres: 1, pglite: 0 };
const PAGE = 500;

/** a small seeded generator, so a failure can be replayed with its seed */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The server's current life, and a way to wait for the next one while it is down. */
function lifecycle(env: Record<string, string>) {
  let server: ServerProcess | null = null;
  let settle!: { ready(s: ServerProcess): void; failed(e: unknown): void };
  const pending = () =>
    new Promise<ServerProcess>((ready, failed) => {
      settle = { ready, failed };
    });
  let up = pending();
  up.catch(() => {});
  return {
    async start() {
      try {
        server = await startServer(env);
      } catch (error) {
        settle.failed(error);
        throw error;
      }
      settle.ready(server);
      up = Promise.resolve(server);
      return server;
    },
    /** the running server, or the next one while it is down */
    current: () => up,
    async kill() {
      up = pending();
      up.catch(() => {});
      const dying = server;
      server = null;
      await dying?.kill();
    },
    async stop() {
      await server?.kill();
      server = null;
    },
  };
}

type Life = ReturnType<typeof lifecycle>;

/** One push the way the desktop retries it: until the server answers; a 200 is the acknowledgement. */
async function pushUntilAcknowledged(
  life: Life,
  token: string,
  collection: ReplicatedCollection,
  rows: unknown[],
  stats: { cut: number; inFlight: number; acked: number },
) {
  for (;;) {
    const server = await life.current();
    stats.inFlight += 1;
    try {
      const response = await fetch(`${server.url}${syncPath(collection, 'push')}`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify(rows),
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await response.json()) as { ok: boolean; value?: unknown[] };
      if (response.status !== 200 || !body.ok || body.value?.length) {
        throw new Error(`push answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
      stats.acked += 1;
      return;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('push answered')) throw error;
      stats.cut += 1; // the connection went with the server: push the same rows again
    } finally {
      stats.inFlight -= 1;
    }
  }
}

/** Every document by checkpoint, page by page; a page lost with the server is asked for again from the same checkpoint. */
async function pullEverything(
  life: Life,
  token: string,
  collection: ReplicatedCollection,
  onPage: (n: number) => Promise<void>,
) {
  const documents: { id: string }[] = [];
  let checkpoint: Checkpoint | null = null;
  let failures = 0;
  for (let page = 0; ; ) {
    const server = await life.current();
    let value: { documents: { id: string }[]; checkpoint: Checkpoint | null };
    try {
      const response = await fetch(
        `${server.url}${syncPath(collection, 'pull')}${checkpointQuery(checkpoint, PAGE)}`,
        {
          headers: bearer(token),
        },
      );
      value = ((await response.json()) as { value: typeof value }).value;
    } catch (error) {
      if (++failures > 20) throw error;
      await sleep(50);
      continue;
    }
    documents.push(...value.documents);
    checkpoint = value.checkpoint;
    if (value.documents.length < PAGE) return documents;
    await onPage(++page);
  }
}

describe.each(BACKENDS)('the server killed mid-push on %s', (backend) => {
  let t: TestDb | null = null;
  let dataDir = '';
  let team: TestTeam;
  let rep: Device;
  let life: Life;

  beforeAll(async () => {
    let db: Db;
    if (backend === 'postgres') {
      t = await openTestDb('postgres');
      db = t.db;
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'fairsend-restart-'));
      db = await openPgliteDb(join(dataDir, 'pglite'));
      await migrate(db);
    }
    team = await makeTeam(db, 'Acme');
    rep = await member(db, team, 'rep');
    if (backend === 'pglite') await db.close(); // one process at a time in a PGlite folder
    life = lifecycle(backend === 'postgres' ? { DATABASE_URL: t!.url! } : { DATA_DIR: dataDir });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await life?.stop();
    await t?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing, duplicates nothing, keeps the chain whole; a pull by checkpoint gives each row once', async () => {
    const seed = Date.now() % 100_000;
    const next = random(seed);
    const why = `seed ${seed}`;
    const events = await chainEvents(rep.deviceId, EVENTS);
    const entries = Array.from({ length: ENTRIES }, (_, i) =>
      entry({ note: `entry ${i} '; DROP TABLE audit; --` }),
    );
    await life.start();

    // the desktop: its audit chain and its suppression entries, each a queue of batches pushed in order
    const stats = { cut: 0, inFlight: 0, acked: 0 };
    let pushing = true;
    const queue = async (collection: ReplicatedCollection, docs: unknown[]) => {
      for (let i = 0; i < docs.length; i += BATCH) {
        await pushUntilAcknowledged(life, rep.token, collection, asRows(docs.slice(i, i + BATCH)), stats);
      }
    };
    const desktop = Promise.all([queue('audit', events), queue('suppression', entries)]).finally(() => {
      pushing = false;
    });

    // the killer
    const killedMidPush: number[] = [];
    for (let k = 0; k < PUSH_KILLS[backend] && pushing; k++) {
      // a few acknowledged pushes into this life, then a random instant while one is on the wire
      const target = stats.acked + 1 + Math.floor(next() * 5);
      while (pushing && stats.acked < target) await sleep(1);
      await sleep(next() * 40);
      while (pushing && stats.inFlight === 0) await sleep(1);
      if (!pushing) break;
      killedMidPush.push(stats.inFlight);
      await life.kill();
      await life.start();
    }
    await desktop;
    expect(killedMidPush.length, `${why}: the uploads ended before the kills`).toBe(PUSH_KILLS[backend]);
    expect(stats.cut, `${why}: pushes cut by the kills`).toBeGreaterThan(0);

    // a pull by checkpoint from the start, with the server killed once between two pages
    const killAt = PULL_KILLS[backend] ? 1 + Math.floor(next() * (ENTRIES / PAGE - 1)) : -1;
    let pullKills = 0;
    const pulled = await pullEverything(life, rep.token, 'suppression', async (page) => {
      if (page === killAt) {
        pullKills += 1;
        await life.kill();
        await life.start();
      }
    });
    expect(pullKills, why).toBe(PULL_KILLS[backend]);
    const pulledEvents = await pullEverything(life, rep.token, 'audit', async () => {});
    expect(pulled.map((d) => d.id).sort(), why).toEqual(entries.map((e) => e.id).sort());
    expect(pulledEvents.map((d) => d.id).sort(), why).toEqual(events.map((e) => e.id).sort());
    const pulledChain = (pulledEvents as unknown as AuditEvent[]).toSorted((x, y) => x.seq - y.seq);
    expect(await verifyChain(pulledChain, null), why).toBeNull();

    // the observer: straight SQL on the database, with the server gone (a PGlite folder has one process at a time)
    await life.stop();
    await observe(backend, dataDir, t, team, rep, events, entries, why);
  }, 300_000);
});

async function observe(
  backend: Backend,
  dataDir: string,
  t: TestDb | null,
  team: TestTeam,
  rep: Device,
  events: AuditEvent[],
  entries: SuppressionWireDoc[],
  why: string,
) {
  const db = backend === 'postgres' ? t!.db : await openPgliteDb(join(dataDir, 'pglite'));
  try {
    const stored = await db.query<{ id: string; note: string; n: string }>(
      `SELECT id, note, count(*) OVER (PARTITION BY id)::text AS n FROM suppression WHERE team_id = $1 ORDER BY id`,
      [team.teamId],
    );
    expect(stored.length, why).toBe(entries.length);
    expect(
      stored.map((r) => `${r.id} ${r.note}`),
      why,
    ).toEqual(entries.map((e) => `${e.id} ${e.note}`).sort());
    const chain = await db.query<{
      id: string;
      device_id: string;
      seq: string;
      type: string;
      at: string;
      data: Record<string, unknown>;
      prev_hash: string;
      hash: string;
    }>(
      `SELECT id, device_id, seq::text AS seq, type, (extract(epoch FROM at) * 1000)::bigint::text AS at, data,
         prev_hash, hash FROM audit WHERE team_id = $1 AND device_id = $2 ORDER BY audit.seq`,
      [team.teamId, rep.deviceId],
    );
    expect(
      chain.map((r) => Number(r.seq)),
      why,
    ).toEqual(events.map((e) => e.seq));
    const asEvents: AuditEvent[] = chain.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      seq: Number(r.seq),
      type: r.type,
      at: Number(r.at),
      data: r.data,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    expect(await verifyChain(asEvents, null), why).toBeNull();
    expect(asEvents.at(-1)?.hash, why).toBe(events.at(-1)?.hash);
    const [head] = await db.query<{ head_seq: string; head_hash: string }>(
      `SELECT head_seq::text AS head_seq, head_hash FROM audit_chains WHERE team_id = $1 AND chain_id = $2`,
      [team.teamId, rep.deviceId],
    );
    expect(head, why).toEqual({ head_seq: String(EVENTS), head_hash: events.at(-1)!.hash });
    const [sent] = await db.query<{ n: string }>(
      `SELECT coalesce(sum(count), 0)::text AS n FROM stats_daily WHERE team_id = $1 AND metric = 'sent'`,
      [team.teamId],
    );
    expect(sent?.n, `${why}: each sent event counted once in the stats`).toBe(String(EVENTS));
  } finally {
    if (backend === 'pglite') await db.close();
  }
}
