import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom, Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Checkpoint,
  checkpointQuery,
  type PullAnswer,
  type StreamEvent,
  type SuppressionWireDoc,
  syncPath,
} from '../../../shared/team/replication';
import type { App } from '../app';
import { openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam } from '../testing/fixtures';
import { type Device, entry, member, openEventStream, pullAll } from './testing/sync-world';

type Doc = Omit<SuppressionWireDoc, '_deleted'>;

// the wire shape as a collection (version 0 here: this test needs no migration plugin; the path says s1)
const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    kind: { type: 'string' },
    reason: { type: 'string' },
    note: { type: 'string' },
    createdAt: { type: 'number' },
    removedNote: { type: 'string' },
  },
  required: ['id', 'kind', 'reason', 'note', 'createdAt'],
} as const;

interface Desktop {
  db: RxDatabase;
  suppression: RxCollection<Doc>;
  replication: RxReplicationState<Doc, Checkpoint>;
  /** every conflict answer the server gave this desktop's pushes */
  conflicts: SuppressionWireDoc[];
  close(): Promise<void>;
}

/** A desktop's suppression collection replicated with the server the way the desktop will: pull, push, stream. */
async function desktop(base: string, device: Device, name: string): Promise<Desktop> {
  const db = await createRxDatabase({ name, storage: getRxStorageMemory(), multiInstance: false });
  const { suppression } = await db.addCollections({
    suppression: { schema },
  });
  const conflicts: SuppressionWireDoc[] = [];
  const pullStream$ = new Subject<StreamEvent<SuppressionWireDoc>>();
  const stream = await openEventStream(base, device.token, 'suppression');
  let open = true;
  void (async () => {
    while (open)
      pullStream$.next((await stream.next().catch(() => 'RESYNC')) as StreamEvent<SuppressionWireDoc>);
  })();
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { ...bearer(device.token), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
    const body = (await response.json()) as { ok: boolean; value: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(body.error?.message);
    return body.value;
  };
  const replication = replicateRxCollection<Doc, Checkpoint>({
    collection: suppression as never,
    replicationIdentifier: `team-suppression-${name}`,
    live: true,
    pull: {
      batchSize: 100,
      handler: async (checkpoint, batchSize) =>
        (await call(
          `${syncPath('suppression', 'pull')}${checkpointQuery(checkpoint, batchSize)}`,
        )) as PullAnswer<never> as never,
      stream$: pullStream$.asObservable() as never,
    },
    push: {
      batchSize: 100,
      handler: async (rows) => {
        const answer = (await call(syncPath('suppression', 'push'), {
          method: 'POST',
          body: JSON.stringify(rows),
        })) as SuppressionWireDoc[];
        conflicts.push(...answer);
        return answer as never;
      },
    },
  });
  return {
    db,
    suppression: suppression as RxCollection<Doc>,
    replication,
    conflicts,
    async close() {
      open = false;
      stream.close();
      await replication.cancel();
      await db.close();
    },
  };
}

const seen = (desktop: Desktop, id: string, test: (doc: Doc | null) => boolean) =>
  firstValueFrom(desktop.suppression.findOne(id).$.pipe(filter((d) => test(d ? (d.toJSON() as Doc) : null))));

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
