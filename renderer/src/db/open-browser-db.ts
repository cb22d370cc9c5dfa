import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createFairsendDatabase, type FairsendDatabase } from './database';

let opening: Promise<FairsendDatabase> | undefined;

/** The app's one database, on IndexedDB through Dexie. Never with RxDB dev-mode (it injects an outside iframe). */
export function openDatabase(name = 'fairsend'): Promise<FairsendDatabase> {
  opening ??= createFairsendDatabase(name, getRxStorageDexie());
  return opening;
}
