import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';

/** PGlite (embedded PostgreSQL): in a data folder, or in memory when `dataDir` is null (tests). */
export async function openPgliteDb(dataDir: string | null): Promise<Db> {
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const on = (client: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      return (await client.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await client.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...on(lite),
    transaction: (work) => lite.transaction((tx) => work(on(tx))),
    close: () => lite.close(),
  };
}
