import { createDnsCache, type DnsCache } from '../../../shared/compliance/dns-cache';
import { createResolverHealth, WELL_KNOWN_CANARIES } from '../../../shared/compliance/resolver-health';
import { createDnsResolver, type DnsResolverOptions } from './resolver';

export interface DnsServiceOptions {
  /** the servers to ask (Settings → Advanced, else FAIRSEND_DNS_SERVERS); the system's when omitted or empty */
  servers?: string[];
  now: () => number;
  /** domains that must exist besides the well-known ones: the rep's own sending domains */
  canaries: () => readonly string[];
  resolver?: Omit<DnsResolverOptions, 'servers'>;
}

/** A cached answer lives this long; the resolver-health judgement much less, so a repaired network is seen soon. */
const ANSWER_TTL_MS = 10 * 60_000;
const HEALTH_TTL_MS = 30_000;

/**
 * The gate's DNS: the resolver, its cache and its health check, rebuilt (cache emptied) when the rep changes
 * the DNS servers. `cache` stays the same object, so whoever holds it follows the change.
 */
export function createDnsService(options: DnsServiceOptions) {
  const build = (servers: string[] | undefined): DnsCache => {
    const adapter = createDnsResolver({ ...options.resolver, ...(servers?.length ? { servers } : {}) });
    const health = createResolverHealth(adapter, {
      canaries: () => [...WELL_KNOWN_CANARIES, ...options.canaries()],
      ttlMs: HEALTH_TTL_MS,
      now: options.now,
    });
    return createDnsCache(adapter, { ttlMs: ANSWER_TTL_MS, now: options.now, health });
  };
  let current = build(options.servers);
  const cache: DnsCache = {
    txt: (name) => current.txt(name),
    mx: (domain) => current.mx(domain),
    peekMx: (domain) => current.peekMx(domain),
  };
  return {
    cache,
    useServers(servers: string[] | undefined) {
      current = build(servers);
    },
  };
}

export type DnsService = ReturnType<typeof createDnsService>;
