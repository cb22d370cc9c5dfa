import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type MainConfig, readMainConfig } from '../main/config';
import { createHandlers } from '../main/handlers';
import { createKeySealer, loadDevVaultKey } from '../main/secrets/sealer';
import { createMainServices } from '../main/services';
import { describeStartupFailure, startupProblemText } from '../main/startup-problem';
import { createFileStore } from '../main/vault/file-store';
import { type DataLock, lockDataFolder } from './data-lock';
import { startWebHost } from './server';

// Browser mode's composition root: the main-process services on Node, served to a browser on loopback.
// Secrets here are sealed by the dev/test vault (a key file), which the app labels as such.

const log = (level: 'warn' | 'error', message: string) => console[level](`[fairsend] ${message}`);
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

let config: MainConfig;
try {
  config = readMainConfig();
} catch (error) {
  // no data folder is known yet: the setting at fault is all there is to say
  log('error', `Could not start: ${firstLine(error)}`);
  process.exit(1);
}
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : config.browser.port;
const { dataDir, rendererDir: staticDir, smtpCaFile } = config.browser;

/** Closing what did open, without letting a stuck close keep a failed start from exiting. */
const CLOSE_WAIT_MS = 3_000;

let lock: DataLock | undefined;
let services: Awaited<ReturnType<typeof createMainServices>> | undefined;
try {
  // Before anything opens the journal or the audit log: a second host on this folder stops here.
  const locked = await lockDataFolder(dataDir);
  if (!locked.ok) {
    log('error', locked.message);
    process.exit(1);
  }
  const held = locked.lock;
  lock = held;
  process.on('exit', () => held.release());

  const { version } = JSON.parse(
    await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
  ) as { version: string };
  const started = await createMainServices({
    dataDir,
    sealer: createKeySealer(
      await loadDevVaultKey(resolve(dataDir, 'dev-vault.key'), config.browser.devVaultKeyHex),
    ),
    oauthEndpoints: config.oauthEndpoints,
    ...(config.dnsServers ? { dnsServers: config.dnsServers } : {}),
    ciphertexts: createFileStore(resolve(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({
      name: 'Fairsend',
      version,
      mode: 'browser',
      platform: process.platform,
    }),
    openExternal: async (url) => log('warn', `Open this link yourself (browser mode has no shell): ${url}`),
    ...(smtpCaFile ? { smtpCa: await readFile(smtpCaFile, 'utf8') } : {}),
  });
  services = started;

  const host = await startWebHost({ handlers: createHandlers(started), staticDir, port, log });
  console.log(`Fairsend (browser mode) is running at ${host.url}`);
  console.log(`Main-process data is in ${dataDir} (dev/test vault: not for real secrets).`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void Promise.all([host.close(), started.close()]).then(() => process.exit(0)));
  }
} catch (error) {
  // Never a stack trace: the rep reads what happened, what to do and where the data is (startup-problem.ts).
  if (services) await Promise.race([services.close().catch(() => {}), sleep(CLOSE_WAIT_MS)]);
  lock?.release();
  console.error(startupProblemText(describeStartupFailure(error, dataDir)));
  process.exit(1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
