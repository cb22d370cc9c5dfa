// @ts-check
// `npm test`: unit tests (vitest), the web renderer build, then end-to-end tests (Playwright in Debian's Chromium).
// Ends with one plain line, `N passed, N failed`, for CI to read.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_HOWTO, findChromium } from './lib/chromium.mjs';
import { POSTGRES_HOWTO, probePostgres } from './lib/postgres.mjs';
import { cli, node24, ROOT, run } from './lib/proc.mjs';
import { playwrightCounts, readReport, vitestCounts } from './lib/reports.mjs';

const REPORTS = join(ROOT, 'out', 'reports');
const VITEST_JSON = join(REPORTS, 'vitest.json');
const E2E_JSON = join(REPORTS, 'e2e.json');

/** @typedef {'chromium' | 'postgres'} Requirement */

/**
 * @typedef {{ ok: true, env: Record<string, string> } | { ok: false, howTo: string }} Probe
 * @typedef {{ passed: number, failed: number }} Counts
 * @typedef {{ name: string, needs: Requirement[], run: (env: NodeJS.ProcessEnv) => Promise<{ code: number, counts?: Counts }> }} Step
 */

/**
 * Each requirement: found (with what to pass on to the steps) or an exact how-to.
 * @type {Record<Requirement, () => Promise<Probe>>}
 */
const requirements = {
  chromium: async () => {
    const path = findChromium();
    return path ? { ok: true, env: { FAIRSEND_CHROMIUM: path } } : { ok: false, howTo: CHROMIUM_HOWTO };
  },
  postgres: async () =>
    (await probePostgres())
      ? { ok: true, env: { FAIRSEND_PG_URL: 'postgres://postgres@127.0.0.1:5432/test' } }
      : { ok: false, howTo: POSTGRES_HOWTO },
};

const node = node24();

/** @type {Step[]} */
const steps = [
  {
    name: 'unit tests (vitest)',
    needs: [],
    async run(env) {
      rmSync(VITEST_JSON, { force: true });
      const code = await run(
        node,
        [cli.vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`],
        { env },
      );
      const report = readReport(VITEST_JSON);
      return { code, counts: report ? vitestCounts(report) : { passed: 0, failed: 1 } };
    },
  },
  {
    name: 'web renderer build',
    needs: [],
    run: async (env) => ({
      code: await run(node, [cli.vite, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
        env,
      }),
    }),
  },
  {
    name: 'end-to-end tests (Playwright)',
    needs: ['chromium'],
    async run(env) {
      rmSync(E2E_JSON, { force: true });
      const code = await run(node, [cli.playwright, 'test'], {
        env: { ...env, FAIRSEND_E2E_JSON: E2E_JSON },
      });
      const report = readReport(E2E_JSON);
      return { code, counts: report ? playwrightCounts(report) : { passed: 0, failed: 1 } };
    },
  },
  // A team-server step against the machine's PostgreSQL goes here with `needs: ['postgres']`.
];

async function main() {
  mkdirSync(REPORTS, { recursive: true });
  // Check every step's requirements first, so a missing browser fails in a second, not after the unit tests.
  const needed = [...new Set(steps.flatMap((s) => s.needs))];
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  let missing = 0;
  for (const need of needed) {
    const probe = await requirements[need]();
    if (probe.ok) Object.assign(env, probe.env);
    else {
      console.error(probe.howTo);
      missing++;
    }
  }
  if (missing) {
    console.log('0 passed, 0 failed');
    return 1;
  }

  const total = { passed: 0, failed: 0 };
  let failedSteps = 0;
  for (const step of steps) {
    console.log(`\n== ${step.name}`);
    const { code, counts } = await step.run(env);
    if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
    }
    if (code !== 0) {
      failedSteps++;
      // A step that failed without a failing test (a crash, a build error) still counts once in the summary.
      if (!counts?.failed) total.failed++;
      console.error(`== ${step.name} failed (exit ${code})`);
      // Without a build there is nothing for the end-to-end tests to load.
      if (step.name === 'web renderer build') break;
    }
  }
  console.log(`\n${total.passed} passed, ${total.failed} failed`);
  return failedSteps || total.failed ? 1 : 0;
}

process.exitCode = await main();
