import { createHmac, randomBytes } from 'node:crypto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTIONS, type FairsendDatabase } from '../../../renderer/src/db/database';
import { rekeyForTeam } from '../../../renderer/src/db/team-rekey';
import { rankFor } from '../../../shared/leads/lead';
import { adoptKey } from './team-state';
import { type DesktopMain, desktopMain } from './testing/team-world';

// Moving the entries made before joining to the team's key, with main's real keyring (sealed key files on
// disk) and the renderer's suppression collection (RxDB in memory).

const hmac = (keyHex: string, message: string) =>
  createHmac('sha256', Buffer.from(keyHex, 'hex')).update(message).digest('hex');

let open: { db: FairsendDatabase; main: DesktopMain }[] = [];
let n = 0;

async function world() {
  const main = await desktopMain('rekey');
  const db = (await createRxDatabase({
    name: `rekey-${++n}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  })) as unknown as FairsendDatabase;
  await db.addCollections({ suppression: COLLECTIONS.suppression } as never);
  open.push({ db, main });
  const add = async (kind: 'address' | 'domain', value: string, erased = false) => {
    const [id] = await main.keyring.suppressionKeys(kind, [value]);
    const now = Date.now();
    await db.suppression.insert({
      id: id!,
      kind,
      value: erased ? '' : value,
      reason: erased ? 'erased' : 'manual',
      note: 'kept',
      rank: rankFor(now, n++),
      createdAt: now,
    });
    return id!;
  };
  /** the team's key handed over, as joining does */
  const joinTeam = async () => {
    const key = randomBytes(32).toString('hex');
    await main.keyring.store('team1', key);
    main.state.update((s) => ({ ...s, keys: adoptKey(s.keys, 'team1') }));
    return key;
  };
  const keys = (kind: 'address' | 'domain', values: string[]) => main.keyring.suppressionKeys(kind, values);
  return { db, main, add, joinTeam, keys };
}

afterEach(async () => {
  for (const { db, main } of open) {
    await db.close();
    await main.close();
  }
  open = [];
});

describe('re-keying the entries made before joining', () => {
  it('moves entries with plaintext to the team key (facts and place kept), leaves erased ones under the own key', async () => {
    const w = await world();
    const ana = await w.add('address', 'ana@lead.example');
    const acme = await w.add('domain', 'acme.example');
    const gone = await w.add('address', 'gone@lead.example', true);
    const before = (await w.db.suppression.findOne(ana).exec())!.toJSON();
    const teamKey = await w.joinTeam();

    const outcome = await rekeyForTeam(w.db, { keys: w.keys });
    expect(outcome.moved).toBe(2);
    expect(new Set(outcome.localOnly)).toEqual(new Set([ana, acme, gone]));

    const anaTeam = hmac(teamKey, 'address:ana@lead.example');
    const moved = (await w.db.suppression.findOne(anaTeam).exec())!.toJSON();
    expect(moved).toMatchObject({
      value: 'ana@lead.example',
      note: 'kept',
      rank: before.rank,
      createdAt: before.createdAt,
    });
    expect(await w.db.suppression.findOne(hmac(teamKey, 'domain:acme.example')).exec()).not.toBeNull();
    expect(await w.db.suppression.findOne(ana).exec()).toBeNull();
    expect(await w.db.suppression.findOne(acme).exec()).toBeNull();
    expect((await w.db.suppression.findOne(gone).exec())?.reason).toBe('erased');
    // the gate finds the erased one under the key it was made with
    expect(await w.main.keyring.lookupKeys('address', 'gone@lead.example')).toEqual([
      hmac(teamKey, 'address:gone@lead.example'),
      gone,
    ]);
  });

  it('run again (an interrupted move), it moves nothing twice and loses nothing', async () => {
    const w = await world();
    await w.add('address', 'ana@lead.example');
    const teamKey = await w.joinTeam();
    await rekeyForTeam(w.db, { keys: w.keys });
    const again = await rekeyForTeam(w.db, { keys: w.keys });
    expect(again.moved).toBe(0);
    expect((await w.db.suppression.find().exec()).map((d) => d.id)).toEqual([
      hmac(teamKey, 'address:ana@lead.example'),
    ]);
  });

  it('walks a long list page by page', async () => {
    const w = await world();
    const values = Array.from({ length: 2500 }, (_, i) => `lead${i}@lead.example`);
    const ids = await w.keys('address', values);
    const now = Date.now();
    await w.db.suppression.bulkInsert(
      values.map((value, i) => ({
        id: ids[i]!,
        kind: 'address' as const,
        value,
        reason: 'imported' as const,
        note: '',
        rank: rankFor(now + Math.floor(i / 1000), i),
        createdAt: now,
      })),
    );
    const teamKey = await w.joinTeam();
    expect((await rekeyForTeam(w.db, { keys: w.keys })).moved).toBe(2500);
    const all = await w.db.suppression.find().exec();
    expect(all).toHaveLength(2500);
    expect(all.every((d) => d.id === hmac(teamKey, `address:${d.value}`))).toBe(true);
  });
});
