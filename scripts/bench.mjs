// @ts-check
// `npm run bench [-- --only leads] [--runs N] [--rows N]`: measures in Debian's Chromium on an on-disk profile,
// prints a table and writes bench/results.json. It reports; it never fails on a missed target.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLeadsBench } from '../bench/leads/driver.mjs';
import { CHROMIUM_ARGS, CHROMIUM_HOWTO, findChromium } from './lib/chromium.mjs';
import { formatTable, round } from './lib/figures.mjs';
import { cli, node24, ROOT, run } from './lib/proc.mjs';
import { serveFolder } from './lib/static-server.mjs';

/** @typedef {import('./lib/figures.mjs').Figure} Figure */

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '1' },
    rows: { type: 'string', default: '100000' },
  },
});

/**
 * Each group: the Vite build of its page, then its driver.
 * @type {Record<string, { config: string, out: string, run: (o: { url: string, executablePath: string }) => Promise<Figure[]> }>}
 */
const GROUPS = {
  leads: {
    config: 'bench/vite.config.ts',
    out: join(ROOT, 'out', 'bench', 'leads'),
    run: ({ url, executablePath }) =>
      runLeadsBench({
        url,
        executablePath,
        args: CHROMIUM_ARGS,
        runs: Math.max(1, Number(values.runs)),
        count: Math.max(1, Number(values.rows)),
        log: (line) => console.log(`  ${line}`),
      }),
  },
};

async function main() {
  const names = values.only ? values.only.split(',') : Object.keys(GROUPS);
  const unknown = names.filter((n) => !(n in GROUPS));
  if (unknown.length) {
    console.error(`Unknown bench group: ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`);
    return 2;
  }
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(CHROMIUM_HOWTO);
    return 1;
  }
  const started = Date.now();
  /** @type {Figure[]} */
  const figures = [];
  for (const name of names) {
    const group = GROUPS[name];
    if (!group) continue;
    console.log(`== bench ${name}`);
    if ((await run(node24(), [cli.vite, 'build', '--config', group.config])) !== 0) return 1;
    const server = await serveFolder(group.out);
    try {
      figures.push(...(await group.run({ url: server.url, executablePath })));
    } finally {
      await server.close();
    }
  }
  const rounded = figures.map((f) => ({ ...f, value: round(f.value) }));
  await writeFile(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(rounded, null, 2)}\n`);
  console.log(`\n${formatTable(rounded)}\n`);
  console.log(`bench/results.json written (${Math.round((Date.now() - started) / 1000)} s)`);
  return 0;
}

process.exitCode = await main();
