import { type LeadDoc, leadSchemaLiteral } from '../../../renderer/src/db/schemas/leads';

/** The leads schema's indexes, as raw IndexedDB key paths (read from the schema, so the floor follows it). */
const SCHEMA_INDEXES: Record<string, string | string[]> = Object.fromEntries(
  leadSchemaLiteral.indexes.map((index) => {
    const path = typeof index === 'string' ? index : [...index];
    return [[path].flat().join('_'), path];
  }),
);

/**
 * The indexes RxDB's Dexie storage actually creates for that schema: each one is prefixed with `_deleted` and
 * suffixed with the primary key, plus `[_deleted+id]`, `[_meta.lwt+id]` and `_meta.lwt` of its own.
 */
const RXDB_INDEXES: Record<string, string | string[]> = {
  deleted_id: ['_deleted', 'id'],
  ...Object.fromEntries(
    Object.entries(SCHEMA_INDEXES).map(([name, path]) => [name, ['_deleted', ...[path].flat(), 'id']]),
  ),
  lwt_id: ['_meta.lwt', 'id'],
  lwt: '_meta.lwt',
};

export type FloorLayout = 'schema' | 'rxdb';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openStore(name: string, layout: FloorLayout): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('leads', { keyPath: 'id' });
    const indexes = layout === 'rxdb' ? RXDB_INDEXES : SCHEMA_INDEXES;
    for (const [index, keyPath] of Object.entries(indexes)) store.createIndex(index, keyPath);
  };
  return request(open);
}

/**
 * Writes the documents with nothing but IndexedDB: one transaction per chunk, as any chunked import must
 * (one giant transaction would hold the whole file in memory and block readers). This is the floor an
 * import on this storage cannot beat.
 */
export async function writeFloor(
  docs: readonly LeadDoc[],
  chunk: number,
  layout: FloorLayout = 'schema',
): Promise<number> {
  const db = await openStore(`floor-${layout}-${Date.now()}`, layout);
  const started = performance.now();
  for (let i = 0; i < docs.length; i += chunk) {
    const tx = db.transaction('leads', 'readwrite');
    const store = tx.objectStore('leads');
    for (const doc of docs.slice(i, i + chunk))
      store.put(layout === 'rxdb' ? asStored(doc, started + i) : doc);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/** A document as RxDB's Dexie storage stores it: booleans in indexes as '0'/'1', plus its metadata fields. */
function asStored(doc: LeadDoc, lwt: number) {
  return { ...doc, _deleted: '0', _meta: { lwt }, _rev: '1-benchfloor', _attachments: {} };
}
