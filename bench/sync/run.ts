/**
 * `npm run bench -- --only sync` (issue 11): the team server's replication under load, the real server listening
 * on loopback, on the real PostgreSQL (FAIRSEND_PG_URL, a schema of its own, dropped after) and on PGlite in
 * memory (the single-instance default). By hand:
 * `node_modules/node/bin/node --import tsx bench/sync/run.ts [--backends postgres,pglite] [--events N]
 *  [--optouts N] [--clients N] [--entries N] [--runs N]`.
 */
import { median } from '../../scripts/lib/figures.mjs';
import type { Backend } from '../../server/src/testing/backends';
import { argValue, emitFigures, type Figure, loadAverage, quantile, watchdog } from '../lib/child';
import { unsubscribePropagation } from './propagation';
import { clientsFor, pullInChild, seedSuppression } from './pull';
import { pushAudit } from './push-audit';
import { benchServer } from './world';

watchdog(1500, 'sync bench');
const EVENTS = Number(argValue('events') ?? 100_000);
const OPTOUTS = Number(argValue('optouts') ?? 200);
const CLIENTS = Number(argValue('clients') ?? 50);
const ENTRIES = Number(argValue('entries') ?? 10_000);
const RUNS = Number(argValue('runs') ?? 3);
const backends = (argValue('backends') ?? 'postgres,pglite').split(',') as Backend[];

interface Measured {
  backend: Backend;
  propagation: number[];
  propagationLoad: string;
  pushMs: number[];
  pushSlowest: number;
  pushCpuMs: number[];
  pushLoad: string;
  pullMs: number[];
  pullPages: number;
  pullClientCpuMs: number[];
  /** the server process's CPU time a run (Node; PostgreSQL's own processes not counted) */
  pullServerCpuMs: number;
  pullLoad: string;
}

const f0 = (v: number) => v.toFixed(0);

async function measure(backend: Backend): Promise<Measured> {
  const propagation: number[] = [];
  const pushMs: number[] = [];
  const pushCpuMs: number[] = [];
  const pullMs: number[] = [];
  let pushSlowest = 0;
  let pullPages = 0;
  const pullClientCpuMs: number[] = [];
  let pullServerCpuMs = 0;
  {
    const server = await benchServer(backend);
    try {
      propagation.push(...(await unsubscribePropagation(server, OPTOUTS)).ms);
    } finally {
      await server.close();
    }
  }
  const propagationLoad = loadAverage();
  console.log(
    `  sync ${backend}: opt-out to RxDB p50 ${f0(quantile(propagation, 0.5))} ms, p99 ${f0(quantile(propagation, 0.99))} ms (${propagationLoad})`,
  );
  for (let run = 0; run < RUNS; run++) {
    const server = await benchServer(backend); // a fresh database each run: every push starts a new chain
    try {
      const m = await pushAudit(server, EVENTS);
      pushMs.push(m.ms);
      pushCpuMs.push(m.cpuMs);
      pushSlowest = Math.max(pushSlowest, ...m.perPushMs);
      console.log(`  sync ${backend}: ${EVENTS} audit events in ${m.pushes} pushes: ${f0(m.ms)} ms`);
    } finally {
      await server.close();
    }
  }
  const pushLoad = loadAverage();
  {
    const server = await benchServer(backend);
    try {
      await seedSuppression(server, ENTRIES);
      const tokens = await clientsFor(server, CLIENTS);
      const cpu = process.cpuUsage();
      for (const m of await pullInChild(server, tokens, ENTRIES, RUNS)) {
        pullMs.push(m.ms);
        pullPages = m.pages;
        pullClientCpuMs.push(m.cpuMs);
        console.log(`  sync ${backend}: ${CLIENTS} clients × ${ENTRIES} entries at once: ${f0(m.ms)} ms`);
      }
      const used = process.cpuUsage(cpu);
      pullServerCpuMs = (used.user + used.system) / 1000 / RUNS;
    } finally {
      await server.close();
    }
  }
  return {
    backend,
    propagation,
    propagationLoad,
    pushMs,
    pushSlowest,
    pushCpuMs,
    pushLoad,
    pullMs,
    pullPages,
    pullClientCpuMs,
    pullServerCpuMs,
    pullLoad: loadAverage(),
  };
}

const results: Measured[] = [];
for (const backend of backends) results.push(await measure(backend));

const list = (values: number[]) => values.map(f0).join(', ');
const primary = results.find((r) => r.backend === 'postgres') ?? results[0]!;
const others = results.filter((r) => r !== primary);
const propagationNote = (m: Measured) =>
  `${m.backend}: p50 ${f0(quantile(m.propagation, 0.5))}, p99 ${f0(quantile(m.propagation, 0.99))}, max ${f0(Math.max(...m.propagation))} ms (load ${m.propagationLoad})`;
const pushNote = (m: Measured) =>
  `${m.backend}: median ${f0(median(m.pushMs))} ms of ${list(m.pushMs)}, slowest push ${f0(m.pushSlowest)} ms, Node CPU ${f0(median(m.pushCpuMs))} ms (load ${m.pushLoad})`;
const pullNote = (m: Measured) =>
  `${m.backend}: median ${f0(median(m.pullMs))} ms of ${list(m.pullMs)}, ${m.pullPages} pages a run, CPU a run: server process ${f0(m.pullServerCpuMs)} ms, clients ${f0(median(m.pullClientCpuMs))} ms (load ${m.pullLoad})`;
const all = <T>(note: (m: Measured) => T) => [primary, ...others].map(note).join('; ');

const propagationWhat =
  `from POST /u/:token (a token minted by the desktop's keyring with the team key) to the entry in a joined ` +
  `desktop's RxDB (memory storage, Node), through main's team service and live stream and the renderer's ` +
  `replication (team-sync.ts), ${OPTOUTS} opt-outs one after another`;
const figures: Figure[] = [
  {
    id: 'sync.unsubscribe_propagation.p50_ms',
    value: quantile(primary.propagation, 0.5),
    unit: 'ms',
    target: null,
    note: `${propagationWhat}; ${all(propagationNote)}`,
  },
  {
    id: 'sync.unsubscribe_propagation.p99_ms',
    value: quantile(primary.propagation, 0.99),
    unit: 'ms',
    target: 1000,
    note: `the same, 99th percentile; ${all(propagationNote)}`,
  },
  {
    id: 'sync.push_audit.100k_ms',
    value: median(primary.pushMs),
    unit: 'ms',
    target: 10_000,
    note:
      `one device pushes ${EVENTS.toLocaleString('en')} audit events of one hash chain (shared/audit/chain.ts), ` +
      `${1000} a push, one after another over loopback HTTP, checked and stored with the stats rollup; ` +
      `median of ${RUNS} fresh databases; ${all(pushNote)}`,
  },
  {
    id: 'sync.pull.50_clients_ms',
    value: median(primary.pullMs),
    unit: 'ms',
    target: 5000,
    note:
      `${CLIENTS} devices pull all ${ENTRIES.toLocaleString('en')} suppression entries at once, pages of 1,000 ` +
      `over loopback HTTP from a client process of their own (tokens checked once before); median of ${RUNS}; ${all(pullNote)}`,
  },
];
emitFigures(figures);
