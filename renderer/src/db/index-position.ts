import type { MangoQuery, RxCollection } from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
} from 'rxdb/plugins/storage-dexie';

/**
 * One of two places that reach under RxDB (index-lookup.ts is the other): reads a query's IndexedDB index by key
 * alone, so no document is loaded or deserialised (RxDB's own `skip` reads every skipped one: seconds at 50,000),
 * or a page of documents in one request (RxDB's query walks a cursor, a round trip a document).
 * It relies on RxDB's Dexie
 * storage keeping one IndexedDB table `docs` with an index named `[field+…]` per query-plan index, and on
 * `internals` resolving to `{ dexieDb, booleanIndexes }`; index-position.test.ts pins those, and a mismatch
 * here throws. Every function answers undefined when the index alone cannot tell (not Dexie storage, or a
 * selector or sort the index does not fully serve): the caller then reads documents instead.
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

/** One row as its index entry tells it: the raw key (to resume a walk after it) and the fields in it. */
export interface IndexStop {
  raw: IDBValidKey;
  id: string;
  /** the index's fields by name (`_deleted`, the query's fields, `id`), as stored (booleans as '0'/'1') */
  fields: Record<string, unknown>;
}

interface PlannedIndex {
  index: IDBIndex;
  range: IDBKeyRange;
  fields: readonly string[];
  booleanIndexes: string[];
}

/** The IndexedDB index and key range that serve `query` alone, in a new read-only transaction. */
async function plannedIndex<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
): Promise<PlannedIndex | undefined> {
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
  return {
    index: store.index(dexieIndexName(queryPlan.index)),
    range,
    fields: queryPlan.index,
    booleanIndexes: state.booleanIndexes,
  };
}

function stopOf(cursor: IDBCursor, fields: readonly string[]): IndexStop {
  const id = cursor.primaryKey;
  if (typeof id !== 'string') throw new Error('index-position: expected a string primary key');
  const key = cursor.key;
  const values = Array.isArray(key) ? key : [key];
  return { raw: key, id, fields: Object.fromEntries(fields.map((f, i) => [f, values[i]])) };
}

/** The rest of `range` after `raw` (exclusive). */
function after(range: IDBKeyRange, raw: IDBValidKey): IDBKeyRange {
  return IDBKeyRange.bound(raw, range.upper, true, range.upperOpen);
}

/**
 * The row `steps` rows after `from` (a stop of the same query), or `steps` rows into the query from its start
 * (`'start'`, 0 = the first row) or back from its end (`'end'`, 0 = the last row); null past either end.
 * `advance` walks keys inside IndexedDB (~10–20 µs a key at 100k), so callers start from the nearest known row.
 */
export async function stopAt<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
  from: IndexStop['raw'] | 'start' | 'end',
  steps: number,
): Promise<IndexStop | null | undefined> {
  const planned = await plannedIndex(collection, query);
  if (!planned) return undefined;
  const { index, range, fields } = planned;
  const request =
    from === 'start' || from === 'end'
      ? index.openKeyCursor(range, from === 'end' ? 'prev' : 'next')
      : index.openKeyCursor(after(range, from), 'next');
  // From a stop, the first row the cursor opens on is already one step on.
  let left = from === 'start' || from === 'end' ? steps : steps - 1;
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(null);
      if (left > 0) {
        cursor.advance(left);
        left = 0;
        return;
      }
      try {
        resolve(stopOf(cursor, fields));
      } catch (error) {
        reject(error);
      }
    };
  });
}

/**
 * Walks a query's index in one transaction and stops every `every` rows: the first stop is `every` rows after
 * `from` (or row `every - 1` from the start), then every `every` rows, until `maxStops` stops or the end.
 * `done` says the end was reached. This is how kept list positions are built without reading documents.
 */
export async function walkStops<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
  from: IndexStop['raw'] | 'start',
  every: number,
  maxStops: number,
): Promise<{ stops: IndexStop[]; done: boolean } | undefined> {
  const planned = await plannedIndex(collection, query);
  if (!planned) return undefined;
  const { index, range, fields } = planned;
  const request = index.openKeyCursor(from === 'start' ? range : after(range, from), 'next');
  const stops: IndexStop[] = [];
  let opened = false;
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve({ stops, done: true });
      if (!opened) {
        // the cursor opens on the first row: row 0 from the start, row `from + 1` after a stop
        opened = true;
        if (every > 1) return cursor.advance(every - 1);
      }
      try {
        stops.push(stopOf(cursor, fields));
      } catch (error) {
        return reject(error);
      }
      if (stops.length >= maxStops) return resolve({ stops, done: false });
      cursor.advance(every);
    };
  });
}

/** The primary keys of the first `limit` rows of `query`, in its order, read from the index alone. */
export async function idsInOrder<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
  limit: number,
): Promise<string[] | undefined> {
  const planned = await plannedIndex(collection, query);
  if (!planned) return undefined;
  const request = planned.index.getAllKeys(planned.range, limit);
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const ids = request.result;
      if (!ids.every((id): id is string => typeof id === 'string')) {
        return reject(new Error('index-position: expected string primary keys'));
      }
      resolve(ids);
    };
  });
}

/**
 * The documents of `query` (its skip and limit applied), in its order, read from its index in one request and
 * without RxDB's own fields, as `toMutableJSON()` gives them. RxDB's own query walks a cursor instead: a round
 * trip to IndexedDB per document, most of a list page's read.
 */
export async function docsInOrder<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
): Promise<T[] | undefined> {
  const planned = await plannedIndex(collection, query);
  if (!planned) return undefined;
  const skip = query.skip ?? 0;
  const request = planned.index.getAll(
    planned.range,
    query.limit === undefined ? undefined : skip + query.limit,
  );
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () =>
      resolve(
        (request.result as unknown[]).slice(skip).map((row) => {
          const { _rev, _attachments, _deleted, _meta, ...doc } = fromDexieToStorage(
            planned.booleanIndexes,
            row,
          );
          return doc as T;
        }),
      );
  });
}

/** RxDB's Dexie index of every document's last write time (deletions included: they leave a tombstone). */
const LAST_WRITE_INDEX = ['_meta.lwt', 'id'];

/**
 * A token of the newest write to the collection (the greatest last-write time and its key): it changes with
 * every insert, edit and deletion, so positions saved with it are still true exactly while it is unchanged.
 */
export async function newestWrite<T>(collection: RxCollection<T>): Promise<string | undefined> {
  if (collection.database.storage.name !== 'dexie') return undefined;
  const state: unknown = await (collection.storageInstance as { internals?: unknown }).internals;
  if (!isDexieState(state)) throw new Error("index-position: RxDB's Dexie storage internals changed shape");
  const request = state.dexieDb
    .backendDB()
    .transaction(DEXIE_DOCS_TABLE_NAME, 'readonly')
    .objectStore(DEXIE_DOCS_TABLE_NAME)
    .index(dexieIndexName(LAST_WRITE_INDEX))
    .openKeyCursor(null, 'prev');
  return new Promise((resolve, reject) => {
    request.onerror = () => reject(request.error);
    request.onsuccess = () => resolve(JSON.stringify(request.result?.key ?? null));
  });
}
