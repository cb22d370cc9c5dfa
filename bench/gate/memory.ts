/**
 * The suppression index at team scale: resident memory of 1,000,000 keys, and lookups per second.
 * Run in a fresh process: `node_modules/node/bin/node --expose-gc --import tsx bench/gate/memory.ts [--warm]
 * [--compare-set] [--entries N]`; the gate group forks it with --warm and takes its figure over IPC.
 * Target (issue 4): ≤ 80 MB resident for 1,000,000 entries.
 */
import { performance } from 'node:perf_hooks';
import { SuppressionIndex } from '../../shared/compliance/suppression-index';
import { syntheticKeys } from '../../shared/compliance/testing/synthetic-keys';
import { argValue, exitWithParent, watchdog } from '../lib/child';
import { answerParent } from '../lib/ipc';

export interface MemoryRun {
  entries: number;
  warm: boolean;
  gc: boolean;
  rssDeltaMiB: number;
  tableMiB: number;
  arrayBuffersMiB: number;
  buildMs: number;
  lookupsPerS: number;
  hitRate: number;
  setRssDeltaMiB?: number;
}

exitWithParent();
watchdog(90, 'suppression memory bench');
const ENTRIES = Number(argValue('entries') ?? 1_000_000);
const LOOKUPS = 200_000;
const warm = process.argv.includes('--warm');
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => bytes / 1024 / 1024;

function rss(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

// Queries first, so their strings are not counted against the index: half held keys, half absent ones.
const held = [...syntheticKeys(LOOKUPS / 2, 1)];
const absent = [...syntheticKeys(LOOKUPS / 2, 2)];
const queries = held.flatMap((k, i) => [k, absent[i]!]);

// --warm: churn short-lived strings first, so V8's young generation has already grown to full size (as
// in a long-running app) and the delta shows the index rather than the heap's growth. Off: a cold process.
if (warm) for (const _ of syntheticKeys(ENTRIES, 9));
const before = rss();
const buffersBefore = process.memoryUsage().arrayBuffers;
const started = performance.now();
const index = new SuppressionIndex(ENTRIES);
for (const key of syntheticKeys(ENTRIES, 1)) index.add(key);
const buildMs = performance.now() - started;
const after = rss();
const buffers = process.memoryUsage().arrayBuffers - buffersBefore;

let hits = 0;
for (const q of queries) if (index.has(q)) hits++; // warm-up
const t0 = performance.now();
hits = 0;
for (let round = 0; round < 5; round++) for (const q of queries) if (index.has(q)) hits++;
const lookupMs = performance.now() - t0;

const run: MemoryRun = {
  entries: index.size,
  warm,
  gc: gc !== undefined,
  rssDeltaMiB: mib(after - before),
  tableMiB: mib(index.byteLength),
  arrayBuffersMiB: mib(buffers),
  buildMs,
  lookupsPerS: (5 * queries.length) / (lookupMs / 1000),
  hitRate: hits / (5 * queries.length),
};

if (process.argv.includes('--compare-set')) {
  const setBefore = rss();
  const set = new Set<string>(syntheticKeys(ENTRIES, 3));
  run.setRssDeltaMiB = mib(rss() - setBefore);
  if (set.size !== ENTRIES) throw new Error('Set lost keys');
}

if (process.send) await answerParent(run);
else {
  console.log(`suppression index: ${run.entries.toLocaleString('en')} entries`);
  console.log(`  table            ${run.tableMiB.toFixed(1)} MiB`);
  console.log(`  rss delta        ${run.rssDeltaMiB.toFixed(1)} MiB (${warm ? 'warm' : 'cold'} heap)`);
  console.log(
    `  array buffers    ${run.arrayBuffersMiB.toFixed(1)} MiB${gc ? '' : '  (run with --expose-gc for steadier figures)'}`,
  );
  console.log(`  build            ${(buildMs / 1000).toFixed(2)} s`);
  console.log(`  lookups/s        ${Math.round(run.lookupsPerS).toLocaleString('en')}`);
  console.log(`  hit rate         ${run.hitRate.toFixed(2)} (expected 0.50)`);
  if (run.setRssDeltaMiB !== undefined)
    console.log(
      `plain Set<string> of ${ENTRIES.toLocaleString('en')} hex keys: rss delta ${run.setRssDeltaMiB.toFixed(1)} MiB`,
    );
}
