import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './db';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The numbered SQL files, in order; a gap or a repeated number is an error, not a silent skip. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match?.[1] || !match[2]) throw new Error(`Migration file not named NNN_name.sql: ${file}`);
    const version = Number(match[1]);
    if (version !== migrations.length + 1) throw new Error(`Migration ${file} is out of sequence`);
    migrations.push({ version, name: match[2], sql: await readFile(join(dir, file), 'utf8') });
  }
  return migrations;
}

/**
 * Brings the database up to `upTo` (default: the last file). Each migration runs in its own transaction with
 * its row in `schema_migrations`; an advisory lock makes several instances starting at once take turns.
 * Returns the versions it applied.
 */
export async function migrate(db: Db, options: { upTo?: number; dir?: string } = {}): Promise<number[]> {
  const migrations = await loadMigrations(options.dir);
  const target = options.upTo ?? migrations.length;
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version <= target)) {
    const done = await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.fairsend_migrations'))`);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

export async function schemaVersion(db: Db): Promise<number> {
  const [row] = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return row?.version ?? 0;
}
