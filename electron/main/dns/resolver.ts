import { Resolver } from 'node:dns/promises';
import type { MxAnswer } from '../../../shared/compliance/recipient';
import type { DnsMx, DnsTxt } from '../../../shared/compliance/sender-auth';

/**
 * The DNS adapter the compliance gate's pure checks take (ports and adapters): Node's c-ares resolver,
 * its error codes translated once, here, into the answers shared/compliance understands.
 */
export interface DnsResolverOptions {
  /** e.g. ['127.0.0.1:5353'] in tests; the system's resolvers when omitted. */
  servers?: string[];
  /** Per-attempt timeout (ms) and attempts per server. */
  timeoutMs?: number;
  tries?: number;
}

export class DnsUnavailableError extends Error {
  constructor(
    readonly lookup: string,
    readonly code: string,
  ) {
    super(`DNS lookup of ${lookup} failed (${code}).`);
    this.name = 'DnsUnavailableError';
  }
}

type Outcome = 'nxdomain' | 'nodata' | 'error';

/** c-ares codes: NOTFOUND is NXDOMAIN, NODATA a name without records of that type; the rest say nothing. */
function outcome(error: unknown): Outcome {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOTFOUND') return 'nxdomain';
  if (code === 'ENODATA') return 'nodata';
  return 'error';
}

export function createDnsResolver(options: DnsResolverOptions = {}): DnsTxt & DnsMx {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: options.tries ?? 2 });
  if (options.servers) resolver.setServers(options.servers);

  /** RFC 5321 §5.1: no MX but an address record means the host itself receives mail. */
  async function implicitMx(domain: string): Promise<MxAnswer> {
    const attempts = await Promise.allSettled([resolver.resolve4(domain), resolver.resolve6(domain)]);
    if (attempts.some((a) => a.status === 'fulfilled' && a.value.length > 0)) {
      return { kind: 'found', hosts: [domain] };
    }
    const outcomes = attempts.map((a) => (a.status === 'rejected' ? outcome(a.reason) : 'nodata'));
    if (outcomes.includes('error')) return { kind: 'error' };
    return outcomes.every((o) => o === 'nxdomain') ? { kind: 'nxdomain' } : { kind: 'none' };
  }

  return {
    async mx(domain) {
      let records: { exchange: string; priority: number }[];
      try {
        records = await resolver.resolveMx(domain);
      } catch (error) {
        const o = outcome(error);
        if (o === 'nodata') return implicitMx(domain);
        return o === 'nxdomain' ? { kind: 'nxdomain' } : { kind: 'error' };
      }
      if (records.length === 0) return implicitMx(domain);
      // RFC 7505: a single "0 ." record says the domain accepts no mail.
      if (records.every((r) => r.exchange === '' || r.exchange === '.')) return { kind: 'null-mx' };
      const hosts = records
        .filter((r) => r.exchange !== '' && r.exchange !== '.')
        .sort((a, b) => a.priority - b.priority)
        .map((r) => r.exchange.toLowerCase());
      return { kind: 'found', hosts };
    },

    async txt(name) {
      try {
        // Each record's character-strings as on the wire; shared/compliance joins them (RFC 7208 §3.3).
        return await resolver.resolveTxt(name);
      } catch (error) {
        const o = outcome(error);
        if (o === 'nxdomain') return 'nxdomain';
        if (o === 'nodata') return [];
        throw new DnsUnavailableError(name, String((error as { code?: unknown }).code ?? 'unknown'));
      }
    },
  };
}
