import type { DnsMx } from './sender-auth';

/**
 * Tells a broken resolver from a missing domain. When a lookup says "does not exist" or fails, domains that
 * must exist (the canaries: well-known mail domains, the rep's own sending domains) are asked too; if every
 * one of them fails as well, the resolver is what is failing, and nothing may be concluded about the domain.
 * The judgement is cached briefly (the clock is passed in), and concurrent askers share one round of probes.
 */
export interface ResolverHealth {
  /** true when DNS lookups are failing on this computer (every canary failed) */
  isFailing(): Promise<boolean>;
}

/** Thrown by the DNS cache's TXT lookups when the resolver, not the name, is at fault. */
export class DnsFailingError extends Error {
  constructor(readonly lookup: string) {
    super(`DNS lookups are failing on this computer (looking up ${lookup}).`);
    this.name = 'DnsFailingError';
  }
}

/** Domains that always exist and receive mail. */
export const WELL_KNOWN_CANARIES = ['gmail.com', 'outlook.com'] as const;

export function createResolverHealth(
  probe: DnsMx,
  { canaries, ttlMs, now }: { canaries: () => readonly string[]; ttlMs: number; now: () => number },
): ResolverHealth {
  let judged: { at: number; failing: Promise<boolean> } | undefined;
  async function ask(): Promise<boolean> {
    const names = [...new Set(canaries().map((c) => c.toLowerCase()))];
    if (names.length === 0) return false; // nothing to compare with: judge the domain, as before
    const answers = await Promise.all(
      names.map((name) => probe.mx(name).catch(() => ({ kind: 'error' as const }))),
    );
    return answers.every((a) => a.kind === 'nxdomain' || a.kind === 'error' || a.kind === 'dns-failing');
  }
  return {
    isFailing() {
      if (judged && now() - judged.at < ttlMs) return judged.failing;
      const current = { at: now(), failing: ask() };
      judged = current;
      return current.failing;
    },
  };
}

/** A sending domain and its parent (mail.acme.com → acme.com), as canaries: the rep's own domain exists. */
export function ownDomainCanaries(addresses: readonly string[]): string[] {
  return addresses.flatMap((address) => {
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    if (!domain.includes('.')) return [];
    const labels = domain.split('.');
    return labels.length > 2 ? [domain, labels.slice(1).join('.')] : [domain];
  });
}
