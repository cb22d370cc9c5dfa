import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom, Subject } from 'rxjs';
import {
  type Checkpoint,
  checkpointQuery,
  type PullAnswer,
  type StreamEvent,
  type SuppressionWireDoc,
  syncPath,
} from '../../../../shared/team/replication';
import { bearer } from '../../testing/fixtures';
import { type Device, openEventStream } from './sync-world';

export type Doc = Omit<SuppressionWireDoc, '_deleted'>;

// the wire shape as a collection (version 0 here: these tests need no migration plugin; the path says s1)
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

export interface Desktop {
  db: RxDatabase;
  suppression: RxCollection<Doc>;
  replication: RxReplicationState<Doc, Checkpoint>;
  /** every conflict answer the server gave this desktop's pushes */
  conflicts: SuppressionWireDoc[];
  /** off the network: replication and live stream stopped, the local database kept (writes queue up) */
  goOffline(): Promise<void>;
  /** back: replication started again from the checkpoints RxDB kept, as the desktop does on start-up */
  goOnline(): Promise<void>;
  close(): Promise<void>;
}

/** A desktop's suppression collection replicated with the server the way the desktop does: pull, push, stream. */
export async function desktop(base: string, device: Device, name: string, batchSize = 100): Promise<Desktop> {
  const db = await createRxDatabase({ name, storage: getRxStorageMemory(), multiInstance: false });
  const { suppression } = await db.addCollections({ suppression: { schema } });
  const conflicts: SuppressionWireDoc[] = [];
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { ...bearer(device.token), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
    const body = (await response.json()) as { ok: boolean; value: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(body.error?.message);
    return body.value;
  };

  async function connect() {
    const pullStream$ = new Subject<StreamEvent<SuppressionWireDoc>>();
    const stream = await openEventStream(base, device.token, 'suppression');
    let open = true;
    void (async () => {
      while (open)
        pullStream$.next((await stream.next().catch(() => 'RESYNC')) as StreamEvent<SuppressionWireDoc>);
    })();
    const replication = replicateRxCollection<Doc, Checkpoint>({
      collection: suppression as never,
      replicationIdentifier: `team-suppression-${name}`,
      live: true,
      pull: {
        batchSize,
        handler: async (checkpoint, size) =>
          (await call(
            `${syncPath('suppression', 'pull')}${checkpointQuery(checkpoint, size)}`,
          )) as PullAnswer<never> as never,
        stream$: pullStream$.asObservable() as never,
      },
      push: {
        batchSize,
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
      replication,
      async stop() {
        open = false;
        stream.close();
        await replication.cancel();
      },
    };
  }

  let link: Awaited<ReturnType<typeof connect>> | null = await connect();
  const self: Desktop = {
    db,
    suppression: suppression as RxCollection<Doc>,
    replication: link.replication,
    conflicts,
    async goOffline() {
      await link?.stop();
      link = null;
    },
    async goOnline() {
      link = await connect();
      self.replication = link.replication;
    },
    async close() {
      await link?.stop();
      await db.close();
    },
  };
  return self;
}

/** resolves once the desktop's copy of `id` passes `test` */
export const seen = (desktop: Desktop, id: string, test: (doc: Doc | null) => boolean) =>
  firstValueFrom(desktop.suppression.findOne(id).$.pipe(filter((d) => test(d ? (d.toJSON() as Doc) : null))));
