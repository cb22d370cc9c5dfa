import type { TrustedCertificateView } from '../../../shared/mailboxes/certificate-problems';
import type { PinnedCertificate } from '../send/transports/tls-trust';
import { readJsonFile, writeJsonFile } from '../settings/json-file';

/** One pin: the certificate the rep trusted for a host and port. Certificates are public; no secret here. */
export interface TrustedCertificate extends TrustedCertificateView {
  pem: string;
}

const keyOf = (host: string, port: number) => `${host.toLowerCase()}:${port}`;

/**
 * The certificates the rep trusted, one per host and port (trusting another replaces it), in a JSON file in
 * main's data folder. `version` changes with every change, so transports built before it can rebuild.
 */
export function createTrustStore(file: string) {
  let entries = readJsonFile<{ certificates: TrustedCertificate[] }>(file, { certificates: [] }).certificates;
  let version = 0;
  const save = (next: TrustedCertificate[]) => {
    writeJsonFile(file, { certificates: next });
    entries = next;
    version += 1;
  };
  const find = (host: string, port: number) =>
    entries.find((e) => keyOf(e.host, e.port) === keyOf(host, port));
  return {
    version: () => version,
    list: (): TrustedCertificateView[] => entries.map(({ pem: _pem, ...view }) => view),
    pinFor(host: string, port: number): PinnedCertificate | undefined {
      const entry = find(host, port);
      return entry && { fingerprint256: entry.fingerprint256, pem: entry.pem };
    },
    add(entry: TrustedCertificate) {
      save([...entries.filter((e) => keyOf(e.host, e.port) !== keyOf(entry.host, entry.port)), entry]);
    },
    remove(host: string, port: number) {
      save(entries.filter((e) => keyOf(e.host, e.port) !== keyOf(host, port)));
    },
  };
}

export type TrustStore = ReturnType<typeof createTrustStore>;
