/**
 * Measures the suppression index at team scale: resident memory of 1,000,000 keys and lookups per second.
 * Not a test; run with `npx tsx --expose-gc bench/suppression-memory.ts [--warm] [--compare-set]`.
 * Targets (issue 4): ≤ 80 MB resident for 1,000,000 entries.
 */
import { performance } from 'node:perf_hooks';
import { SuppressionIndex } from '../shared/compliance/suppression-index';

const ENTRIES = 1_000_000;
const LOOKUPS = 200_000;
const gc = (globalThis as { gc?: () => void }).gc;

/** Deterministic 64-hex keys standing in for HMAC-SHA256 outputs (SplitMix32-style mixing). */
function* keys(count: number, seed: number): Generator<string> {
  let s = seed >>> 0;
  const word = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  for (let i = 0; i < count; i++) {
    let hex = '';
    for (let w = 0; w < 8; w++) hex += word();
    yield hex;
  }
}

function rss(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

// Queries first, so their strings are not counted against the index: half held keys, half absent ones.
const held = [...keys(LOOKUPS / 2, 1)];
const absent = [...keys(LOOKUPS / 2, 2)];
const queries = held.flatMap((k, i) => [k, absent[i]!]);

// --warm: churn short-lived strings first, so V8's young generation has already grown to full size (as
// in a long-running app) and the delta shows the index rather than the heap's growth. Off: a cold process.
if (process.argv.includes('--warm')) for (const _ of keys(ENTRIES, 9));
const before = rss();
const buffersBefore = process.memoryUsage().arrayBuffers;
const started = performance.now();
const index = new SuppressionIndex(ENTRIES);
for (const key of keys(ENTRIES, 1)) index.add(key);
const buildMs = performance.now() - started;
const after = rss();
const buffers = process.memoryUsage().arrayBuffers - buffersBefore;

let hits = 0;
for (const q of queries) if (index.has(q)) hits++; // warm-up
const t0 = performance.now();
hits = 0;
for (let round = 0; round < 5; round++) for (const q of queries) if (index.has(q)) hits++;
const lookupMs = performance.now() - t0;

console.log(`suppression index: ${index.size.toLocaleString('en')} entries`);
console.log(`  table            ${mb(index.byteLength)}`);
console.log(
  `  rss delta        ${mb(after - before)} (${process.argv.includes('--warm') ? 'warm' : 'cold'} heap)`,
);
console.log(`  array buffers    ${mb(buffers)}${gc ? '' : '  (run with --expose-gc for steadier figures)'}`);
console.log(`  build            ${(buildMs / 1000).toFixed(2)} s`);
console.log(
  `  lookups/s        ${Math.round((5 * queries.length) / (lookupMs / 1000)).toLocaleString('en')}`,
);
console.log(`  hit rate         ${(hits / (5 * queries.length)).toFixed(2)} (expected 0.50)`);

if (process.argv.includes('--compare-set')) {
  const setBefore = rss();
  const set = new Set<string>(keys(ENTRIES, 3));
  console.log(
    `plain Set<string> of ${set.size.toLocaleString('en')} hex keys: rss delta ${mb(rss() - setBefore)}`,
  );
}
