// @ts-check
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_HOWTO, findChromium } from '../../scripts/lib/chromium.mjs';
import { median } from '../../scripts/lib/figures.mjs';
import { cli, node24, ROOT, run } from '../../scripts/lib/proc.mjs';
import { serveFolder } from '../../scripts/lib/static-server.mjs';

/**
 * engine.enroll.10k_ms (issue 10): enrolling 10,000 leads as the Add to sequence dialog does, in Debian's Chromium
 * on a fresh on-disk profile. The page is the leads bench page (bench/leads/page/enroll.ts): the renderer's own
 * modules, RxDB on Dexie/IndexedDB.
 * @typedef {import('../leads/api.ts').LeadsBenchApi} EnrollBenchApi
 * @typedef {import('../leads/api.ts').EnrollMeasure} EnrollMeasure
 * @typedef {import('../../scripts/lib/figures.mjs').Figure} Figure
 * @typedef {import('@playwright/test').Page} Page
 */

/**
 * Calls one method of the page's bench API.
 * @template {keyof EnrollBenchApi} M
 * @param {Page} page
 * @param {M} method
 * @param {Parameters<EnrollBenchApi[M]>[0]} arg
 * @returns {Promise<Awaited<ReturnType<EnrollBenchApi[M]>>>}
 */
function call(page, method, arg) {
  return page.evaluate(
    ([m, a]) => {
      const api = /** @type {{ fairsendBench: Record<string, (arg: unknown) => Promise<unknown>> }} */ (
        /** @type {unknown} */ (globalThis)
      ).fairsendBench;
      return /** @type {never} */ (api[m]?.(a));
    },
    /** @type {const} */ ([method, arg]),
  );
}

/**
 * CPU time (user + system, ms) used so far by every process of the Chromium whose profile is `dir`, read from
 * /proc: the browser process (where IndexedDB runs) and its children (the page). Wall time on a shared machine
 * stretches with everyone else's load; the CPU a run takes much less so. null where /proc is not there.
 * @param {string} dir
 * @returns {Promise<{ total: number, byType: Record<string, number> } | null>}
 */
async function chromiumCpu(dir) {
  const { readdir, readFile } = await import('node:fs/promises');
  let pids;
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  /** @type {Map<string, { ppid: string, ticks: number, type: string }>} */
  const stats = new Map();
  let root = '';
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // fields after the command's closing parenthesis: state ppid … utime(14) stime(15)
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      stats.set(pid, { ppid: rest[1] ?? '', ticks: Number(rest[11]) + Number(rest[12]), type });
      if (!root && cmd.includes(`--user-data-dir=${dir}`) && type === 'browser') root = pid;
    } catch {
      // a process that ended meanwhile
    }
  }
  if (!root) return null;
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!tree.has(pid) && tree.has(s.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  // USER_HZ is 100 on Linux: a tick is 10 ms
  /** @type {Record<string, number>} */
  const byType = {};
  let total = 0;
  for (const pid of tree) {
    const s = stats.get(pid);
    if (!s) continue;
    byType[s.type] = (byType[s.type] ?? 0) + s.ticks * 10;
    total += s.ticks * 10;
  }
  return { total, byType };
}

/** @param {string} text */
const loadavg = async (text = '') => {
  const { readFile } = await import('node:fs/promises');
  return (await readFile('/proc/loadavg', 'utf8').catch(() => text)).split(' ').slice(0, 3).join(' ');
};

/**
 * One run in a fresh on-disk profile (removed afterwards): seed the leads (untimed), then enroll.
 * With `cpuProfile`, the enroll is recorded with Chromium's sampling profiler into that file (by hand only).
 * @param {{ url: string, executablePath: string, args: string[], count: number, cpuProfile?: string }} o
 * @returns {Promise<EnrollMeasure & { seeded: Awaited<ReturnType<EnrollBenchApi['seedForEnroll']>>, cpuMs: number | null, cpuByType: Record<string, number> }>}
 */
async function oneRun(o) {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: o.executablePath,
    args: o.args,
    headless: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
    await page.goto(`${o.url}index.html`);
    await page.waitForFunction(() => 'fairsendBench' in globalThis);
    const seeded = await call(page, 'seedForEnroll', { count: o.count, seed: 42 });
    const cdp = o.cpuProfile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const cpuBefore = await chromiumCpu(dir);
    const enrolled = await call(page, 'enroll', { count: o.count });
    const cpuAfter = await chromiumCpu(dir);
    const cpuMs = cpuBefore && cpuAfter ? cpuAfter.total - cpuBefore.total : null;
    const cpuByType = Object.fromEntries(
      Object.entries(cpuAfter?.byType ?? {}).map(([type, ms]) => [type, ms - (cpuBefore?.byType[type] ?? 0)]),
    );
    if (cdp && o.cpuProfile) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(o.cpuProfile, JSON.stringify(profile));
    }
    return { ...enrolled, seeded, cpuMs, cpuByType };
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * engine.enroll.10k_ms and engine.enroll.max_task_ms: enrolling `count` leads, median of `runs` fresh profiles.
 * @param {{ url: string, executablePath: string, args: string[], runs: number, count: number, cpuProfile?: string, log: (line: string) => void }} options
 * @returns {Promise<Figure[]>}
 */
export async function runEnrollBench({ runs, log, ...browser }) {
  const load = [await loadavg()];
  /** @type {Awaited<ReturnType<typeof oneRun>>[]} */
  const all = [];
  for (let run = 1; run <= runs; run++) {
    const r = await oneRun(browser);
    const sum = r.enrolled + Object.values(r.skipped).reduce((n, k) => n + k, 0);
    if (sum !== browser.count) throw new Error(`enrolling lost leads: ${JSON.stringify(r)}`);
    // the seed knows which leads must be kept out (an observer apart from the checks under test)
    if (
      r.skipped.suppressed !== r.seeded.suppressed ||
      r.skipped['in-active-sequence'] !== r.seeded.elsewhere
    ) {
      throw new Error(
        `skipped leads do not match the seed: ${JSON.stringify({ ...r.skipped, ...r.seeded })}`,
      );
    }
    all.push(r);
    log(
      `run ${run}/${runs}: enroll ${Math.round(r.ms)} ms (Chromium CPU ${r.cpuMs ?? 'n/a'} ms: ${JSON.stringify(r.cpuByType)}), longest task ${r.maxTaskMs} ms, ` +
        `${r.idb.transactions} IndexedDB transactions (${r.idb.reads} reads, ${r.idb.writes} writes), ` +
        `skipped ${JSON.stringify(r.skipped)}`,
    );
  }
  load.push(await loadavg());
  const last = /** @type {(typeof all)[number]} */ (all.at(-1));
  const n = browser.count.toLocaleString('en');
  const times = all.map((r) => Math.round(r.ms)).join(', ');
  const skipped = Object.entries(last.skipped)
    .map(([reason, k]) => `${k} ${reason}`)
    .join(', ');
  const runsNote = runs === 1 ? '1 run' : `median of ${runs} runs (${times} ms)`;
  return [
    {
      id: 'engine.enroll.10k_ms',
      value: median(all.map((r) => r.ms)),
      unit: 'ms',
      target: 5000,
      note:
        `enrollments.enroll of the newest ${n} of ${n} leads into a two-step, two-mailbox sequence (checks, templates, rotation, chunked writes), ` +
        `on-disk profile, ${last.seeded.elsewhere} of them already in another running sequence and ${last.seeded.suppressed} suppressed; ` +
        `${last.enrolled} enrolled, skipped: ${skipped}; ${last.idb.transactions} IndexedDB transactions (${last.idb.readwrite} read-write), ` +
        `${last.idb.reads} reads, ${last.idb.writes} writes, ${last.progressCalls} progress updates; ${runsNote}; load ${load.join(' → ')}`,
    },
    {
      id: 'engine.enroll.10k_cpu_ms',
      value: median(all.map((r) => r.cpuMs ?? Number.NaN)),
      unit: 'ms',
      target: null,
      note: `CPU time (user + system) of every Chromium process (page, and the browser process where IndexedDB runs) during the same enroll, from /proc, median: less sensitive than wall time to what else the machine runs (${all.map((r) => r.cpuMs ?? 'n/a').join(', ')} ms)`,
    },
    {
      id: 'engine.enroll.max_task_ms',
      value: Math.max(...all.map((r) => r.maxTaskMs)),
      unit: 'ms',
      target: 200,
      note: `longest main-thread task while enrolling (worst run), 0 if none reached 50 ms; up to ${Math.max(...all.map((r) => r.longTasks))} tasks over 50 ms`,
    },
  ];
}

/**
 * The enroll part of the engine group: its page built with Vite, served on loopback, driven in Debian's Chromium.
 * @param {{ runs?: number, count?: number, cpuProfile?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<Figure[]>}
 */
export async function runEnrollGroup({ runs = 3, count = 10_000, cpuProfile, log = console.log } = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HOWTO);
  // BENCH_READABLE=1 (by hand, with --cpu-profile): unminified, so the profile names functions
  const readable = process.env.BENCH_READABLE ? ['--minify', 'false'] : [];
  if ((await run(node24(), [cli.vite, 'build', '--config', 'bench/vite.config.ts', ...readable])) !== 0) {
    throw new Error('the bench page did not build');
  }
  const server = await serveFolder(join(ROOT, 'out', 'bench', 'leads'));
  try {
    return await runEnrollBench({
      url: server.url,
      executablePath,
      args: CHROMIUM_ARGS,
      runs,
      count,
      ...(cpuProfile ? { cpuProfile } : {}),
      log: (line) => log(`  ${line}`),
    });
  } finally {
    await server.close();
  }
}

// By hand: `node bench/engine/enroll-driver.mjs [--runs N] [--count N] [--cpu-profile FILE]` prints the figures
// (a .cpuprofile opens in Chromium's DevTools, Performance panel); it writes nothing to bench/results.json.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1' },
      count: { type: 'string', default: '10000' },
      'cpu-profile': { type: 'string' },
    },
  });
  const profile = values['cpu-profile'];
  const figures = await runEnrollGroup({
    runs: Math.max(1, Number(values.runs)),
    count: Math.max(1, Number(values.count)),
    ...(profile ? { cpuProfile: profile } : {}),
  });
  console.log(JSON.stringify(figures, null, 2));
}
