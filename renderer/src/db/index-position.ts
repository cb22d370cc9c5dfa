import type { MangoQuery, RxCollection } from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  getKeyRangeByQueryPlan,
} from 'rxdb/plugins/storage-dexie';

/**
 * The one place that reaches under RxDB: which row sits `position` rows into a query's index walk, read from
 * the IndexedDB index with a key cursor and `advance()`, so no skipped document is loaded or deserialised
 * (RxDB's own `skip` reads every one: seconds at 50,000). It relies on RxDB's Dexie storage keeping one
 * IndexedDB table `docs` with an index named `[field+…]` per query-plan index, and on `internals` resolving
 * to `{ dexieDb, booleanIndexes }`; index-position.test.ts pins those, and a mismatch here throws.
 */

/** What this module reads of RxDB's Dexie storage state. */
interface DexieState {
  dexieDb: { backendDB(): IDBDatabase };
  booleanIndexes: string[];
}

function isDexieState(value: unknown): value is DexieState {
  if (typeof value !== 'object' || value === null) return false;
  const { dexieDb, booleanIndexes } = value as Record<string, unknown>;
  return (
    typeof dexieDb === 'object' &&
    dexieDb !== null &&
    typeof (dexieDb as Record<string, unknown>).backendDB === 'function' &&
    Array.isArray(booleanIndexes)
  );
}

/** The IndexedDB index RxDB's Dexie storage walks for a query plan's fields. */
export function dexieIndexName(planIndex: readonly string[]): string {
  return `[${planIndex.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
}

/**
 * The primary key of the row `position` rows (0-based) into `query`'s results, of `total`; null past the end;
 * undefined when it cannot be told from the index alone (not Dexie storage, or a selector or sort the index
 * does not fully serve), and the caller reads documents instead. `advance` costs ~9 µs a key at 100k, so the
 * back half is walked from the end (the End key is then instant).
 */
export async function idAtPosition<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
  position: number,
  total: number,
): Promise<string | null | undefined> {
  if (collection.database.storage.name !== 'dexie') return undefined;
  const { queryPlan } = collection.find(query).getPreparedQuery();
  if (!queryPlan.selectorSatisfiedByIndex || !queryPlan.sortSatisfiedByIndex) return undefined;
  const state: unknown = await (collection.storageInstance as { internals?: unknown }).internals;
  if (!isDexieState(state)) throw new Error("index-position: RxDB's Dexie storage internals changed shape");
  const range = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, IDBKeyRange);
  const store = state.dexieDb
    .backendDB()
    .transaction(DEXIE_DOCS_TABLE_NAME, 'readonly')
    .objectStore(DEXIE_DOCS_TABLE_NAME);
  const fromEnd = position >= total / 2 && position < total;
  const steps = fromEnd ? total - 1 - position : position;
  const request = store
    .index(dexieIndexName(queryPlan.index))
    .openKeyCursor(range, fromEnd ? 'prev' : 'next');
  return new Promise((resolve, reject) => {
    let advanced = steps === 0;
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(null);
      if (!advanced) {
        advanced = true;
        cursor.advance(steps);
        return;
      }
      const id = cursor.primaryKey;
      if (typeof id !== 'string') return reject(new Error('index-position: expected a string primary key'));
      resolve(id);
    };
  });
}
