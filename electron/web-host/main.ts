import { resolve } from 'node:path';
import { createHandlers } from '../main/handlers';
import { createKeySealer, loadDevVaultKey } from '../main/secrets/sealer';
import { createTeamKey } from '../main/secrets/team-key';
import { startWebHost } from './server';

// Browser mode's composition root: the main-process services on Node, served to a browser on loopback.

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.FAIRSEND_PORT ?? 5199);
const dataDir = resolve(process.env.FAIRSEND_DATA_DIR ?? '.fairsend-dev');
const staticDir = resolve(process.env.FAIRSEND_RENDERER_DIR ?? 'out/renderer');
const log = (level: 'warn' | 'error', message: string) => console[level](`[fairsend] ${message}`);

const sealer = createKeySealer(await loadDevVaultKey(resolve(dataDir, 'dev-vault.key')));
const handlers = createHandlers({
  appInfo: () => ({
    name: 'Fairsend',
    version: process.env.npm_package_version ?? '0.0.0',
    mode: 'browser',
    platform: process.platform,
    secureStorage: false,
  }),
  openExternal: async (url) => log('warn', `Open this link yourself (browser mode has no shell): ${url}`),
  teamKey: createTeamKey(resolve(dataDir, 'team-key.sealed'), sealer),
});

const host = await startWebHost({ handlers, staticDir, port, log });
console.log(`Fairsend (browser mode) is running at ${host.url}`);
console.log(`Data for the main-process side is in ${dataDir} (dev/test vault: not for real secrets).`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void host.close().then(() => process.exit(0)));
}
