/**
 * `sync.push_audit.100k_ms`: one desktop pushes 100,000 audit events of its own chain (made with the desktop's
 * chain code, shared/audit/chain.ts), 1,000 a push (the most the server takes), one push after another over
 * loopback HTTP, as RxDB's push queue sends them. Timed from the first push to the last answer; then the rows
 * are counted with a query of our own.
 */
import { chainEvents } from '../../server/src/replication/testing/sync-world';
import { LIMITS, syncPath } from '../../shared/team/replication';
import { type BenchServer, call } from './world';

export interface PushMeasure {
  ms: number;
  pushes: number;
  perPushMs: number[];
  stored: number;
  /** this process's CPU time while pushing: the server's and the client's (PostgreSQL's own not counted) */
  cpuMs: number;
}

export async function pushAudit(server: BenchServer, count: number): Promise<PushMeasure> {
  const device = await server.member('rep');
  const events = await chainEvents(device.deviceId, count);
  const batches: unknown[][] = [];
  for (let i = 0; i < events.length; i += LIMITS.maxPushRows) {
    batches.push(
      events.slice(i, i + LIMITS.maxPushRows).map((e) => ({ newDocumentState: { ...e, _deleted: false } })),
    );
  }
  const perPushMs: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const rows of batches) {
    const t0 = performance.now();
    const conflicts = await call<unknown[]>(server.base, device.token, syncPath('audit', 'push'), rows);
    perPushMs.push(performance.now() - t0);
    if (conflicts.length) throw new Error(`the audit push answered ${conflicts.length} conflicts`);
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const [row] = await server.t.db.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM audit WHERE team_id = $1 AND device_id = $2',
    [server.team.teamId, device.deviceId],
  );
  const stored = Number(row!.n);
  if (stored !== count) throw new Error(`the server holds ${stored} of ${count} pushed events`);
  return { ms, pushes: batches.length, perPushMs, stored, cpuMs: (used.user + used.system) / 1000 };
}
