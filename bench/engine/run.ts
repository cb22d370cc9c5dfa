/**
 * `npm run bench -- --only engine` (issue 10): the pure sequence engine in Node 24, one thread.
 * - engine.tick.100k_ms: find the due set in 100,000 active enrollments (the `[status, nextSendAt]` index
 *   read, modelled as a binary search and slice of a sorted array) and plan one tick of a minute.
 * - engine.forecast.10k_14d_ms: the 14-day forecast of 10,000 enrollments.
 * - templates.renders_per_s: a typical five-variable HTML template rendered for varied leads.
 * Run by hand: `node_modules/node/bin/node --import tsx bench/engine/run.ts`.
 */
import { median } from '../../scripts/lib/figures.mjs';
import { forecast } from '../../shared/sequences/forecast';
import { planTick } from '../../shared/sequences/planner';
import { compileTemplate, renderTemplate } from '../../shared/sequences/templates/engine';
import { templateScope } from '../../shared/sequences/templates/scope';
import type { TickPlan } from '../../shared/sequences/types';
import { emitFigures, type Figure, loadAverage, quantile, watchdog } from '../lib/child';
import { dueSlice, engineWorld, TYPICAL_TEMPLATE, templateLeads } from './workload';

watchdog(240, 'engine bench');
const loadBefore = loadAverage();
/** Tuesday 2026-03-10, 10:00 in New York and 16:00 in Berlin: windows open on both sides. */
const NOW = Date.parse('2026-03-10T14:00:00Z');
const TICK_MS = 60_000;

type World = ReturnType<typeof engineWorld>;

/** One tick as the runner runs it: the index slice, then the plan. */
function tickOnce(world: World, now: number, seed: number) {
  const started = performance.now();
  const slice = dueSlice(world.index, now + TICK_MS);
  const plan = planTick({
    now,
    horizonMs: TICK_MS,
    due: slice,
    sequences: world.sequences,
    mailboxes: world.mailboxes,
    repTimeZone: 'America/New_York',
    jitterSeed: seed,
  });
  return { ms: performance.now() - started, due: slice.length, plan };
}

/** Median of `runs` ticks over the same state (the planner is pure), after three warm-up ticks. */
function timeTicks(world: World, now: number, runs: number) {
  const times: number[] = [];
  let last: ReturnType<typeof tickOnce> | undefined;
  for (let i = 0; i < runs + 3; i++) {
    last = tickOnce(world, now, i);
    if (i >= 3) times.push(last.ms); // the first compiles and fills the zone caches
  }
  return { median: median(times), p90: quantile(times, 0.9), due: last!.due, sends: last!.plan.sends.length };
}

/** What the runner writes after a tick: sends advance, waits with a time move, the rest stay due. */
function applyAsRunner(world: World, plan: TickPlan): void {
  const byId = new Map(world.index.map((e) => [e.id, e]));
  for (const send of plan.sends) {
    const e = byId.get(send.enrollmentId)!;
    if (send.next) Object.assign(e, { step: send.next.step, nextSendAt: send.next.dueAt, isFollowUp: true });
    else byId.delete(e.id);
    const mailbox = world.mailboxes.get(send.mailboxId)!;
    Object.assign(mailbox, { sentToday: mailbox.sentToday + 1, lastSentAt: send.at });
  }
  for (const wait of plan.waits) {
    if (wait.until === null) byId.delete(wait.enrollmentId);
    else if (wait.reason !== 'pacing') byId.get(wait.enrollmentId)!.nextSendAt = wait.until;
  }
  world.index = [...byId.values()].sort((a, b) => a.nextSendAt - b.nextSendAt || (a.id < b.id ? -1 : 1));
}

/** Ticks a minute apart after the morning's first, each written back as the runner would: every tick all day. */
function runDay(world: World, minutes: number) {
  const times: number[] = [];
  let due = 0;
  let sends = 0;
  for (let minute = 1; minute <= minutes; minute++) {
    const tick = tickOnce(world, NOW + minute * TICK_MS, minute);
    times.push(tick.ms);
    due += tick.due;
    sends += tick.plan.sends.length;
    applyAsRunner(world, tick.plan);
  }
  return { median: median(times), p90: quantile(times, 0.9), due: due / minutes, sends };
}

/** The morning's first tick (20% of 100,000 due at once), then 30 minutes of ticks after it; and a launch. */
function timeTick() {
  const world = engineWorld(100_000, NOW, 0.2);
  const burst = timeTicks(world, NOW, 15);
  applyAsRunner(world, tickOnce(world, NOW, 0).plan);
  const steady = runDay(world, 30);
  const launch = timeTicks(engineWorld(100_000, NOW, 1), NOW, 7);
  return { burst, steady, launch };
}

function timeForecast(runs: number) {
  const world = engineWorld(10_000, NOW, 0.3, 9);
  const times: number[] = [];
  let result: ReturnType<typeof forecast> | undefined;
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    result = forecast({
      now: NOW,
      enrollments: world.index,
      sequences: world.sequences,
      mailboxes: world.mailboxes,
      repTimeZone: 'America/New_York',
    });
    if (i >= 2) times.push(performance.now() - started); // two warm-ups: holiday years, zone caches, JIT
  }
  const sent = result!.days.reduce((sum, d) => sum + d.total, 0);
  const short = result!.days.filter((d) => d.short.length).length;
  return { median: median(times), sent, short, unfinished: result!.unfinished };
}

function rendersPerSecond(passes: number) {
  const compiled = compileTemplate(TYPICAL_TEMPLATE, 'html');
  if (!compiled.ok) throw new Error(compiled.problem.message);
  const scopes = templateLeads(1000).map((lead) => templateScope(lead, { first_name: 'Sam' }));
  const rates: number[] = [];
  let bytes = 0;
  for (let pass = 0; pass < passes + 1; pass++) {
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < 1000) {
      for (const scope of scopes) {
        const out = renderTemplate(compiled.value, scope);
        if (!out.ok) throw new Error(out.problem.message);
        bytes = out.value.length;
      }
      count += scopes.length;
    }
    if (pass >= 1) rates.push(count / ((performance.now() - started) / 1000));
  }
  return { median: median(rates), best: Math.max(...rates), bytes };
}

const tick = timeTick();
const fc = timeForecast(7);
const renders = rendersPerSecond(5);
const loadAfter = loadAverage();
const figures: Figure[] = [
  {
    id: 'engine.tick.100k_ms',
    value: tick.burst.median,
    unit: 'ms',
    target: 50,
    note:
      `index slice + planTick (1-min horizon) over 100,000 active enrollments, 20 mailboxes (one paused), 5 sequences, 13 zones; ` +
      `the morning's first tick, ${tick.burst.due.toLocaleString('en')} due at once (20%): median of 15, p90 ${tick.burst.p90.toFixed(1)} ms. ` +
      `The 30 one-minute ticks after it (each written back as the runner does): ${Math.round(tick.steady.due).toLocaleString('en')} due a tick on average, ` +
      `${tick.steady.sends} sends in all, median ${tick.steady.median.toFixed(1)} ms, p90 ${tick.steady.p90.toFixed(1)} ms; ` +
      `all 100,000 due (a launch): median ${tick.launch.median.toFixed(1)} ms; load ${loadBefore} → ${loadAfter}`,
  },
  {
    id: 'engine.forecast.10k_14d_ms',
    value: fc.median,
    unit: 'ms',
    target: 500,
    note: `forecast() of 10,000 enrollments (30% due now, 3 steps) over 14 days; ${fc.sent.toLocaleString('en')} sends planned, ${fc.short} days flagged short, ${fc.unfinished.toLocaleString('en')} unfinished after 14 days; median of 7 after 2 warm-ups`,
  },
  {
    id: 'templates.renders_per_s',
    value: renders.median,
    unit: 'renders/s',
    target: 20_000,
    note: `liquidjs renderSync of a parsed five-variable HTML body (${renders.bytes} chars out, values escaped) over 1,000 leads, one thread; median of 5 one-second passes, best ${Math.round(renders.best).toLocaleString('en')}/s`,
  },
];
for (const f of figures) console.log(`  ${f.id}: ${f.value.toFixed(1)} ${f.unit}`);
emitFigures(figures);
