import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../auth/authenticate';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { makeTeam, type TestTeam } from '../testing/fixtures';
import { recordOptOut } from '../unsubscribe/record';
import { suppressionStore } from './suppression-store';

// The pull route sends suppression pages as JSON the database builds (pullJson); they must be, byte for byte
// once parsed, the documents and checkpoint that the row-by-row pull (also the live stream's) answers.
describe.each(BACKENDS)('suppression pages as JSON from %s', (backend) => {
  let t: TestDb;
  let team: TestTeam;
  let caller: Caller;

  beforeAll(async () => {
    t = await openTestDb(backend);
    team = await makeTeam(t.db, 'Acme');
    caller = { teamId: team.teamId, memberId: team.memberId, deviceId: team.deviceId, role: 'owner' };
    // the rows below take orders 7 and 8 as if stamped: the counter says so
    await t.db.query(
      `INSERT INTO team_counters (team_id, collection, last_order) VALUES ($1, 'suppression', 8)`,
      [team.teamId],
    );
    for (let i = 0; i < 5; i++) {
      await t.db.query(
        `INSERT INTO suppression (team_id, id, kind, reason, note, source, server_order, deleted, removed_note, created_at)
         VALUES ($1, $2, 'address', 'manual', $3, 'desk', $4, $5, $6, timestamptz 'epoch' + $7 * interval '1 millisecond')`,
        [
          team.teamId,
          String(i).repeat(64),
          `né "quoted" \\ back\nline ${i} ');--`,
          i < 3 ? 7 : 8,
          i % 2 === 0,
          i === 2 ? null : 'gone',
          1_764_600_000_123 + i,
        ],
      );
    }
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await t?.dispose();
  });

  it('answers the same documents, keys in the same order, and the same checkpoint as the row-by-row pull', async () => {
    for (const after of [null, { order: '7', id: '1'.repeat(64) }, { order: '8', id: '4'.repeat(64) }]) {
      const rows = await suppressionStore.pull(t.db, caller, after, 3);
      const json = await suppressionStore.pullJson!(t.db, caller, after, 3);
      expect(JSON.parse(json.documents)).toEqual(rows.documents);
      expect(JSON.stringify(JSON.parse(json.documents))).toBe(JSON.stringify(rows.documents));
      expect(json.last).toEqual(rows.last);
    }
    const first = await suppressionStore.pullJson!(t.db, caller, null, 3);
    expect(JSON.parse(first.documents)).toHaveLength(3);
    expect(JSON.parse(first.documents)[2]).toMatchObject({ _deleted: true, removedNote: '' });
  });

  it('answers a page again from memory only while no write has committed: a new entry shows at once', async () => {
    const before = await suppressionStore.pullJson!(t.db, caller, { order: '8', id: '4'.repeat(64) }, 3);
    expect(JSON.parse(before.documents)).toEqual([]);
    const again = await suppressionStore.pullJson!(t.db, caller, { order: '8', id: '4'.repeat(64) }, 3);
    expect(again).toBe(before); // the same page object: kept
    await recordOptOut(t.db, team.teamId, { v: 1, k: 'a'.repeat(64), m: 'mb1', t: 1_764_600_000 });
    const after = await suppressionStore.pullJson!(t.db, caller, { order: '8', id: '4'.repeat(64) }, 3);
    expect(JSON.parse(after.documents)).toEqual([
      expect.objectContaining({ id: 'a'.repeat(64), reason: 'unsubscribed' }),
    ]);
    const rows = await suppressionStore.pull(t.db, caller, { order: '8', id: '4'.repeat(64) }, 3);
    expect(JSON.parse(after.documents)).toEqual(rows.documents);
  });
});
