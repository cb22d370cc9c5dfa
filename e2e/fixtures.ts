import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Page } from '@playwright/test';
import { generateLeadsCsv } from '../bench/generate-leads';
import { createHandlers } from '../electron/main/handlers';
import { createKeySealer, loadDevVaultKey } from '../electron/main/secrets/sealer';
import { createMainServices } from '../electron/main/services';
import { createFileStore } from '../electron/main/vault/file-store';
import { startWebHost } from '../electron/web-host/server';
import { CHROMIUM_ARGS, CHROMIUM_HOWTO, findChromium } from '../scripts/lib/chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RENDERER_DIR = join(ROOT, 'out', 'renderer');

export interface TestHost {
  /** http://127.0.0.1:<port>/ */
  url: string;
  origin: string;
  /** the main-process side's data folder (team key, dev vault key) */
  dataDir: string;
  version: string;
}

interface WorkerFixtures {
  host: TestHost;
}

interface TestFixtures {
  /** the page's Chromium profile on disk, fresh for each test */
  profileDir: string;
  /** writes a generated lead CSV (default 1,000 rows) into the test's output folder and returns its path */
  leadsCsv: (count?: number, seed?: number) => Promise<string>;
}

/** Browser mode wired as electron/web-host/main.ts wires it, but on a free port with throwaway data. */
async function startTestHost(): Promise<TestHost & { close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-e2e-host-'));
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  try {
    await readFile(join(RENDERER_DIR, 'index.html'));
  } catch {
    throw new Error('out/renderer is not built: run `npm run build:web` (or `npm test`, which builds it).');
  }
  // An empty env: the key always comes from the temp file, never from the developer's FAIRSEND_DEV_VAULT_KEY.
  const services = await createMainServices({
    dataDir,
    sealer: createKeySealer(await loadDevVaultKey(join(dataDir, 'dev-vault.key'), {})),
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: pkg.version, mode: 'browser', platform: process.platform }),
    openExternal: async () => {},
  });
  const host = await startWebHost({ handlers: createHandlers(services), staticDir: RENDERER_DIR, port: 0 });
  return {
    url: host.url,
    origin: new URL(host.url).origin,
    dataDir,
    version: pkg.version,
    async close() {
      await host.close();
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  host: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const host = await startTestHost();
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  profileDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-e2e-profile-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  // A persistent context keeps IndexedDB on disk, as a real profile does (a plain context keeps it in memory).
  context: async ({ profileDir }, use) => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error(CHROMIUM_HOWTO);
    const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    await use(context);
    await context.close();
  },

  page: async ({ context, host }, use, testInfo) => {
    const page: Page = context.pages()[0] ?? (await context.newPage());
    const errors: Error[] = [];
    const logs: string[] = [];
    page.on('pageerror', (error) => errors.push(error));
    page.on('console', (message) => logs.push(`[${message.type()}] ${message.text()}`));
    await page.goto(host.url);
    await use(page);
    // The page's console explains most failures (a CSP refusal, a database error): keep it with the report.
    if (testInfo.status !== testInfo.expectedStatus && logs.length) {
      await testInfo.attach('browser-console', { body: logs.join('\n'), contentType: 'text/plain' });
    }
    // An uncaught exception in the app fails the test that caused it, even if its assertions passed.
    expect(errors.map((e) => e.message)).toEqual([]);
  },

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  leadsCsv: async ({}, use, testInfo) => {
    await use(async (count = 1000, seed = 1) => {
      const file = testInfo.outputPath(`leads-${count}-${seed}.csv`);
      await writeFile(file, generateLeadsCsv(count, seed));
      return file;
    });
  },
});

export { expect };
