import { getDexieStoreSchema } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { equalityPlan, idsWhereEqual } from './index-lookup';

// index-lookup.ts reads RxDB's Dexie storage from below; these pin what it assumes, so an RxDB upgrade that moves
// them fails here. (Its answers are checked in Chromium on IndexedDB by the engine bench, against what it seeded.)

let db: FairsendDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`lookup-test-${++dbCount}`, getRxStorageMemory());
});

afterEach(async () => {
  await db.close();
});

it("plans a lead's enrollments as one key in an index RxDB's Dexie storage creates", () => {
  const stored = getDexieStoreSchema(db.enrollments.schema.jsonSchema).split(', ');
  for (const value of ['ana@prospect.test', 'zed@example.com']) {
    const plan = equalityPlan(db.enrollments, 'leadId', value);
    expect(plan.usable).toBe(true);
    expect(plan.indexName).toBe('[_deleted+leadId+id]');
    expect(stored).toContain(plan.indexName);
    // one key: the value at both ends, deleted rows out, any id
    expect(plan.queryPlan.startKeys.slice(0, 2)).toEqual([false, value]);
    expect(plan.queryPlan.endKeys.slice(0, 2)).toEqual([false, value]);
  }
});

it('cannot tell without Dexie: the caller asks RxDB instead', async () => {
  expect(await idsWhereEqual(db.enrollments, 'leadId', ['ana@prospect.test'])).toBeUndefined();
});
