import {
  DEXIE_DOCS_TABLE_NAME,
  getDexieStoreSchema,
  getKeyRangeByQueryPlan,
} from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { dexieIndexName, idAtPosition } from './index-position';
import { planLeadQuery } from './lead-docs';

// index-position.ts reads RxDB's Dexie storage from below; these pin what it assumes, so an RxDB upgrade that
// moves them fails here rather than silently sending far jumps back to `skip`.

let db: FairsendDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`position-test-${++dbCount}`, getRxStorageMemory());
});

afterEach(async () => {
  await db.close();
});

/** The whole-list queries lead-list.ts asks positions of (its `ordering()`). */
const LIST_QUERIES = [
  { ...planLeadQuery({}), sort: [{ rank: 'asc' as const }] },
  { ...planLeadQuery({ status: 'replied' }), sort: [{ rank: 'asc' as const }] },
  { ...planLeadQuery({ company: 'Acme' }), sort: [{ rank: 'asc' as const }] },
  { ...planLeadQuery({ source: 'a.csv' }), sort: [{ rank: 'asc' as const }] },
  { selector: {}, index: ['nameKey', 'rank'], sort: [{ nameKey: 'asc' as const }, { rank: 'asc' as const }] },
  {
    selector: {},
    index: ['companyKey', 'rank'],
    sort: [{ companyKey: 'asc' as const }, { rank: 'asc' as const }],
  },
];

it("RxDB's Dexie storage still names its table and indexes as index-position.ts expects", () => {
  expect(DEXIE_DOCS_TABLE_NAME).toBe('docs');
  expect(typeof getKeyRangeByQueryPlan).toBe('function');
  const stored = getDexieStoreSchema(db.leads.schema.jsonSchema).split(', ');
  for (const query of LIST_QUERIES) {
    const { queryPlan } = db.leads.find(query).getPreparedQuery();
    // served by the index alone, so a position in the index is a position in the list
    expect(queryPlan.selectorSatisfiedByIndex && queryPlan.sortSatisfiedByIndex).toBe(true);
    expect(stored).toContain(dexieIndexName(queryPlan.index));
  }
  expect(dexieIndexName(['_deleted', 'rank', 'id'])).toBe('[_deleted+rank+id]');
});

it('cannot tell without Dexie, or when the index does not serve the whole selector', async () => {
  expect(await idAtPosition(db.leads, LIST_QUERIES[0] ?? {}, 10, 100)).toBeUndefined();
  const filtered = { selector: { status: 'replied' as const }, index: ['nameKey', 'rank'] };
  expect(db.leads.find(filtered).getPreparedQuery().queryPlan.selectorSatisfiedByIndex).toBe(false);
});
