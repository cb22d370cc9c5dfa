import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { dispatch, type Logger } from '../../../shared/ipc/dispatch';
import type { Result } from '../../../shared/ipc/result';
import { createHandlers } from '../handlers';
import { createKeySealer } from '../secrets/sealer';
import { createMainServices, type ServiceOptions } from '../services';
import { createFileStore } from '../vault/file-store';

/**
 * The real main-process services for a test: a fresh data folder, the dev/test vault, a clock that ticks a
 * second per reading (so ordering is deterministic), and whatever loopback servers the test points them at.
 */
export async function startTestServices(
  options: Partial<Omit<ServiceOptions, 'dataDir' | 'ciphertexts'>> & { start?: number } = {},
) {
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-services-'));
  let clock = options.start ?? Date.UTC(2026, 10, 26, 10, 0, 0);
  const { start: _start, ...rest } = options;
  const services = await createMainServices({
    sealer: createKeySealer(Buffer.alloc(32, 8)),
    appInfo: () => ({ name: 'Fairsend', version: 'test', mode: 'desktop', platform: 'linux' }),
    openExternal: async () => {},
    now: () => (clock += 1000),
    ...rest,
    dataDir,
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
  });
  return { services, dataDir };
}

/** Calls through the bridge dispatcher, exactly as the renderer's calls arrive; `value` throws on an error result. */
export function testBridge(services: Awaited<ReturnType<typeof createMainServices>>, log: Logger = () => {}) {
  const handlers = createHandlers(services);
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>) =>
    (await dispatch(handlers, channel, request, { transport: 'ws' }, log)) as Result<ResponseOf<C>>;
  const value = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const result = await call(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  return { call, value };
}
