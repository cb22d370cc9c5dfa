// @ts-check
// `npm run bench [-- --only leads,ui,smtp,gate,crash,stats,sync,engine] [--runs N] [--rows N]`: leads, ui and engine's
// enroll measure in Debian's Chromium on an on-disk profile; smtp, gate, crash and engine run in Node 24 child
// processes (bench/<group>/run.ts, loopback only). Prints a table and writes bench/results.json. It reports; it never fails
// on a missed target.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runEnrollGroup } from '../bench/engine/enroll-driver.mjs';
import { runLeadsBench } from '../bench/leads/driver.mjs';
import { runNodeGroup } from '../bench/lib/run-group.mjs';
import { CHROMIUM_ARGS, CHROMIUM_HOWTO, findChromium } from './lib/chromium.mjs';
import { formatTable, mergeFigures, round } from './lib/figures.mjs';
import { cli, node24, ROOT, run } from './lib/proc.mjs';
import { serveFolder } from './lib/static-server.mjs';

/** @typedef {import('./lib/figures.mjs').Figure} Figure */

const RESULTS = join(ROOT, 'bench', 'results.json');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '1' },
    rows: { type: 'string', default: '100000' },
  },
});

/** The leads group: the Vite build of its page, served on loopback, then its driver in Chromium. */
async function leads() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HOWTO);
  if ((await run(node24(), [cli.vite, 'build', '--config', 'bench/vite.config.ts'])) !== 0) {
    throw new Error('the leads bench page did not build');
  }
  const server = await serveFolder(join(ROOT, 'out', 'bench', 'leads'));
  try {
    return await runLeadsBench({
      url: server.url,
      executablePath,
      args: CHROMIUM_ARGS,
      runs: Math.max(1, Number(values.runs)),
      count: Math.max(1, Number(values.rows)),
      log: (line) => console.log(`  ${line}`),
    });
  } finally {
    await server.close();
  }
}

/**
 * The ui group: the browser-mode app built into its own folder (so a parallel e2e run keeps out/renderer),
 * then bench/ui/run.ts in Node 24 serves it with the real web host and reads the leads screen in Chromium.
 */
async function ui() {
  const outDir = join(ROOT, 'out', 'bench', 'ui-renderer');
  const build = [cli.vite, 'build', '--config', 'vite.web.config.ts', '--outDir', outDir, '--emptyOutDir'];
  if ((await run(node24(), [...build, '--logLevel', 'warn'])) !== 0) {
    throw new Error('the browser-mode app did not build');
  }
  return runNodeGroup('bench/ui/run.ts', ['--rows', String(values.rows), '--renderer', outDir]);
}

/** @type {Record<string, () => Promise<Figure[]>>} */
const GROUPS = {
  leads,
  ui,
  smtp: () => runNodeGroup('bench/smtp/run.ts'),
  gate: () => runNodeGroup('bench/gate/run.ts'),
  crash: () => runNodeGroup('bench/crash/run.ts'),
  // a manager's 30-day team stats over 1,000,000 audit events, on PostgreSQL and PGlite (issue 11)
  stats: () => runNodeGroup('bench/stats/run.ts'),
  // the team server's replication: opt-out to a desktop's RxDB, 100k audit events pushed, 50 clients pulling
  sync: () => runNodeGroup('bench/sync/run.ts'),
  // the pure engine in Node, then enrolling 10,000 leads in Chromium (RxDB on IndexedDB, on disk)
  engine: async () => [...(await runNodeGroup('bench/engine/run.ts')), ...(await runEnrollGroup())],
};

async function main() {
  const names = values.only ? values.only.split(',') : Object.keys(GROUPS);
  const unknown = names.filter((n) => !(n in GROUPS));
  if (unknown.length) {
    console.error(`Unknown bench group: ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`);
    return 2;
  }
  const started = Date.now();
  /** @type {Figure[]} */
  const figures = [];
  /** @type {string[]} */
  const failed = [];
  for (const name of names) {
    const group = GROUPS[name];
    if (!group) continue;
    console.log(`== bench ${name} (load ${loadAverage()})`);
    try {
      figures.push(...(await group()));
    } catch (error) {
      // The other groups still run and report; the exit code says that one did not.
      console.error(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      failed.push(name);
    }
  }
  if (!figures.length) return 1;
  const rounded = figures.map((f) => ({ ...f, value: round(f.value) }));
  // A partial run (--only) replaces its own lines and keeps every other group's.
  const merged = mergeFigures(readPrevious(), rounded);
  await writeFile(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`\n${formatTable(rounded)}\n`);
  console.log(`bench/results.json written (${Math.round((Date.now() - started) / 1000)} s)`);
  if (failed.length) console.error(`failed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

/** @returns {Figure[]} what the last runs wrote, or nothing if the file is missing or unreadable */
function readPrevious() {
  try {
    const previous = JSON.parse(readFileSync(RESULTS, 'utf8'));
    return Array.isArray(previous) ? previous : [];
  } catch {
    return [];
  }
}

/** The 1-, 5- and 15-minute load averages (Linux), so a figure can be read against how busy the machine was. */
function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

process.exitCode = await main();
