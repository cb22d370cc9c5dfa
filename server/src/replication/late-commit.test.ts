import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../../shared/team/replication';
import type { App } from '../app';
import { openTestDb, type TestDb } from '../testing/backends';
import { makeApp, makeTeam, type TestTeam } from '../testing/fixtures';
import { suppressionStore } from './suppression-store';
import { asRows, type Device, entry, member, pull, push } from './testing/sync-world';

/**
 * On real PostgreSQL with several connections: push A stamps its row and holds its transaction open; push B
 * (another connection) runs meanwhile; a pull runs while A is still open; then A commits. With stamps from a
 * plain sequence, B would commit first with the larger stamp, the pull would hand out B's checkpoint, and A's
 * row, committing late with the smaller stamp, would never be pulled. Writers of a team's collection take turns
 * (the counter row stays locked until commit), so B waits for A and no pull passes A's row.
 */
describe('a late commit on PostgreSQL', () => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;
  let rep: Device;

  beforeAll(async () => {
    t = await openTestDb('postgres');
    app = await makeApp(t.db);
    team = await makeTeam(t.db, 'Acme');
    rep = await member(t.db, team, 'rep');
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  /** settles when `promise` has settled or the push it stands for waits on a lock in PostgreSQL */
  async function settledOrWaiting(promise: Promise<unknown>): Promise<'settled' | 'waiting'> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 2000; i++) {
      if (settled) return 'settled';
      const waiting = await t.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%team_counters%'`,
      );
      if (Number(waiting[0]?.n) > 0) return 'waiting';
    }
    throw new Error('push B neither finished nor waited');
  }

  it('never lets a pull skip the row that commits late', async () => {
    const before = (await pull(app, rep.token, 'suppression')).body.value.checkpoint as Checkpoint | null;
    const late = entry({ note: 'A: commits late' });
    const early = entry({ note: 'B: pushed while A is open' });
    const caller = {
      teamId: team.teamId,
      memberId: rep.memberId,
      deviceId: rep.deviceId,
      role: 'rep' as const,
    };

    let stamped!: () => void;
    const isStamped = new Promise<void>((resolve) => (stamped = resolve));
    let commit!: () => void;
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    const pushA = t.db.transaction(async (tx) => {
      const outcome = await suppressionStore.push(tx, caller, asRows([late]));
      stamped();
      await mayCommit;
      return outcome;
    });
    await isStamped;

    const pushB = push(app, rep.token, 'suppression', asRows([early]));
    const state = await settledOrWaiting(pushB);
    const during = await pull(app, rep.token, 'suppression', before);
    commit();
    await pushA;
    expect((await pushB).status).toBe(200);
    const after = await pull(app, rep.token, 'suppression', during.body.value.checkpoint);

    const seen = [...during.body.value.documents, ...after.body.value.documents].map(
      (d: { id: string }) => d.id,
    );
    expect(seen).toContain(late.id);
    expect(seen).toContain(early.id);
    // and why: B waited for A, so the pull during A saw neither of them
    expect(state).toBe('waiting');
    expect(during.body.value.documents).toEqual([]);
  });
});
