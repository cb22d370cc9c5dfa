import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_HOWTO, findChromium } from './scripts/lib/chromium.mjs';

// Debian's Chromium, never a downloaded one: without it the run stops here with the way to install it.
const executablePath = findChromium();
if (!executablePath) throw new Error(CHROMIUM_HOWTO);

export default defineConfig({
  testDir: 'e2e',
  // Each worker runs its own web host and Chromium; the machine has 2 cores.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile: process.env.FAIRSEND_E2E_JSON ?? join(import.meta.dirname, 'out', 'reports', 'e2e.json'),
      },
    ],
  ],
  outputDir: 'test-results',
  // e2e/fixtures.ts launches its own persistent contexts; this covers any test that asks for `browser`.
  use: { launchOptions: { executablePath, args: CHROMIUM_ARGS }, trace: 'off' },
});
