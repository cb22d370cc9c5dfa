import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { loadMigrations, migrate, schemaVersion } from './migrate';

async function tables(t: TestDb): Promise<string[]> {
  const rows = await t.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe.each(BACKENDS)('migrations on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend, { migrated: false });
  }, OPEN_TIMEOUT_MS);
  afterAll(() => t?.dispose());

  it('001 makes the account tables, and nothing of 002', async () => {
    expect(await migrate(t.db, { upTo: 1 })).toEqual([1]);
    expect(await tables(t)).toEqual(['devices', 'invites', 'members', 'schema_migrations', 'teams']);
    expect(await schemaVersion(t.db)).toBe(1);
  });

  it('002 adds suppression, audit and the per-team order counters', async () => {
    expect(await migrate(t.db, { upTo: 2 })).toEqual([2]);
    expect(await tables(t)).toEqual([
      'audit',
      'devices',
      'invites',
      'members',
      'schema_migrations',
      'suppression',
      'team_counters',
      'teams',
    ]);
    const orderType = await t.db.query<{ data_type: string }>(
      `SELECT data_type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name IN ('suppression', 'audit') AND column_name = 'server_order'`,
    );
    expect(orderType.map((r) => r.data_type)).toEqual(['bigint', 'bigint']);
  });

  it('is idempotent: a second run applies nothing new', async () => {
    await migrate(t.db);
    expect(await migrate(t.db)).toEqual([]);
    expect(await schemaVersion(t.db)).toBe((await loadMigrations()).length);
  });

  it('refuses a suppression key that is not a hex HMAC (never a plaintext address)', async () => {
    await t.db.query(`INSERT INTO teams (id, name, team_key) VALUES ('tm', 'T', $1)`, ['a'.repeat(64)]);
    await expect(
      t.db.query(
        `INSERT INTO suppression (team_id, id, kind, reason, source, server_order)
         VALUES ('tm', 'jane@example.com', 'address', 'manual', 'test', 1)`,
      ),
    ).rejects.toThrow();
  });
});

describe('migration files', () => {
  it('are numbered without gaps', async () => {
    const all = await loadMigrations();
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
  });

  it('a gap in the numbers is an error, not a silent skip', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-migrations-'));
    await writeFile(join(dir, '001_a.sql'), 'SELECT 1;');
    await writeFile(join(dir, '003_c.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(/out of sequence/);
  });
});
