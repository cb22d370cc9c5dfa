/**
 * `npm run bench -- --only gate` (issue 4): gate throughput and p99 on one thread (throughput.ts) and the resident
 * memory of a 1,000,000-entry SuppressionIndex (memory.ts), each in a fresh child process.
 * Run by hand: `node_modules/node/bin/node --import tsx bench/gate/run.ts [--repeats N]`.
 */
import { median } from '../../scripts/lib/figures.mjs';
import { argValue, emitFigures, type Figure, loadAverage, watchdog } from '../lib/child';
import { runChild } from '../lib/ipc';
import type { MemoryRun } from './memory';
import type { GatePass, ThroughputRun } from './throughput';

watchdog(240, 'gate bench');
const loadBefore = loadAverage();
const repeats = argValue('repeats') ?? '7';
const t = await runChild<ThroughputRun>(
  new URL('./throughput.ts', import.meta.url),
  ['--repeats', repeats],
  180_000,
);
const loadAfter = loadAverage();
const warm = await runChild<MemoryRun>(new URL('./memory.ts', import.meta.url), ['--warm'], 60_000, [
  '--expose-gc',
]);
const cold = await runChild<MemoryRun>(new URL('./memory.ts', import.meta.url), [], 60_000, ['--expose-gc']);

const rate = (passes: GatePass[]) => median(passes.map((p) => p.perS));
const p99 = (passes: GatePass[]) => median(passes.map((p) => p.p99));
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const mix = Object.entries(t.outcomes)
  .map(([k, v]) => `${k} ${v}`)
  .join(', ');
const per = `${t.drafts.toLocaleString('en')} drafts × ${t.passes.length} passes`;
console.log(`  passes: ${t.passes.map((p) => `${fmt(p.perS)}/s p99 ${p.p99.toFixed(3)} ms`).join(' | ')}`);
const figures: Figure[] = [
  {
    id: 'gate.decisions_per_s',
    value: rate(t.passes),
    unit: 'decisions/s',
    target: 10_000,
    note:
      `one thread; HMAC address+domain (team-key.ts) + decide() with cached MX/sender-auth + token + assembleMessage for those that pass; ` +
      `${per}, median; vs ${fmt(t.entries)}-entry index; outcomes ${mix}; ` +
      `best pass ${fmt(Math.max(...t.passes.map((p) => p.perS)))}/s; ` +
      `load ${loadBefore} → ${loadAfter}`,
  },
  {
    id: 'gate.decision.p99_ms',
    value: p99(t.passes),
    unit: 'ms',
    target: 1,
    note: `per draft, same passes; median of the passes' p99; p50 ${median(t.passes.map((p) => p.p50)).toFixed(3)} ms, worst single draft ${Math.max(...t.passes.map((p) => p.max)).toFixed(1)} ms`,
  },
  {
    id: 'suppression.1m.rss_mb',
    value: warm.rssDeltaMiB,
    unit: 'MB',
    target: 80,
    note:
      `rss after building minus before (MiB), fresh process, warm heap (--warm), gc'd; table ${warm.tableMiB.toFixed(1)}; ` +
      `cold heap ${cold.rssDeltaMiB.toFixed(1)}; build ${(warm.buildMs / 1000).toFixed(1)} s incl. key generation; ${fmt(warm.lookupsPerS)} lookups/s`,
  },
];
emitFigures(figures);
