import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPgDb } from '../db/pg-db';
import { openPgliteDb } from '../db/pglite-db';

/** The real PostgreSQL the tests use (npm test sets FAIRSEND_PG_URL); unreachable is a failure, never a skip. */
export const PG_URL = process.env.FAIRSEND_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Backend = 'pglite' | 'postgres';
/**
 * How long opening a test database may take: a PGlite starts in ~2 s on an idle machine but took 39 s on this
 * 2-core one under a load of 20, so suites open one per file (beforeAll) and allow this much.
 */
export const OPEN_TIMEOUT_MS = 240_000;
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

export interface TestDb {
  db: Db;
  /** the schema this run works in (PostgreSQL), so runs never collide */
  schema: string | null;
  /** a connection string that lands in the same schema (for child processes) */
  url: string | null;
  dispose(): Promise<void>;
}

/** An empty database: PGlite in memory, or a fresh schema of its own in the real PostgreSQL. */
export async function openTestDb(backend: Backend, options: { migrated?: boolean } = {}): Promise<TestDb> {
  let testDb: TestDb;
  if (backend === 'pglite') {
    const db = await openPgliteDb(null);
    testDb = { db, schema: null, url: null, dispose: () => db.close() };
  } else {
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const db = await openPgDb({ connectionString: PG_URL, schema, max: 4 });
    testDb = {
      db,
      schema,
      url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      dispose: async () => {
        await db.close();
        await dropSchema(schema);
      },
    };
  }
  if (options.migrated !== false) await migrate(testDb.db);
  return testDb;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
