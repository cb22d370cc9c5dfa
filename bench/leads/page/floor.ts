import type { LeadDoc } from '../../../renderer/src/db/schemas/leads';

/** The leads schema's indexes, as raw IndexedDB key paths. */
const INDEXES: Record<string, string | string[]> = {
  rank: 'rank',
  status_rank: ['status', 'rank'],
  companyKey_rank: ['companyKey', 'rank'],
  source_rank: ['source', 'rank'],
  nameKey_rank: ['nameKey', 'rank'],
};

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openStore(name: string): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('leads', { keyPath: 'id' });
    for (const [index, keyPath] of Object.entries(INDEXES)) store.createIndex(index, keyPath);
  };
  return request(open);
}

/**
 * Writes the documents with nothing but IndexedDB: one transaction per chunk, as any chunked import must
 * (one giant transaction would hold the whole file in memory and block readers). This is the floor an
 * import on this storage cannot beat.
 */
export async function writeFloor(docs: readonly LeadDoc[], chunk: number): Promise<number> {
  const db = await openStore(`floor-${Date.now()}`);
  const started = performance.now();
  for (let i = 0; i < docs.length; i += chunk) {
    const tx = db.transaction('leads', 'readwrite');
    const store = tx.objectStore('leads');
    for (const doc of docs.slice(i, i + chunk)) store.put(doc);
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
