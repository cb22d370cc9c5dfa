import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/ipc/result';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import type { SuppressionDoc } from './schemas/compliance';
import { APPLY_CHUNK, type SuppressionDelta, startSuppressionSync } from './suppression-sync';

let db: FairsendDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`sync-test-${++dbCount}`, getRxStorageMemory());
});
afterEach(async () => {
  await db.close();
});

const key = (i: number) => i.toString(16).padStart(64, '0');
const entry = (i: number): SuppressionDoc => ({
  id: key(i),
  kind: 'address',
  value: `p${i}@example.com`,
  reason: 'manual',
  note: '',
  rank: i,
  createdAt: 1,
});

/** A stand-in for main's holder: a set, and `ready` once a complete chunk arrived. */
function fakeMain(failFirst = 0) {
  const keys = new Set<string>();
  const calls: SuppressionDelta[] = [];
  let ready = false;
  let failures = failFirst;
  return {
    keys,
    calls,
    apply: async (delta: SuppressionDelta) => {
      calls.push(delta);
      if (failures-- > 0) return err('transient', 'main is busy');
      for (const k of delta.add) keys.add(k);
      for (const k of delta.remove) keys.delete(k);
      if (delta.complete) ready = true;
      return ok({ size: keys.size, ready });
    },
  };
}

describe('suppression sync', () => {
  it('sends an empty list as complete', async () => {
    const main = fakeMain();
    const sync = startSuppressionSync(db, main);
    await sync.ready;
    expect(main.calls).toEqual([{ add: [], remove: [], complete: true }]);
    sync.stop();
  });

  it('sends every key in chunks of at most 20,000, then forwards inserts and deletes', async () => {
    const total = APPLY_CHUNK + 5;
    await db.suppression.bulkInsert(Array.from({ length: total }, (_, i) => entry(i + 1)));
    const main = fakeMain();
    const sync = startSuppressionSync(db, { ...main, flushMs: 5 });
    await sync.ready;
    expect(main.calls.map((c) => [c.add.length, c.complete])).toEqual([
      [APPLY_CHUNK, false],
      [5, true],
    ]);
    expect(main.keys.size).toBe(total);

    await db.suppression.insert(entry(total + 1));
    await db.suppression.findOne(key(1)).remove();
    await sync.settled();
    expect(main.keys.has(key(total + 1))).toBe(true);
    expect(main.keys.has(key(1))).toBe(false);
    expect(main.keys.size).toBe(total);
    sync.stop();
  });

  it('retries a failing call with backoff and reports only when it keeps failing', async () => {
    const main = fakeMain(3);
    const troubles: string[] = [];
    let recovered = 0;
    const sync = startSuppressionSync(db, {
      ...main,
      retry: { baseMs: 1, maxMs: 4, troubleAfter: 3 },
      onTrouble: (m) => troubles.push(m),
      onRecovered: () => recovered++,
    });
    await sync.ready;
    expect(main.calls.length).toBe(4);
    expect(troubles).toHaveLength(1);
    expect(troubles[0]).toContain('main is busy');
    expect(recovered).toBe(1);
    sync.stop();
  });

  it('tells the rep in words when the bridge itself throws, never the error’s own text', async () => {
    const troubles: string[] = [];
    let calls = 0;
    const sync = startSuppressionSync(db, {
      apply: async () => {
        if (calls++ < 3) throw new TypeError("Cannot read properties of undefined (reading 'send')");
        return ok({ size: 0, ready: true });
      },
      retry: { baseMs: 1, maxMs: 4, troubleAfter: 2 },
      onTrouble: (m) => troubles.push(m),
    });
    await sync.ready;
    expect(troubles).toEqual([
      'The suppression list could not reach the sending service. Sending waits until it does; Fairsend keeps trying.',
    ]);
    sync.stop();
  });

  it('sends the whole list again when main says it lost its index', async () => {
    await db.suppression.insert(entry(1));
    let main = fakeMain();
    const sync = startSuppressionSync(db, { apply: (delta) => main.apply(delta), flushMs: 5 });
    await sync.ready;
    // main restarted: a fresh holder that is not ready
    const restarted = fakeMain();
    main = restarted;
    await db.suppression.insert(entry(2));
    await sync.settled();
    expect(restarted.keys).toEqual(new Set([key(1), key(2)]));
    expect(restarted.calls.at(-1)?.complete).toBe(true);
    sync.stop();
  });
});
