/**
 * `sync.unsubscribe_propagation.*`: a desktop joined to the team server, running the desktop's own sync code in
 * Node — main's team service (electron/main/team: the join, the sealed token and team key, the live stream) and
 * the renderer's replication (renderer/src/db/team-sync.ts → replicateRxCollection) on RxDB in memory with the
 * app's suppression schema, the bridge's zod checks between them. Each opt-out is a token the desktop's keyring
 * mints (the shared token code, the team key) for a new address, POSTed to /u/:token as a mail client does;
 * timed from just before the POST to the moment the entry appears in the desktop's RxDB (its findOne(id).$).
 */
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, firstValueFrom } from 'rxjs';
import { desktopMain } from '../../electron/main/team/testing/team-world';
import { COLLECTIONS, type FairsendDatabase } from '../../renderer/src/db/database';
import { startTeamSync } from '../../renderer/src/db/team-sync';
import { createInvite } from '../../server/src/accounts/invites';
import type { Channel } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from '../../shared/ipc/dispatch';
import type { BenchServer } from './world';

export interface PropagationMeasure {
  ms: number[];
}

export async function unsubscribePropagation(
  server: BenchServer,
  count: number,
): Promise<PropagationMeasure> {
  const main = await desktopMain('bench');
  const db = (await createRxDatabase({
    name: `bench-sync-${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  })) as unknown as FairsendDatabase;
  const { suppression, audit, team } = COLLECTIONS;
  await db.addCollections({ suppression, audit, team } as never);
  const handlers = {
    'suppression.keys': ({ kind, values }) => main.keyring.suppressionKeys(kind, values),
    'team.status': () => main.team.status(),
    'team.pull': ({ collection, checkpoint, limit }) => main.team.pull(collection, checkpoint, limit),
    'team.push': ({ collection, rows }) => main.team.push(collection, rows),
    'team.events': ({ after, waitMs }) => main.team.events(after, waitMs),
    'team.localOnly': () => main.team.localOnly(),
    'team.markRekeyed': ({ teamId, localOnly, done }) => main.team.markRekeyed(teamId, localOnly, done),
  } as Partial<Handlers> as Handlers;
  const callMain = ((channel: Channel, request: unknown) =>
    dispatch(handlers, channel, request, { transport: 'ipc' })) as Parameters<
    typeof startTeamSync
  >[0]['call'];
  const owner = {
    teamId: server.team.teamId,
    memberId: server.team.memberId,
    deviceId: server.team.deviceId,
    role: 'owner' as const,
  };
  const invite = await createInvite(server.t.db, owner, {
    email: 'rep@bench.test',
    role: 'rep',
    ttlHours: 1,
  });
  await main.team.join({ serverUrl: server.base, inviteCode: invite.code, deviceName: 'bench laptop' });
  const sync = startTeamSync({ db, call: callMain });
  try {
    for (;;) {
      await sync.settled();
      if (sync.current()) break;
      await callMain('team.events', { after: 0, waitMs: 100 });
    }
    await Promise.all(sync.current()!.states.map((s) => s.awaitInitialReplication()));
    const ms: number[] = [];
    for (let i = 0; i < count; i++) {
      const address = `opt.out.${i}@lead.example`;
      const token = await main.keyring.unsubscribeToken(address, 'mb1', Date.now());
      const [id] = await main.keyring.suppressionKeys('address', [address]);
      let arrived = 0;
      const present = firstValueFrom(
        db.suppression.findOne(id!).$.pipe(filter((doc) => doc !== null && doc.reason === 'unsubscribed')),
      ).then(() => {
        arrived = performance.now();
      });
      const started = performance.now();
      const answer = await fetch(`${server.base}/u/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      if (answer.status !== 200) throw new Error(`POST /u/ answered ${answer.status}`);
      await answer.text();
      await present;
      ms.push(arrived - started);
    }
    const [row] = await server.t.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM suppression WHERE team_id = $1 AND reason = 'unsubscribed'",
      [server.team.teamId],
    );
    if (Number(row!.n) !== count) throw new Error(`the server holds ${row!.n} of ${count} opt-outs`);
    return { ms };
  } finally {
    await sync.stop();
    await db.close();
    await main.close();
  }
}
