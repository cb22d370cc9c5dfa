import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { BACKENDS, openTestDb, type TestDb } from '../testing/backends';

describe.each(BACKENDS)('migration 003 (replication) on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend, { migrated: false });
    await migrate(t.db, { upTo: 2 });
    await t.db.query(`INSERT INTO teams (id, name, team_key) VALUES ('tm', 'T', $1)`, ['a'.repeat(64)]);
    await t.db.query(
      `INSERT INTO members (team_id, id, email, role) VALUES ('tm', 'm1', 'o@t.test', 'owner')`,
    );
  }, 180_000);
  afterAll(() => t?.dispose());

  it('applies, and turns members that were already there into team documents', async () => {
    expect(await migrate(t.db, { upTo: 3 })).toEqual([3]);
    const docs = await t.db.query<{ id: string; value: unknown; deleted: boolean; server_order: string }>(
      `SELECT id, value, deleted, server_order::text FROM team_docs WHERE team_id = 'tm'`,
    );
    expect(docs).toEqual([
      {
        id: 'member:m1',
        value: { memberId: 'm1', email: 'o@t.test', role: 'owner' },
        deleted: false,
        server_order: '1',
      },
    ]);
  });

  it('keeps the member documents in step: a new member, a role change, a removal, each with a newer stamp', async () => {
    await t.db.query(`INSERT INTO members (team_id, id, email, role) VALUES ('tm', 'm2', 'r@t.test', 'rep')`);
    await t.db.query(`UPDATE members SET role = 'manager' WHERE team_id = 'tm' AND id = 'm2'`);
    await t.db.query(`UPDATE members SET removed_at = now() WHERE team_id = 'tm' AND id = 'm2'`);
    const [doc] = await t.db.query<{ value: { role: string }; deleted: boolean; server_order: string }>(
      `SELECT value, deleted, server_order::text FROM team_docs WHERE team_id = 'tm' AND id = 'member:m2'`,
    );
    expect(doc).toEqual({
      value: expect.objectContaining({ role: 'manager' }),
      deleted: true,
      server_order: '4',
    });
    const [counter] = await t.db.query<{ last_order: string }>(
      `SELECT last_order::text FROM team_counters WHERE team_id = 'tm' AND collection = 'team'`,
    );
    expect(counter?.last_order).toBe('4');
  });

  it('has a NOTIFY trigger on every replicated table', async () => {
    const triggers = await t.db.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger JOIN pg_class c ON c.oid = tgrelid
       WHERE c.relnamespace = current_schema()::regnamespace AND tgname LIKE '%_notify' AND NOT tgisinternal
       ORDER BY tgname`,
    );
    expect(triggers.map((r) => r.tgname)).toEqual(['audit_notify', 'suppression_notify', 'team_docs_notify']);
  });
});
