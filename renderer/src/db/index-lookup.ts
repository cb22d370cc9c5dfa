import type { MangoQuery, RxCollection } from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  getKeyRangeByQueryPlan,
} from 'rxdb/plugins/storage-dexie';

/**
 * Point lookups in an index (the other place that reaches under RxDB, beside index-position.ts, and on the same
 * terms: RxDB's Dexie storage keeps one IndexedDB table `docs` with an index `[_deleted+field+id]` per schema
 * index, and `internals` resolves to `{ dexieDb, booleanIndexes }`; index-lookup.test.ts pins those).
 * Why: RxDB plans `{ field: { $in: values } }` as one range from the smallest value to the largest, so a few
 * hundred values spread over the alphabet walk nearly the whole index and test every row against the list
 * (enrolling 10,000 leads that way read the growing enrollments collection 40 times: seconds). Here each value
 * is one key-range request, all in one read-only transaction, keys only: milliseconds, however big the collection.
 * Written against structural types, not the DOM's, because Node-side tests type-check the renderer's db folder.
 */

interface KeyRequest {
  result: unknown[];
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}

/** What this module reads of RxDB's Dexie storage state. */
interface DexieState {
  dexieDb: {
    backendDB(): {
      transaction(
        store: string,
        mode: 'readonly',
      ): {
        objectStore(name: string): { index(name: string): { getAllKeys(range: unknown): KeyRequest } };
      };
    };
  };
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

/** The query plan RxDB makes for `field` equal to `value`, served by `[field]`'s index alone. */
export function equalityPlan<T>(collection: RxCollection<T>, field: string, value: string) {
  const { queryPlan } = collection
    .find({ selector: { [field]: value }, index: [field] } as MangoQuery<T>)
    .getPreparedQuery();
  const at = queryPlan.index.indexOf(field);
  const usable = queryPlan.selectorSatisfiedByIndex && at >= 0 && queryPlan.startKeys[at] === value;
  return {
    queryPlan,
    at,
    usable,
    indexName: `[${queryPlan.index.map(dexieReplaceIfStartsWithPipe).join('+')}]`,
  };
}

/**
 * The primary keys of the rows whose `field` (a string) equals one of `values`, deleted rows left out, through
 * `[field]`'s index. Undefined when the storage is not Dexie (the caller then asks RxDB, which answers the same).
 */
export async function idsWhereEqual<T>(
  collection: RxCollection<T>,
  field: string,
  values: readonly string[],
): Promise<string[] | undefined> {
  if (collection.database.storage.name !== 'dexie') return undefined;
  if (!values.length) return [];
  // RxDB plans one lookup; the others differ only in the value at the field's place in the key
  const { queryPlan, at, usable, indexName } = equalityPlan(collection, field, values[0]!);
  if (!usable) return undefined;
  const state: unknown = await (collection.storageInstance as { internals?: unknown }).internals;
  if (!isDexieState(state)) throw new Error("index-lookup: RxDB's Dexie storage internals changed shape");
  const index = state.dexieDb
    .backendDB()
    .transaction(DEXIE_DOCS_TABLE_NAME, 'readonly')
    .objectStore(DEXIE_DOCS_TABLE_NAME)
    .index(indexName);
  const KeyRange = (globalThis as { IDBKeyRange?: unknown }).IDBKeyRange;
  const ids: string[] = [];
  let left = values.length;
  return new Promise((resolve, reject) => {
    for (const value of values) {
      const startKeys = [...queryPlan.startKeys];
      const endKeys = [...queryPlan.endKeys];
      startKeys[at] = value;
      endKeys[at] = value;
      const plan = { ...queryPlan, startKeys, endKeys };
      const request = index.getAllKeys(getKeyRangeByQueryPlan(state.booleanIndexes, plan, KeyRange));
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        for (const id of request.result) {
          if (typeof id !== 'string') return reject(new Error('index-lookup: expected string primary keys'));
          ids.push(id);
        }
        if (--left === 0) resolve(ids);
      };
    }
  });
}
