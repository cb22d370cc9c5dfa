import type { MxAnswer } from './recipient';
import type { DnsMx, DnsTxt } from './sender-auth';

export interface DnsCache extends DnsTxt, DnsMx {
  /** A fresh cached MX answer, without waiting: lets the gate decide synchronously when DNS is warm. */
  peekMx(domain: string): MxAnswer | undefined;
}

/**
 * Caches an adapter's answers for `ttlMs` (the clock is passed in). Failures are not cached, so the
 * next send asks again; concurrent lookups of one name share one query.
 */
export function createDnsCache(
  adapter: DnsTxt & DnsMx,
  { ttlMs, now, maxEntries = 100_000 }: { ttlMs: number; now: () => number; maxEntries?: number },
): DnsCache {
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
        () => adapter.txt(norm(name)),
        () => true,
      ),
    mx: (domain) =>
      lookup(
        `mx:${norm(domain)}`,
        () => adapter.mx(norm(domain)),
        (a) => a.kind !== 'error',
      ),
    peekMx(domain) {
      const e = fresh(`mx:${norm(domain)}`);
      return e?.settled ? (e.value as MxAnswer) : undefined;
    },
  };
}
