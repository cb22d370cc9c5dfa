import { Dexie } from 'dexie';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createFairsendDatabase, type FairsendDatabase } from './database';

// Dexie turns its debug mode on by itself for pages served from localhost or 127.0.0.1, as browser mode is: it
// then tags every transaction with `console.createTask` (a stack trace each), which cost ~50 ms of start-up and
// some on every read. The app is not a development page there.
Dexie.debug = false;

let opening: Promise<FairsendDatabase> | undefined;

/** The app's one database, on IndexedDB through Dexie. Never with RxDB dev-mode (it injects an outside iframe). */
export function openDatabase(name = 'fairsend'): Promise<FairsendDatabase> {
  opening ??= createFairsendDatabase(name, getRxStorageDexie());
  return opening;
}
