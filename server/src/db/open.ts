import { join } from 'node:path';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPgDb } from './pg-db';
import { openPgliteDb } from './pglite-db';

export interface StorageConfig {
  databaseUrl: string | null;
  dataDir: string;
}

/** PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR; migrated to the latest version either way. */
export async function openDb(config: StorageConfig): Promise<Db> {
  const db = config.databaseUrl
    ? await openPgDb({ connectionString: config.databaseUrl })
    : await openPgliteDb(join(config.dataDir, 'pglite'));
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
