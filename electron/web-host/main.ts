import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readMainConfig } from '../main/config';
import { createHandlers } from '../main/handlers';
import { createKeySealer, loadDevVaultKey } from '../main/secrets/sealer';
import { createMainServices } from '../main/services';
import { createFileStore } from '../main/vault/file-store';
import { lockDataFolder } from './data-lock';
import { startWebHost } from './server';

// Browser mode's composition root: the main-process services on Node, served to a browser on loopback.
// Secrets here are sealed by the dev/test vault (a key file), which the app labels as such.

const config = readMainConfig();
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : config.browser.port;
const { dataDir, rendererDir: staticDir, smtpCaFile } = config.browser;
const { version } = JSON.parse(
  await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
) as {
  version: string;
};
const log = (level: 'warn' | 'error', message: string) => console[level](`[fairsend] ${message}`);

// Before anything opens the journal or the audit log: a second host on this folder stops here.
const locked = await lockDataFolder(dataDir);
if (!locked.ok) {
  console.error(`[fairsend] ${locked.message}`);
  process.exit(1);
}
process.on('exit', () => locked.lock.release());

const services = await createMainServices({
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

const host = await startWebHost({ handlers: createHandlers(services), staticDir, port, log });
console.log(`Fairsend (browser mode) is running at ${host.url}`);
console.log(`Main-process data is in ${dataDir} (dev/test vault: not for real secrets).`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.all([host.close(), services.close()]).then(() => process.exit(0)));
}
