import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../electron/main/handlers';
import { createKeySealer, loadDevVaultKey } from '../electron/main/secrets/sealer';
import { createMainServices } from '../electron/main/services';
import { createFileStore } from '../electron/main/vault/file-store';
import { startWebHost } from '../electron/web-host/server';
import { expect, RENDERER_DIR, test } from './fixtures';

// Browser mode on a data folder whose audit log lost its last event between two runs: the host starts anyway,
// the window says sending is paused and why, the rep saves the damaged file and starts a new record.

async function startHost(dataDir: string) {
  const services = await createMainServices({
    dataDir,
    sealer: createKeySealer(await loadDevVaultKey(join(dataDir, 'dev-vault.key'))),
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: 'e2e', mode: 'browser', platform: process.platform }),
    openExternal: async () => {},
  });
  const host = await startWebHost({ handlers: createHandlers(services), staticDir: RENDERER_DIR, port: 0 });
  return {
    url: host.url,
    services,
    close: async () => {
      await host.close();
      await services.close();
    },
  };
}

test('a damaged audit log is shown in the window, saved, and replaced by a new record', async ({
  context,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-e2e-audit-'));
  const logFile = join(dataDir, 'audit.jsonl');
  const first = await startHost(dataDir);
  for (const count of [1, 2, 3]) await first.services.audit.append('suppression.added', { count });
  await first.close();
  const lines = (await readFile(logFile, 'utf8')).split('\n').filter(Boolean);
  await writeFile(logFile, `${lines.slice(0, 2).join('\n')}\n`); // someone removed the last event
  const damaged = await readFile(logFile);

  const host = await startHost(dataDir);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.url);

  const notice = page.getByRole('alert').filter({ hasText: 'Sending is paused' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The latest entries are missing');
  await expect(notice).not.toContainText(/events-missing|audit\.jsonl|exportDamaged/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: 'Save a copy of the damaged record' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^fairsend-audit-log-damaged-\d{4}-\d{2}-\d{2}\.jsonl$/);
  expect(await readFile(await download.path())).toEqual(damaged);

  await notice.getByRole('button', { name: 'Start a new record…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a new activity record?' });
  const start = dialog.getByRole('button', { name: 'Start a new record', exact: true });
  await dialog.getByLabel(/What happened/).fill('I restored my laptop from a backup');
  await expect(start).toBeDisabled();
  await dialog.getByLabel(/saved a copy/).check();
  await start.click();

  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByText('Sending is paused')).toHaveCount(0);
  // Read from disk, not through the app: the new log starts with the record of the old one.
  const [restart] = (await readFile(logFile, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  expect(restart).toMatchObject({
    seq: 1,
    type: 'audit.chain-restarted',
    data: {
      problem: 'events-missing',
      previousRecordedSeq: 3,
      previousLoggedSeq: 2,
      note: 'I restored my laptop from a backup',
    },
  });
  expect(await host.services.audit.status()).toEqual({ state: 'ready', events: 1 });
  expect(errors).toEqual([]);
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
});
