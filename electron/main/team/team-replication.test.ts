import { createHmac } from 'node:crypto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, type FairsendDatabase } from '../../../renderer/src/db/database';
import { startTeamSync, type TeamSync } from '../../../renderer/src/db/team-sync';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import { appendEvent } from '../../../shared/audit/chain';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { dispatch, type Handlers } from '../../../shared/ipc/dispatch';
import type { Result } from '../../../shared/ipc/result';
import { rankFor } from '../../../shared/leads/lead';
import { pendingInWords, pendingTotal } from '../../../shared/team/pending-words';
import { type DesktopMain, desktopMain, type ServerWorld, startServerWorld } from './testing/team-world';

const hmac = (keyHex: string, message: string) =>
  createHmac('sha256', Buffer.from(keyHex, 'hex')).update(message).digest('hex');

interface Desktop {
  main: DesktopMain;
  db: FairsendDatabase;
  call: <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  sync: TeamSync | null;
}

let dbCount = 0;
/** every push body the desktops handed main, as sent */
const pushed: string[] = [];

/** A desktop: main's team pieces on real files, the renderer's RxDB in memory, the bridge's zod checks between. */
async function desktop(name: string): Promise<Desktop> {
  const main = await desktopMain(name);
  // the three collections sync touches, with the app's schemas (RxDB allows 13 collections a process)
  const db = (await createRxDatabase({
    name: `team-sync-${name}-${++dbCount}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  })) as unknown as FairsendDatabase;
  const { suppression, audit, team } = COLLECTIONS;
  await db.addCollections({ suppression, audit, team } as never);
  const handlers = {
    'suppression.keys': ({ kind, values }) => main.keyring.suppressionKeys(kind, values),
    'team.status': () => main.team.status(),
    'team.pull': ({ collection, checkpoint, limit }) => main.team.pull(collection, checkpoint, limit),
    'team.push': ({ collection, rows }) => {
      pushed.push(JSON.stringify(rows));
      return main.team.push(collection, rows);
    },
    'team.events': ({ after, waitMs }) => main.team.events(after, waitMs),
    'team.localOnly': () => main.team.localOnly(),
    'team.markRekeyed': ({ teamId, localOnly, done }) => main.team.markRekeyed(teamId, localOnly, done),
  } as Partial<Handlers> as Handlers;
  const call = ((channel: Channel, request: unknown) =>
    dispatch(handlers, channel, request, { transport: 'ipc' })) as Desktop['call'];
  return { main, db, call, sync: null };
}

async function entry(d: Desktop, value: string, options: { id?: string; plaintext?: boolean } = {}) {
  const id = options.id ?? (await d.main.keyring.suppressionKeys('address', [value]))[0]!;
  const now = Date.now();
  await d.db.suppression.insert({
    id,
    kind: 'address',
    value: options.plaintext === false ? '' : value,
    reason: options.plaintext === false ? 'erased' : 'manual',
    note: '',
    rank: rankFor(now, dbCount),
    createdAt: now,
  });
  return id;
}

const present = (d: Desktop, id: string) =>
  firstValueFrom(d.db.suppression.findOne(id).$.pipe(filter((doc) => doc !== null)));

describe('two desktops replicating through a real team server (PGlite)', () => {
  let server: ServerWorld;
  let a: Desktop;
  let b: Desktop;
  let c: Desktop | undefined;
  const joinAndSync = async (d: Desktop, email: string, role: 'rep' | 'admin' = 'rep') => {
    await d.main.team.join({
      serverUrl: server.base,
      inviteCode: await server.invite(role, 1, email),
      deviceName: email,
    });
    d.sync = startTeamSync({
      db: d.db,
      call: d.call,
      waitMs: 2000,
      backoff: { baseMs: 50, maxMs: 500 },
      retryTimeMs: 200,
    });
    for (;;) {
      await d.sync.settled();
      if (d.sync.current()) break;
      await d.call('team.events', { after: 0, waitMs: 100 });
    }
    await Promise.all(d.sync.current()!.states.map((s) => s.awaitInitialReplication()));
  };

  let preJoinOwnId = '';
  let erasedOwnId = '';

  beforeAll(async () => {
    server = await startServerWorld();
    a = await desktop('a');
    b = await desktop('b');
    // made on A before it joins: one entry with its plaintext, one erased (its hash alone)
    preJoinOwnId = await entry(a, 'pre@lead.example');
    erasedOwnId = (await a.main.keyring.suppressionKeys('address', ['gone@lead.example']))[0]!;
    await entry(a, 'gone@lead.example', { id: erasedOwnId, plaintext: false });
    await joinAndSync(a, 'ana@acme.test');
    await joinAndSync(b, 'ben@acme.test');
  }, OPEN_TIMEOUT_MS);

  afterAll(async () => {
    for (const d of [a, b, c]) {
      await d?.sync?.stop();
      await d?.db.close();
      await d?.main.close();
    }
    await server?.close();
  });

  it('an entry made before joining is re-keyed under the team key, keeps its plaintext on A, and reaches B', async () => {
    const teamId = hmac(server.team.key, 'address:pre@lead.example');
    const onB = await present(b, teamId);
    expect(onB.value).toBe('');
    const onA = await a.db.suppression.findOne(teamId).exec();
    expect(onA?.value).toBe('pre@lead.example');
    expect(await a.db.suppression.findOne(preJoinOwnId).exec()).toBeNull();
    expect(a.main.team.status()).toMatchObject({ joined: true, rekeyed: true });
  });

  it('an erased entry made before joining stays on A, still found under the old key, and never leaves', async () => {
    expect((await a.db.suppression.findOne(erasedOwnId).exec())?.reason).toBe('erased');
    const keys = await a.main.keyring.lookupKeys('address', 'gone@lead.example');
    expect(keys).toContain(erasedOwnId);
    expect(a.main.team.localOnly()).toContain(erasedOwnId);
    await Promise.all(a.sync!.current()!.states.map((s) => s.awaitInSync()));
    const rows = await server.t.db.query('SELECT id FROM suppression WHERE id = $1 OR id = $2', [
      erasedOwnId,
      preJoinOwnId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('an entry added on B reaches A', async () => {
    const id = await entry(b, 'new@lead.example');
    expect(id).toBe(hmac(server.team.key, 'address:new@lead.example'));
    expect((await present(a, id)).kind).toBe('address');
  });

  it('an opt-out posted to /u/:token reaches both desktops', async () => {
    const token = await a.main.keyring.unsubscribeToken('Opt.Out@Lead.example', 'mb1', Date.now());
    const answer = await fetch(`${server.base}/u/${token}`, { method: 'POST', body: '' });
    expect(answer.status).toBe(200);
    const id = hmac(server.team.key, 'address:opt.out@lead.example');
    const [onA, onB] = await Promise.all([present(a, id), present(b, id)]);
    expect(onA.reason).toBe('unsubscribed');
    expect(onB.reason).toBe('unsubscribed');
  });

  it("A's audit events reach the server, chained", async () => {
    const first = await appendEvent(null, {
      deviceId: 'desk-a-chain',
      type: 'send.sent',
      at: Date.now(),
      data: { n: 1 },
    });
    const second = await appendEvent(first, {
      deviceId: 'desk-a-chain',
      type: 'send.sent',
      at: Date.now(),
      data: { n: 2 },
    });
    await a.db.audit.bulkInsert([first, second] as never);
    await Promise.all(a.sync!.current()!.states.map((s) => s.awaitInSync()));
    const rows = await server.t.db.query<{ id: string }>(
      "SELECT id FROM audit WHERE device_id = 'desk-a-chain' ORDER BY seq",
    );
    expect(rows.map((r) => r.id)).toEqual([first.id, second.id]);
  });

  it("an admin's removal reaches the other desktops; a rep's removal is answered with the entry, which comes back", async () => {
    const kept = await entry(a, 'keep@lead.example');
    const dropped = await entry(a, 'drop@lead.example');
    await Promise.all([present(b, kept), present(b, dropped)]);
    c = await desktop('c');
    await joinAndSync(c, 'boss@acme.test', 'admin');
    await present(c, dropped);

    await (await c.db.suppression.findOne(dropped).exec())!.remove();
    await firstValueFrom(a.db.suppression.findOne(dropped).$.pipe(filter((d) => d === null)));
    await firstValueFrom(b.db.suppression.findOne(dropped).$.pipe(filter((d) => d === null)));
    const [row] = await server.t.db.query<{ removed: boolean }>(
      'SELECT removed_at IS NOT NULL AS removed FROM suppression WHERE id = $1',
      [dropped],
    );
    expect(row?.removed).toBe(true);

    await (await b.db.suppression.findOne(kept).exec())!.remove();
    expect((await present(b, kept)).id).toBe(kept);
    expect(await a.db.suppression.findOne(kept).exec()).not.toBeNull();
  });

  it('while the server is away, A says so, counts its 3 changes as waiting, and they reach the team when it is back', async () => {
    const sync = a.sync!;
    await Promise.all(sync.current()!.states.map((s) => s.awaitInSync()));
    expect(await sync.pending()).toEqual({ suppression: 0, audit: 0, team: 0 });
    await server.stop();
    // three changes: two suppression entries and one audit event mirrored into RxDB
    const id = await entry(a, 'offline@lead.example');
    const id2 = await entry(a, 'offline2@lead.example');
    const event = await appendEvent(null, {
      deviceId: 'desk-a-offline',
      type: 'send.sent',
      at: Date.now(),
      data: { n: 1 },
    });
    await a.db.audit.insert(event as never);
    // A's push fails: the status says why, in words
    let status = a.main.team.status();
    for (let seq = 0; !status.problem; status = a.main.team.status())
      seq = Math.max(seq, ...(await a.main.team.events(seq, 500)).events.map((e) => e.seq));
    expect(status.problem?.message).toMatch(/cannot reach the team server at 127\.0\.0\.1:\d+/);
    expect(status.connected).toBe(false);
    // the whole queue, not the last failed push: RxDB pushes in batches and retries, the count stays 3
    await new Promise((r) => setTimeout(r, 600));
    const waiting = await sync.pending();
    expect(waiting).toEqual({ suppression: 2, audit: 1, team: 0 });
    expect(pendingInWords(waiting!)).toBe(
      '3 changes waiting to reach the team server (2 to the suppression list, 1 in the activity log)',
    );
    const [onServer] = await server.t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM suppression WHERE id = ANY($1)',
      [[id, id2]],
    );
    expect(onServer?.n).toBe(0); // the server's own table: really not there

    await server.start();
    expect((await present(b, id)).kind).toBe('address');
    expect((await present(b, id2)).kind).toBe('address');
    for (let i = 0; i < 100 && pendingTotal((await sync.pending())!) > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await sync.pending()).toEqual({ suppression: 0, audit: 0, team: 0 });
    expect(pendingInWords((await sync.pending())!)).toBe('Nothing: the team server has all your changes');
    // what B pulled from the team is not B's to push
    expect(await b.sync!.pending()).toEqual({ suppression: 0, audit: 0, team: 0 });
    const [audited] = await server.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit WHERE device_id = 'desk-a-offline'",
    );
    expect(audited?.n).toBe(1);
  });

  it('no plaintext address ever reached the server (its database read directly)', async () => {
    await Promise.all([a, b].flatMap((d) => d.sync!.current()!.states.map((s) => s.awaitInSync())));
    const tables = await server.t.db.query<{ text: string }>(
      `SELECT row_to_json(s)::text AS text FROM suppression s
       UNION ALL SELECT row_to_json(x)::text FROM audit x`,
    );
    expect(tables.length).toBeGreaterThan(3);
    for (const { text } of tables) expect(text).not.toMatch(/lead\.example/i);
    // and nothing handed to main to send carried one (the server would drop an unknown field silently)
    expect(pushed.join('\n')).toMatch(/"reason":"manual"/);
    for (const body of pushed) {
      expect(body).not.toMatch(/lead\.example/i);
      expect(body).not.toMatch(/"value"/);
    }
  });
});
