/**
 * `npm run bench -- --only stats` (issue 11): `stats.query.1m_ms`, a manager's 30-day `GET /v1/stats` over a team
 * whose audit log holds 1,000,000 events (50 reps), answered from the rollup. On the real PostgreSQL
 * (FAIRSEND_PG_URL, a schema of its own, dropped after) and on PGlite in memory (the single-instance default).
 * Run by hand: `node_modules/node/bin/node --import tsx bench/stats/run.ts [--events N] [--backends postgres]`.
 */
import { median } from '../../scripts/lib/figures.mjs';
import { buildApp } from '../../server/src/app';
import { member } from '../../server/src/replication/testing/sync-world';
import { readStats } from '../../server/src/stats/query';
import { type Backend, openTestDb } from '../../server/src/testing/backends';
import { bearer, makeTeam } from '../../server/src/testing/fixtures';
import { argValue, emitFigures, type Figure, loadAverage, watchdog } from '../lib/child';
import { checkSeedMapping, seedStats } from './seed';

watchdog(1500, 'stats bench');
const EVENTS = Number(argValue('events') ?? 1_000_000);
const REPS = 50;
const RUNS = 9;
const backends = (argValue('backends') ?? 'postgres,pglite').split(',') as Backend[];

interface Measured {
  backend: Backend;
  seedS: number;
  routeMs: number[];
  queryMs: number[];
  rollupRows: number;
  bytes: number;
  load: string;
}

async function measure(backend: Backend): Promise<Measured> {
  const t = await openTestDb(backend);
  try {
    const team = await makeTeam(t.db, 'Bench');
    const manager = await member(t.db, team, 'manager');
    const lastDay = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const seeded = performance.now();
    await seedStats(t.db, team.teamId, EVENTS, REPS, lastDay);
    const seedS = (performance.now() - seeded) / 1000;
    await checkSeedMapping(t.db, team.teamId);
    const [rows] = await t.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM stats_daily WHERE team_id = $1',
      [team.teamId],
    );
    const app = await buildApp({ db: t.db, logLevel: false, limits: { perMinute: 100_000 } });
    try {
      const url = `/v1/stats?from=${from}&to=${lastDay}`;
      const call = () => app.inject({ method: 'GET', url, headers: bearer(manager.token) });
      const warm = await call(); // the device token's Argon2id check is remembered after the first call
      if (warm.statusCode !== 200)
        throw new Error(`stats answered ${warm.statusCode}: ${warm.body.slice(0, 200)}`);
      const total = (warm.json().value.days as { sent: number }[]).reduce((s, d) => s + d.sent, 0);
      if (total < EVENTS * 0.5) throw new Error(`the answer counts ${total} sends of ${EVENTS} events`);
      await call();
      const routeMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const answer = await call();
        routeMs.push(performance.now() - started);
        if (answer.statusCode !== 200) throw new Error(`stats answered ${answer.statusCode}`);
      }
      const caller = {
        teamId: team.teamId,
        memberId: manager.memberId,
        deviceId: manager.deviceId,
        role: 'manager' as const,
      };
      const queryMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await readStats(t.db, caller, from, lastDay);
        queryMs.push(performance.now() - started);
      }
      return {
        backend,
        seedS,
        routeMs,
        queryMs,
        rollupRows: Number(rows!.n),
        bytes: warm.body.length,
        load: loadAverage(),
      };
    } finally {
      await app.close();
    }
  } finally {
    await t.dispose();
  }
}

const results: Measured[] = [];
for (const backend of backends) {
  console.log(`  stats: seeding ${EVENTS.toLocaleString('en')} events on ${backend}…`);
  const m = await measure(backend);
  console.log(
    `  stats ${backend}: route ${m.routeMs.map((v) => v.toFixed(1)).join(' ')} ms; query ${median(m.queryMs).toFixed(1)} ms; seed ${m.seedS.toFixed(0)} s`,
  );
  results.push(m);
}

const summary = (m: Measured) =>
  `${m.backend}: median ${median(m.routeMs).toFixed(1)} ms of ${RUNS} (max ${Math.max(...m.routeMs).toFixed(1)}), ` +
  `the SQL alone ${median(m.queryMs).toFixed(1)} ms, ${m.rollupRows.toLocaleString('en')} rollup rows, ` +
  `${Math.round(m.bytes / 1024)} KB answer, seeded in ${m.seedS.toFixed(0)} s, load ${m.load}`;
const primary = results.find((r) => r.backend === 'postgres') ?? results[0]!;
const figures: Figure[] = [
  {
    id: 'stats.query.1m_ms',
    value: median(primary.routeMs),
    unit: 'ms',
    target: 200,
    note:
      `GET /v1/stats (app.inject, auth included) for a manager, 30 days, ${REPS} reps, ` +
      `${EVENTS.toLocaleString('en')} audit events seeded with generate_series; ${results.map(summary).join('; ')}`,
  },
];
const pglite = results.find((r) => r.backend === 'pglite');
if (pglite && primary !== pglite) {
  figures.push({
    id: 'stats.query.1m_pglite_ms',
    value: median(pglite.routeMs),
    unit: 'ms',
    target: 200,
    note: `the same on PGlite (the single-instance default): ${summary(pglite)}`,
  });
}
emitFigures(figures);
