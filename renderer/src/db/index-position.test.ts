import {
  DEXIE_DOCS_TABLE_NAME,
  getDexieStoreSchema,
  getKeyRangeByQueryPlan,
} from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { dexieIndexName, idsInOrder, newestWrite, stopAt, walkStops } from './index-position';
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

/** The search ranges lead-search.ts reads by key alone (a prefix of each field, no other filter). */
const prefix = { $gte: 'ma', $lt: 'ma\uffff' };
const SEARCH_QUERIES = [
  ...(['nameKey', 'lastNameKey', 'companyKey', 'domainKey'] as const).map((field) => ({
    selector: { [field]: prefix },
    index: [field, 'rank'],
    sort: [{ [field]: 'asc' as const }, { rank: 'asc' as const }],
  })),
  { selector: { id: prefix }, index: ['id'], sort: [{ id: 'asc' as const }] },
];

it("RxDB's Dexie storage still names its table and indexes as index-position.ts expects", () => {
  expect(DEXIE_DOCS_TABLE_NAME).toBe('docs');
  expect(typeof getKeyRangeByQueryPlan).toBe('function');
  const stored = getDexieStoreSchema(db.leads.schema.jsonSchema).split(', ');
  for (const query of [...LIST_QUERIES, ...SEARCH_QUERIES]) {
    const { queryPlan } = db.leads.find(query).getPreparedQuery();
    // served by the index alone, so a position in the index is a position in the list
    expect(queryPlan.selectorSatisfiedByIndex && queryPlan.sortSatisfiedByIndex).toBe(true);
    expect(stored).toContain(dexieIndexName(queryPlan.index));
  }
  expect(dexieIndexName(['_deleted', 'rank', 'id'])).toBe('[_deleted+rank+id]');
  // newestWrite reads the last-write index RxDB keeps for its own replication
  expect(stored).toContain(dexieIndexName(['_meta.lwt', 'id']));
});

it('cannot tell without Dexie, or when the index does not serve the whole selector', async () => {
  const whole = LIST_QUERIES[0] ?? {};
  expect(await stopAt(db.leads, whole, 'start', 10)).toBeUndefined();
  expect(await walkStops(db.leads, whole, 'start', 100, 5)).toBeUndefined();
  expect(await idsInOrder(db.leads, SEARCH_QUERIES[0] ?? {}, 10)).toBeUndefined();
  expect(await newestWrite(db.leads)).toBeUndefined();
  const filtered = { selector: { status: 'replied' as const }, index: ['nameKey', 'rank'] };
  expect(db.leads.find(filtered).getPreparedQuery().queryPlan.selectorSatisfiedByIndex).toBe(false);
});
