import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../electron/main/handlers';
import { createKeySealer, loadDevVaultKey } from '../../electron/main/secrets/sealer';
import { createMainServices } from '../../electron/main/services';
import { createFileStore } from '../../electron/main/vault/file-store';
import { startWebHost } from '../../electron/web-host/server';

/** Browser mode as electron/web-host/main.ts wires it, on a free loopback port with a throwaway data folder. */
export async function startBenchHost(
  rendererDir: string,
  port = 0,
): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-ui-bench-host-'));
  const pkg = JSON.parse(await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  const services = await createMainServices({
    dataDir,
    sealer: createKeySealer(await loadDevVaultKey(join(dataDir, 'dev-vault.key'))),
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: pkg.version, mode: 'browser', platform: process.platform }),
    openExternal: async () => {},
  });
  const host = await startWebHost({ handlers: createHandlers(services), staticDir: rendererDir, port });
  return {
    url: host.url,
    async close() {
      await host.close();
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
