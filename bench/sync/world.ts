/**
 * The sync bench's server: the real team server (server/src/app.ts) listening on a loopback port, on PGlite in
 * memory or on a schema of its own in the real PostgreSQL, with a team and its owner. Rate limits are raised so
 * the bench's hundreds of calls a minute from one address are not refused (each client is one desktop).
 */
import { buildApp } from '../../server/src/app';
import { member } from '../../server/src/replication/testing/sync-world';
import { type Backend, openTestDb, type TestDb } from '../../server/src/testing/backends';
import { makeTeam, type TestTeam } from '../../server/src/testing/fixtures';

export interface BenchServer {
  backend: Backend;
  t: TestDb;
  base: string;
  team: TestTeam;
  member: (role?: 'rep' | 'manager') => ReturnType<typeof member>;
  close(): Promise<void>;
}

export async function benchServer(backend: Backend): Promise<BenchServer> {
  const t = await openTestDb(backend);
  const app = await buildApp({
    db: t.db,
    logLevel: false,
    limits: { perMinute: 1_000_000, unsubscribePerMinute: 1_000_000, joinPerMinute: 1_000_000 },
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const team = await makeTeam(t.db, 'Bench');
  return {
    backend,
    t,
    base,
    team,
    member: (role = 'rep') => member(t.db, team, role),
    async close() {
      await app.close();
      await t.dispose();
    },
  };
}

/** JSON from the server through real HTTP; a refusal throws with the server's words */
export async function call<T>(base: string, token: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${path} answered ${response.status}: ${answer.error?.message}`);
  return answer.value;
}
