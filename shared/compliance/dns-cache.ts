import type { MxAnswer } from './recipient';
import { DnsFailingError, type ResolverHealth } from './resolver-health';
import type { DnsMx, DnsTxt } from './sender-auth';

export interface DnsCache extends DnsTxt, DnsMx {
  /** A fresh cached MX answer, without waiting: lets the gate decide synchronously when DNS is warm. */
  peekMx(domain: string): MxAnswer | undefined;
}

/**
 * Caches an adapter's answers for `ttlMs` (the clock is passed in). Failures are not cached, so the
 * next send asks again; concurrent lookups of one name share one query. With `health`, a "does not exist"
 * or a failure is checked against the resolver's health first: when DNS itself is failing, MX answers
 * `dns-failing` and TXT throws DnsFailingError — never "this domain does not exist" — and neither is cached.
 */
export function createDnsCache(
  adapter: DnsTxt & DnsMx,
  {
    ttlMs,
    now,
    maxEntries = 100_000,
    health,
  }: { ttlMs: number; now: () => number; maxEntries?: number; health?: ResolverHealth },
): DnsCache {
  const failing = () => health?.isFailing() ?? Promise.resolve(false);
  async function mxChecked(domain: string): Promise<MxAnswer> {
    const answer = await adapter.mx(domain);
    if ((answer.kind === 'nxdomain' || answer.kind === 'error') && (await failing()))
      return { kind: 'dns-failing' };
    return answer;
  }
  async function txtChecked(name: string): Promise<string[][] | 'nxdomain'> {
    let answer: string[][] | 'nxdomain';
    try {
      answer = await adapter.txt(name);
    } catch (error) {
      if (await failing()) throw new DnsFailingError(name);
      throw error;
    }
    if (answer === 'nxdomain' && (await failing())) throw new DnsFailingError(name);
    return answer;
  }
  type Entry = { at: number; pending: Promise<unknown>; value?: unknown; settled: boolean };
  const entries = new Map<string, Entry>();
  const fresh = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && now() - e.at < ttlMs) return e;
    if (e) entries.delete(key);
    return undefined;
  };
  function lookup<T>(key: string, run: () => Promise<T>, cacheable: (v: T) => boolean): Promise<T> {
    const hit = fresh(key);
    if (hit) return hit.pending as Promise<T>;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!); // oldest first
    const entry: Entry = { at: now(), pending: Promise.resolve(), settled: false };
    entry.pending = run().then(
      (value) => {
        if (cacheable(value)) Object.assign(entry, { value, settled: true });
        else if (entries.get(key) === entry) entries.delete(key);
        return value;
      },
      (error: unknown) => {
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      },
    );
    entries.set(key, entry);
    return entry.pending as Promise<T>;
  }
  // DNS names are case-insensitive: one entry, and one query, per name.
  const norm = (name: string) => name.toLowerCase().replace(/\.$/, '');
  return {
    txt: (name) =>
      lookup(
        `txt:${norm(name)}`,
        () => txtChecked(norm(name)),
        () => true,
      ),
    mx: (domain) =>
      lookup(
        `mx:${norm(domain)}`,
        () => mxChecked(norm(domain)),
        (a) => a.kind !== 'error' && a.kind !== 'dns-failing',
      ),
    peekMx(domain) {
      const e = fresh(`mx:${norm(domain)}`);
      return e?.settled ? (e.value as MxAnswer) : undefined;
    },
  };
}
