import type { DnsServersStatus } from '../../../shared/ipc/settings';
import { readJsonFile, writeJsonFile } from './json-file';

/**
 * Settings → Advanced → DNS servers, kept by main: the rep's choice wins over FAIRSEND_DNS_SERVERS, which wins
 * over the system's. `apply` is told the servers to use whenever they change (and once at start).
 */
export function createDnsSettingsStore(
  file: string,
  { fromEnvironment, apply }: { fromEnvironment?: string[]; apply: (servers: string[] | undefined) => void },
) {
  let chosen = readJsonFile<{ servers: string[] }>(file, { servers: [] }).servers;
  const status = (): DnsServersStatus =>
    chosen.length
      ? { servers: chosen, from: 'settings' }
      : fromEnvironment?.length
        ? { servers: fromEnvironment, from: 'environment' }
        : { servers: [], from: 'system' };
  const applyCurrent = () => {
    const s = status();
    apply(s.from === 'system' ? undefined : s.servers);
  };
  applyCurrent();
  return {
    status,
    set(servers: string[]): DnsServersStatus {
      writeJsonFile(file, { servers });
      chosen = servers;
      applyCurrent();
      return status();
    },
  };
}

export type DnsSettingsStore = ReturnType<typeof createDnsSettingsStore>;
